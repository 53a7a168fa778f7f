//! A Markdown body: pulldown-cmark, heading ids, CJK soft breaks, links,
//! highlighted code.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| gazette::fuzzing::markdown(data));
