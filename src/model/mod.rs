//! The typed, checked data of a site: what loading produces and rendering
//! consumes.

pub mod bulletin;
pub mod catalogue;
pub mod consistency;
pub mod derived;
pub mod disclosure;
pub mod period;
pub mod qualifiers;
pub mod relations;
pub mod series;
pub mod site;
pub mod targets;
