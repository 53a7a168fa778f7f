//! Indicators as first-class data: consistency of stated changes, derived
//! earlier values, revisions, targets, charts, open data and number
//! formatting, each checked on the bytes and messages a real build gives.
//! Fixture sites live in `tests/fixtures/indicators-*/` (fictional data).

mod xml;

mod charts;
mod consistency;
mod derived;
mod example;
mod format;
mod opendata;
mod qualified;
mod revisions;
mod targets;
