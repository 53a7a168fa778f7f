//! A whole bulletin file: decoding, front matter split, YAML, validation,
//! and the Markdown body of a bulletin that passes.
#![no_main]
libfuzzer_sys::fuzz_target!(
    // Load syntect's syntaxes before the clock runs (see markdown.rs).
    init: gazette::fuzzing::markdown(include_bytes!("warm_up.md")),
    |data: &[u8]| gazette::fuzzing::bulletin_file(data)
);
