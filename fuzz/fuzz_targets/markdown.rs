//! A Markdown body: pulldown-cmark, heading ids, CJK soft breaks, links,
//! highlighted code.
#![no_main]
libfuzzer_sys::fuzz_target!(
    // Load syntect's syntaxes before the clock runs: a one-time cost of
    // the process, not of any input.
    init: gazette::fuzzing::markdown(include_bytes!("warm_up.md")),
    |data: &[u8]| gazette::fuzzing::markdown(data)
);
