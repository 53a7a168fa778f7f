//! `Changes`: what changed on disk since the last rebuild, sorted by what
//! it means for the site. The watcher fills it in, the rebuild engine acts
//! on it; several batches of events merge into one, so a burst of saves
//! costs one rebuild.

use std::collections::BTreeSet;

/// What changed on disk since the last rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Changes {
    /// site.yaml.
    pub config: bool,
    /// indicators.yaml.
    pub catalogue: bool,
    /// Templates or i18n strings.
    pub theme: bool,
    /// Files under a `static/` folder.
    pub statics: bool,
    /// Paths under `bulletins/`, relative to the site root, `/`-separated.
    pub bulletins: BTreeSet<String>,
}

impl Changes {
    /// Nothing to do?
    pub(crate) fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// Add another set of changes to this one.
    pub(crate) fn merge(&mut self, other: Changes) {
        self.config |= other.config;
        self.catalogue |= other.catalogue;
        self.theme |= other.theme;
        self.statics |= other.statics;
        self.bulletins.extend(other.bulletins);
    }
}
