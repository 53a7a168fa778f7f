//! Reading the inline SVG of a page as XML (quick-xml), so tests check
//! what a browser and a screen reader get: the elements, their attributes
//! and the text of `<title>` and `<desc>`.

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;
use quick_xml::Reader;

/// One element of a parsed document.
#[derive(Debug, Clone)]
pub(super) struct Element {
    /// Tag name.
    pub name: String,
    /// Attributes, unescaped.
    pub attrs: Vec<(String, String)>,
    /// Text directly inside it, unescaped.
    pub text: String,
    /// Index of the parent element.
    pub parent: Option<usize>,
}

impl Element {
    /// An attribute's value.
    pub(super) fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Every `<svg ...>...</svg>` fragment of an HTML page whose class is
/// `class`.
pub(super) fn svgs<'a>(html: &'a str, class: &str) -> Vec<&'a str> {
    let open = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let end = rest[start..].find("</svg>").expect("unclosed svg") + start + 6;
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// Parse a well-formed XML fragment into its elements (document order);
/// panics on malformed XML, which is the point.
pub(super) fn parse(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut elements: Vec<Element> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed XML: {e}\n{xml}"));
        let (start, is_empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let attrs = e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.unescape_value().unwrap().into_owned(),
                    )
                })
                .collect();
            elements.push(Element {
                name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                attrs,
                text: String::new(),
                parent: stack.last().copied(),
            });
            if !is_empty {
                stack.push(elements.len() - 1);
            }
            continue;
        }
        match event {
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = stack.last() {
                    elements[i].text.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap().into_owned();
                let resolved = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => resolve_xml_entity(&name)
                        .unwrap_or_else(|| panic!("unknown entity &{name};"))
                        .to_string(),
                };
                if let Some(&i) = stack.last() {
                    elements[i].text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements in\n{xml}");
    elements
}

/// Elements named `name`.
pub(super) fn all<'a>(elements: &'a [Element], name: &str) -> Vec<&'a Element> {
    elements.iter().filter(|e| e.name == name).collect()
}

/// Text of the first element named `name` that is a child of the root.
pub(super) fn child_text(elements: &[Element], name: &str) -> String {
    elements
        .iter()
        .find(|e| e.name == name && e.parent == Some(0))
        .map(|e| e.text.clone())
        .unwrap_or_else(|| panic!("no <{name}> under the root"))
}
