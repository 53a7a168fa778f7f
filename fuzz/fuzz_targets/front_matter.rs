//! A whole bulletin file: decoding, front matter split, YAML, validation,
//! and the Markdown body of a bulletin that passes.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| gazette::fuzzing::bulletin_file(data));
