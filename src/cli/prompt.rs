//! Questions on a terminal, each with a default taken on Enter (as
//! `zola init` asks them). Written against `BufRead`/`Write` so tests can
//! answer them; a dependency such as dialoguer would add a terminal layer
//! for three plain questions.

use std::io::{self, BufRead, Write};

/// Ask `question`, show `default`, return the answer (the default for an
/// empty line or the end of input), trimmed.
pub fn ask(
    input: &mut impl BufRead,
    out: &mut impl Write,
    question: &str,
    default: &str,
) -> io::Result<String> {
    write!(out, "> {question} [{default}]: ")?;
    out.flush()?;
    let mut line = String::new();
    input.read_line(&mut line)?;
    let answer = line.trim();
    Ok(if answer.is_empty() {
        default.to_string()
    } else {
        answer.to_string()
    })
}

/// Ask until `check` accepts the answer; its error is shown and the
/// question asked again. The end of input takes the default.
pub fn ask_valid<T>(
    input: &mut impl BufRead,
    out: &mut impl Write,
    question: &str,
    default: &str,
    check: impl Fn(&str) -> Result<T, String>,
) -> io::Result<T> {
    loop {
        let answer = ask(input, out, question, default)?;
        match check(&answer) {
            Ok(v) => return Ok(v),
            Err(msg) => writeln!(out, "  {msg}")?,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_takes_the_default_and_answers_are_trimmed() {
        let mut input = io::Cursor::new("\n  Guali  \n");
        let mut out = Vec::new();
        assert_eq!(ask(&mut input, &mut out, "Title", "x").unwrap(), "x");
        assert_eq!(ask(&mut input, &mut out, "Title", "x").unwrap(), "Guali");
        assert_eq!(ask(&mut input, &mut out, "Title", "x").unwrap(), "x");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "> Title [x]: > Title [x]: > Title [x]: "
        );
    }

    #[test]
    fn a_wrong_answer_is_asked_again() {
        let mut input = io::Cursor::new("fr\nen\n");
        let mut out = Vec::new();
        let lang = ask_valid(&mut input, &mut out, "Language", "zh", |a| match a {
            "zh" | "en" => Ok(a.to_string()),
            _ => Err("answer zh or en".to_string()),
        })
        .unwrap();
        assert_eq!(lang, "en");
        assert!(String::from_utf8(out).unwrap().contains("answer zh or en"));
    }
}
