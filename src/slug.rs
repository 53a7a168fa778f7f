//! Slugs: the URL segments of bulletins and tags. A slug is one path
//! segment that can never climb out of the output folder: no `/`, `\`, `.`.
//! `config` (subject keys), `load`, `model` and `render` all check or make
//! slugs, so this module sits below all of them.

/// `[a-z0-9-]`, or Unicode letters and digits, and `-`; not empty, no
/// leading or trailing `-`.
pub(crate) fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c == '-' || (c.is_alphanumeric() && !c.is_uppercase()))
}

/// Make a slug from a file stem: lower-case, runs of anything else to one `-`.
pub(crate) fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The URL segment of a tag (SPEC §3.1): lower-case, spaces to `-`,
/// punctuation and `/` dropped, CJK kept.
pub(crate) fn tag_slug(tag: &str) -> String {
    let mut out = String::new();
    for c in tag.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_never_hold_path_characters() {
        for bad in ["", "a/b", "..", ".", "a.b", "A", "a b", "-a", "a\\b"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
        for good in ["work-report-2021", "工作报告", "q3"] {
            assert!(is_valid_slug(good), "{good}");
        }
    }

    #[test]
    fn slugify_file_stems() {
        assert_eq!(slugify("Work Report 2021"), "work-report-2021");
        assert_eq!(slugify("../x"), "x");
        assert_eq!(slugify("..."), "");
    }

    #[test]
    fn tag_slugs() {
        assert_eq!(tag_slug("Public Health"), "public-health");
        assert_eq!(tag_slug("乡村振兴"), "乡村振兴");
        assert_eq!(tag_slug("a/b.c!"), "abc");
        assert_eq!(tag_slug("!!!"), "");
    }
}
