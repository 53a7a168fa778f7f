//! The typed, checked data of a site: what loading produces and rendering
//! consumes.

pub mod bulletin;
pub mod catalogue;
pub mod period;
pub mod series;
pub mod site;
pub mod slug;
pub mod targets;
