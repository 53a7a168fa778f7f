//! The template engine: Tera, compiled once per build from the theme's
//! `templates/` (embedded and on disk, see `theme_files`) with the site's
//! own `templates/` overriding by name, plus
//! gazette's filters (`num`, `change`) and functions (`url`, `t`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use tera::{Tera, Value};

use crate::render::format::{format_change, format_number};
use crate::render::i18n::I18n;
use crate::render::theme_files::ThemeFiles;

/// Template names every theme must provide.
pub(crate) const REQUIRED: &[&str] = &[
    "base.html",
    "index.html",
    "year.html",
    "bulletin.html",
    "indicators.html",
    "indicator.html",
    "tag.html",
    "tags.html",
    "404.html",
];

fn html_files(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "html") {
                let name = p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                out.push((p, name));
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// Compile the templates: the embedded default theme's (when the theme
/// has that layer), overridden by name by the site's own copy of the
/// theme, overridden by the site's `templates/`. Errors name the template
/// file and say what is wrong; they are configuration errors.
pub(crate) fn compile(
    theme: &ThemeFiles,
    site_templates: &Path,
    base_path: &str,
    language: &str,
    i18n: Arc<I18n>,
) -> Result<Tera, String> {
    let embedded: Vec<(String, String)> = theme
        .embedded("templates")
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html") && !name.contains('/'))
        .map(|(name, bytes)| (name, String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    let mut files: HashMap<String, std::path::PathBuf> = HashMap::new();
    if let Some(dir) = theme.disk("templates") {
        for (p, name) in html_files(&dir) {
            files.insert(name, p);
        }
    }
    for (p, name) in html_files(site_templates) {
        files.insert(name, p);
    }
    for req in REQUIRED {
        if !files.contains_key(*req) && !embedded.iter().any(|(n, _)| n == req) {
            return Err(format!(
                "template \"{req}\" is missing: the theme at themes/{}/ must provide it",
                theme.name
            ));
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escaping also writes `/` as `&#x2F;`, which neither HTML
    // nor XML needs: in URLs that is 5 bytes a slash, 15 MB over 10,000
    // pages. The five characters that can end a text or a quoted attribute
    // are enough.
    tera.set_escape_fn(escape_quoted);
    // The embedded set is complete by itself, so it compiles first; the
    // files then replace templates of the same name (Tera reports a broken
    // file by its path).
    if !embedded.is_empty() {
        tera.add_raw_templates(embedded)
            .map_err(|e| template_error(&e))?;
    }
    let mut list: Vec<(std::path::PathBuf, Option<String>)> =
        files.into_iter().map(|(n, p)| (p, Some(n))).collect();
    list.sort();
    tera.add_template_files(list)
        .map_err(|e| template_error(&e))?;
    register(&mut tera, base_path, language, i18n);
    Ok(tera)
}

/// Escapes `&`, `<`, `>`, `"` and `'`: safe in text and in quoted attributes
/// of HTML and XML, which is where the templates print values.
fn escape_quoted(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

/// Tera's error chain as one readable message.
pub(crate) fn template_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

fn lang_arg(args: &HashMap<String, Value>, default: &str) -> String {
    args.get("lang")
        .and_then(Value::as_str)
        .unwrap_or(default)
        .to_string()
}

fn register(tera: &mut Tera, base_path: &str, language: &str, i18n: Arc<I18n>) {
    let lang = language.to_string();
    let l1 = lang.clone();
    tera.register_filter("num", move |v: &Value, args: &HashMap<String, Value>| {
        let n = v
            .as_f64()
            .ok_or_else(|| tera::Error::msg(format!("filter `num` needs a number, got {v}")))?;
        Ok(Value::String(format_number(n, &lang_arg(args, &l1))))
    });
    let l2 = lang.clone();
    tera.register_filter("change", move |v: &Value, args: &HashMap<String, Value>| {
        let n = v
            .as_f64()
            .ok_or_else(|| tera::Error::msg(format!("filter `change` needs a number, got {v}")))?;
        Ok(Value::String(format_change(n, &lang_arg(args, &l2))))
    });
    let base = base_path.to_string();
    tera.register_function("url", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("url() needs path=\"...\""))?;
        Ok(Value::String(format!(
            "{}{}",
            base,
            path.trim_start_matches('/')
        )))
    });
    let l3 = lang;
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"...\""))?;
        Ok(Value::String(
            i18n.get(&lang_arg(args, &l3), key).to_string(),
        ))
    });
}
