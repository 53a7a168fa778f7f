//! The typed, checked data of a site: what loading produces and rendering
//! consumes.

pub(crate) mod bulletin;
pub(crate) mod catalogue;
pub(crate) mod consistency;
pub(crate) mod derived;
pub(crate) mod disclosure;
pub(crate) mod period;
pub(crate) mod qualifiers;
pub(crate) mod relations;
pub(crate) mod series;
pub(crate) mod site;
pub(crate) mod targets;
