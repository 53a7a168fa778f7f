//! Bulletins an earlier build parsed, taken again for files whose bytes
//! and parsing context are unchanged. Parsing the front matter (three YAML
//! passes: syntax, nesting depth, then the marked tree) was half the time
//! of a build that found nothing changed. The render cache keeps them on
//! disk (`render_cache`); this module only decides what may be reused.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::config::SiteConfig;
use crate::model::bulletin::Bulletin;
use crate::model::catalogue::Catalogue;

/// An earlier build's parses.
#[derive(Debug, Default)]
pub(crate) struct Parses {
    /// What parsing read besides the file (see `context_of`).
    pub context: u128,
    /// Source path -> (XXH3-128 of the file's bytes, the bulletin parsed
    /// from them without a diagnostic).
    pub entries: FxHashMap<String, (u128, Bulletin)>,
}

/// One bulletin of this build that parsed without a diagnostic: its
/// source path, the hash of its file's bytes, and the bulletin.
pub(crate) type Parsed = (String, u128, Arc<Bulletin>);

/// This build's clean parses and their context, for the next build.
#[derive(Debug, Default)]
pub(crate) struct ParsedNow {
    /// See `context_of`.
    pub context: u128,
    /// In source order.
    pub bulletins: Vec<Parsed>,
}

/// A hash of everything `parse_bulletin` reads besides the file: the
/// catalogue and the site settings. Their derived `Debug` text names
/// every field and holds no hash map, so any change changes it.
pub(crate) fn context_of(catalogue: &Catalogue, site: &SiteConfig) -> u128 {
    xxhash_rust::xxh3::xxh3_128(format!("{catalogue:?}\n{site:?}").as_bytes())
}

impl Parses {
    /// Whether `now` would be this, written again.
    pub(crate) fn same_as(&self, now: &ParsedNow) -> bool {
        self.context == now.context
            && self.entries.len() == now.bulletins.len()
            && now
                .bulletins
                .iter()
                .all(|(rel, hash, _)| self.entries.get(rel).is_some_and(|(h, _)| h == hash))
    }

    /// The bulletin parsed earlier from a file of these bytes at `rel`,
    /// when parsed in the same context.
    pub(crate) fn get(&self, context: u128, rel: &str, hash: u128) -> Option<&Bulletin> {
        if self.context != context {
            return None;
        }
        let (h, b) = self.entries.get(rel)?;
        (*h == hash).then_some(b)
    }
}
