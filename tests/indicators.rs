//! Indicators as first-class data (issue 3): consistency of stated changes,
//! derived earlier values, revisions, targets, charts, open data and number
//! formatting, each checked on the bytes and messages a real build gives.
//! Fixture sites live in `tests/fixtures/indicators-*/` (fictional data).

#[path = "indicators/support.rs"]
mod support;

#[path = "indicators/consistency.rs"]
mod consistency;
#[path = "indicators/xml.rs"]
mod xml;

#[path = "indicators/charts.rs"]
mod charts;

#[path = "indicators/derived.rs"]
mod derived;

#[path = "indicators/revisions.rs"]
mod revisions;

#[path = "indicators/targets.rs"]
mod targets;

#[path = "indicators/opendata.rs"]
mod opendata;

#[path = "indicators/format.rs"]
mod format;

#[path = "indicators/example.rs"]
mod example;
