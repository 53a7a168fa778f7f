//! Periods (`2021-01/2021-11`) and numbers as front matter spells them.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| gazette::fuzzing::period_and_number(data));
