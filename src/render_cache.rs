//! The render cache, `render/` in gazette's cache folder (SPEC §5.1): what
//! the last build made of each page, so that the next build renders only
//! the pages whose inputs changed. Like cargo's `target/`, it is safe to
//! delete and worth keeping between CI runs; unlike the spare tree it does
//! not need the previous output folder.
//!
//! - `manifest.bin`: the gazette (version and a hash of its executable),
//!   machine and site root it was written for, every input key the pages read with its fingerprint, and per
//!   page its keys (as indices into that table) and its files (`record`);
//!   a header line carries the XXH3-128 of the rest, so a truncated or
//!   garbled manifest is detected and ignored;
//! - `blobs/<hash>`: the bytes of each generated file, named by their
//!   XXH3-128 hash. A blob is a hard link to the output file when the two
//!   are on one file system (no second copy), else a copy. Every blob is
//!   checked against its name before use: a file edited in place in the
//!   output, or a damaged cache, makes its page be rendered again.
//!
//! Nothing in the cache is trusted: a manifest of another version, site
//! or format, a key whose fingerprint moved, a missing or altered blob,
//! each means "render the page". The manifest is replaced atomically
//! (written beside and renamed) after the new output is in place; blobs
//! no longer named by it are removed then.

use rustc_hash::FxHashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::load::parses::{ParsedNow, Parses};
use crate::model::bulletin::Bulletin;
use crate::pipeline::{Earlier, Reused};
use crate::render::inputs::{Fingerprint, InputKey};
use crate::render::page_id::PageId;
use crate::render::prints::Prints;
use crate::render::record::{KeyTable, PageRecord, Stored};
use crate::render::Content;
use crate::write::WriteError;

/// An I/O failure of the cache, for `WriteError`.
fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> WriteError {
    let context = context.into();
    move |source| WriteError::Io { context, source }
}

/// Bumped whenever the manifest's shape or meaning changes.
const FORMAT: u32 = 2;
/// The manifest's first line starts so; the hash of the rest follows.
const HEADER: &str = "gazette render cache ";
const PARSES_HEADER: &str = "gazette parses ";

/// The last build's parses on disk (`render/parses.bin`).
#[derive(Deserialize)]
struct ParsesFile {
    format: u32,
    gazette: String,
    machine: String,
    root: PathBuf,
    context: u128,
    entries: rustc_hash::FxHashMap<String, (u128, Bulletin)>,
}

#[derive(Serialize)]
struct ParsesFileOut<'a> {
    format: u32,
    gazette: &'a str,
    machine: String,
    root: &'a Path,
    context: u128,
    entries: EntriesOut<'a>,
}

/// This build's parses, written as the map `ParsesFile` reads.
struct EntriesOut<'a>(&'a [crate::load::parses::Parsed]);

impl Serialize for EntriesOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(rel, hash, b)| (rel, (hash, &**b))))
    }
}

/// The file's body after its header line, when the header names the
/// body's XXH3-128 (a truncated or altered file is no file).
fn read_checked(path: &Path, header: &str) -> Option<Vec<u8>> {
    let mut text = std::fs::read(path).ok()?;
    let newline = text.iter().position(|&b| b == b'\n')?;
    let head = std::str::from_utf8(&text[..newline])
        .ok()?
        .strip_prefix(header)?;
    if head != hex(&Fingerprint::of_bytes(&text[newline + 1..])) {
        return None;
    }
    Some(text.split_off(newline + 1))
}

/// Write `body` after a header naming its hash, by rename.
fn write_checked(dir: &Path, path: &Path, header: &str, body: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".write-")
        .tempfile_in(dir)?;
    let head = format!("{header}{}\n", hex(&Fingerprint::of_bytes(body)));
    tmp.write_all(head.as_bytes())?;
    tmp.write_all(body)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    gazette: String,
    /// Fingerprints feed integers in the machine's byte order.
    machine: String,
    root: PathBuf,
    keys: Vec<(InputKey, Fingerprint)>,
    pages: Vec<Entry>,
    blobs: Vec<(Fingerprint, BlobStat)>,
}

/// A blob's size and modification time when the manifest was written. A
/// blob that still has both is linked into the site unread; any other is
/// read and checked against its hash first. Like make's and cargo's
/// checks, this trusts the modification time: writing into a file
/// changes it, and replacing a file makes a new one. The inode is left
/// out because restoring a CI cache makes every file anew.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
struct BlobStat {
    len: u64,
    mtime: i64,
    mtime_ns: i64,
}

impl BlobStat {
    fn of(path: &Path) -> Option<BlobStat> {
        Self::with_id(path).map(|(s, _)| s)
    }

    /// The stat, and the file's device and inode numbers.
    fn with_id(path: &Path) -> Option<(BlobStat, (u64, u64))> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::symlink_metadata(path).ok()?;
        m.is_file().then(|| {
            let stat = BlobStat {
                len: m.len(),
                mtime: m.mtime(),
                mtime_ns: m.mtime_nsec(),
            };
            (stat, (m.dev(), m.ino()))
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Entry {
    id: PageId,
    keys: Vec<u32>,
    files: Vec<(String, Stored)>,
}

/// `Manifest` as it is written: borrowed from the build's records, the
/// same bytes as the owned form.
#[derive(Serialize)]
struct ManifestOut<'a> {
    format: u32,
    gazette: &'a str,
    machine: String,
    root: &'a Path,
    keys: Vec<(&'a InputKey, Fingerprint)>,
    pages: Vec<EntryOut<'a>>,
    blobs: Vec<(Fingerprint, BlobStat)>,
}

/// `Entry` as it is written.
#[derive(Serialize)]
struct EntryOut<'a> {
    id: &'a PageId,
    keys: Vec<u32>,
    files: &'a [(String, Stored)],
}

/// The render cache of one site.
pub(crate) struct RenderCache {
    dir: PathBuf,
    root: PathBuf,
    /// The blobs' sizes and times from the manifest, once it is read.
    stats: std::sync::OnceLock<rustc_hash::FxHashMap<Fingerprint, BlobStat>>,
    /// The last build's parses, once read.
    parses: std::sync::OnceLock<Option<Parses>>,
    /// Blobs found as recorded by this build.
    unchanged: std::sync::Mutex<rustc_hash::FxHashMap<Fingerprint, BlobStat>>,
    /// The manifest when read ahead of `reusable` (`page_folders`):
    /// `Some(None)` is "read, and there is none".
    manifest: std::sync::Mutex<Option<Option<Manifest>>>,
}

/// The gazette that writes and reads manifests: its version and a hash
/// of its own executable, so that two builds of one version from
/// different sources (a CI job installing from a branch) never share
/// pages. When the executable cannot be read, nothing is ever reused.
fn gazette() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::read);
        let build = match exe {
            Ok(bytes) => hex(&Fingerprint::of_bytes(&bytes)),
            Err(_) => format!(
                "unreadable-{}-{:?}",
                std::process::id(),
                std::time::SystemTime::now()
            ),
        };
        format!("{} {build}", env!("CARGO_PKG_VERSION"))
    })
}

/// The machine a manifest is valid on: its architecture and byte order.
fn machine() -> String {
    let order = if cfg!(target_endian = "big") {
        "be"
    } else {
        "le"
    };
    format!("{}-{order}", std::env::consts::ARCH)
}

fn hex(fp: &Fingerprint) -> String {
    fp.0.iter().map(|b| format!("{b:02x}")).collect()
}

impl RenderCache {
    /// The render cache in the cache folder `cache` of the site at `root`.
    pub(crate) fn new(cache: &Path, root: &Path) -> RenderCache {
        RenderCache {
            dir: cache.join("render"),
            root: crate::write::absolute_path(root),
            stats: std::sync::OnceLock::new(),
            parses: std::sync::OnceLock::new(),
            unchanged: Default::default(),
            manifest: Default::default(),
        }
    }

    /// The manifest, read now unless `page_folders` read it already.
    fn take_manifest(&self) -> Option<Manifest> {
        let early = self.manifest.lock().ok().and_then(|mut m| m.take());
        early.unwrap_or_else(|| self.manifest())
    }

    /// The folder of every file the last build recorded (repeated where
    /// files share one; not checked: `write::Staging::prefetch_folders`
    /// only makes those inside the staging folder). Keeps the manifest for
    /// `reusable`.
    pub(crate) fn page_folders(&self) -> Vec<String> {
        let Ok(mut early) = self.manifest.lock() else {
            return Vec::new();
        };
        let m = early.get_or_insert_with(|| self.manifest());
        m.iter()
            .flat_map(|m| &m.pages)
            .flat_map(|p| &p.files)
            .filter_map(|(path, _)| path.rsplit_once('/').map(|(dir, _)| dir.to_string()))
            .collect()
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join("manifest.bin")
    }

    fn blob_path(&self, fp: &Fingerprint) -> PathBuf {
        self.dir.join("blobs").join(hex(fp))
    }

    /// The manifest, if there is one this gazette wrote for this site and
    /// it is whole.
    fn manifest(&self) -> Option<Manifest> {
        let body = read_checked(&self.manifest_path(), HEADER)?;
        let m: Manifest = bincode::deserialize(&body).ok()?;
        let ours = self.written_here(m.format, &m.gazette, &m.machine, &m.root);
        let whole = m
            .pages
            .iter()
            .all(|p| p.keys.iter().all(|&k| (k as usize) < m.keys.len()));
        (ours && whole).then_some(m)
    }

    /// The blob's path and file id when its size and time are as
    /// recorded (noted, so `save` need not look again).
    fn unchanged_blob(&self, fp: &Fingerprint) -> Option<(PathBuf, (u64, u64))> {
        let recorded = self.stats.get()?.get(fp)?;
        let path = self.blob_path(fp);
        let (stat, id) = BlobStat::with_id(&path)?;
        if stat != *recorded {
            return None;
        }
        if let Ok(mut seen) = self.unchanged.lock() {
            seen.insert(*fp, stat);
        }
        Some((path, id))
    }

    fn parses_path(&self) -> PathBuf {
        self.dir.join("parses.bin")
    }

    /// The last build's parses, when the file is whole and of this gazette,
    /// machine and site (as the manifest is checked).
    fn read_parses(&self) -> Option<Parses> {
        let body = read_checked(&self.parses_path(), PARSES_HEADER)?;
        let f: ParsesFile = bincode::deserialize(&body).ok()?;
        self.written_here(f.format, &f.gazette, &f.machine, &f.root)
            .then_some(Parses {
                context: f.context,
                entries: f.entries,
            })
    }

    /// Whether a cache file names this format, this gazette build, this
    /// machine and this site.
    fn written_here(&self, format: u32, by: &str, arch: &str, root: &Path) -> bool {
        format == FORMAT && by == gazette() && arch == machine() && root == self.root
    }

    /// Keep this build's parses for the next, unless they are the ones
    /// read. A failure only costs the next build time.
    pub(crate) fn save_parses(&self, now: &ParsedNow) {
        if self.parses().is_some_and(|p| p.same_as(now)) {
            return;
        }
        let out = ParsesFileOut {
            format: FORMAT,
            gazette: gazette(),
            machine: machine(),
            root: &self.root,
            context: now.context,
            entries: EntriesOut(&now.bulletins),
        };
        if let Ok(body) = bincode::serialize(&out) {
            let _ = write_checked(&self.dir, &self.parses_path(), PARSES_HEADER, &body);
        }
    }

    /// The bytes of a blob, when they still hash to its name. An altered
    /// blob is removed, so that this build stores it again.
    fn read_blob(&self, fp: &Fingerprint) -> Option<Vec<u8>> {
        let path = self.blob_path(fp);
        let bytes = std::fs::read(&path).ok()?;
        if Fingerprint::of_bytes(&bytes) != *fp {
            let _ = std::fs::remove_file(&path);
            return None;
        }
        Some(bytes)
    }

    /// The pages of the last build whose every input fingerprints the
    /// same against the site `prints` describes. Each key is
    /// fingerprinted once, in parallel. Their files are read when written
    /// (`blob`).
    fn reusable_pages(&self, prints: &Prints) -> Reused {
        let Some(mut m) = self.take_manifest() else {
            return Reused::default();
        };
        let _ = self
            .stats
            .set(std::mem::take(&mut m.blobs).into_iter().collect());
        let same: Vec<bool> = m
            .keys
            .par_iter()
            .map(|(key, fp)| prints.of(key) == *fp)
            .collect();
        let pages = m
            .pages
            .into_par_iter()
            .filter(|p| p.keys.iter().all(|&k| same[k as usize]))
            .map(|p| {
                let record = PageRecord {
                    id: p.id.clone(),
                    keys: p.keys,
                    files: p.files,
                };
                (p.id, record)
            })
            .collect();
        // The records keep the manifest's indices: its table is where this
        // build's table starts (each key once, or the indices would move).
        let count = m.keys.len();
        let keys: KeyTable = m.keys.into_iter().map(|(k, _)| k).collect();
        if keys.len() != count {
            return Reused::default();
        }
        Reused { keys, pages }
    }

    /// Make sure a blob holds `bytes`, the content of the file just
    /// written at `staged`: linked from it (the staged tree becomes the
    /// output, whose files are never written into), or written when it
    /// cannot be linked. Best effort: a missing blob only means the page
    /// is rendered next time.
    pub(crate) fn keep(&self, staged: &Path, bytes: &[u8]) {
        let fp = Fingerprint::of_bytes(bytes);
        let target = self.blob_path(&fp);
        // A link appears whole: no temporary name needed, and one call per
        // file of a cold build. It exists already: kept by an earlier build.
        match std::fs::hard_link(staged, &target) {
            Ok(()) => return,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return,
            Err(_) => {}
        }
        // No link (another file system): the bytes, written whole under a
        // temporary name first.
        let tmp = target.with_file_name(format!(".tmp-{}-{}", std::process::id(), hex(&fp)));
        let _ = std::fs::remove_file(&tmp);
        if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, &target).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Get ready to keep blobs (`keep`).
    pub(crate) fn open_blobs(&self) {
        let _ = std::fs::create_dir_all(self.dir.join("blobs"));
    }

    /// Keep what this build made: the manifest of its pages (their blobs
    /// were kept as they were written), then remove the blobs it no
    /// longer names. `prints` holds the fingerprint of each key of `keys`.
    pub(crate) fn save(
        &self,
        records: &[PageRecord],
        keys: &KeyTable,
        prints: &[Fingerprint],
    ) -> Result<(), WriteError> {
        let blobs = self.dir.join("blobs");
        std::fs::create_dir_all(&blobs).map_err(io(format!("creating {}", blobs.display())))?;
        let named: FxHashSet<Fingerprint> = records
            .iter()
            .flat_map(|r| &r.files)
            .filter_map(|(_, stored)| match stored {
                Stored::Blob(fp) => Some(*fp),
                Stored::Copy(_) => None,
            })
            .collect();
        let unchanged = self
            .unchanged
            .lock()
            .map(|mut u| std::mem::take(&mut *u))
            .unwrap_or_default();
        let mut stats: Vec<(Fingerprint, BlobStat)> = named
            .par_iter()
            .filter_map(|fp| {
                let stat = match unchanged.get(fp) {
                    Some(s) => *s,
                    None => BlobStat::of(&self.blob_path(fp))?,
                };
                Some((*fp, stat))
            })
            .collect();
        stats.sort_unstable_by_key(|(fp, _)| *fp);
        self.write_manifest(records, keys, prints, stats)?;
        let named: FxHashSet<String> = named.iter().map(hex).collect();
        if let Ok(entries) = std::fs::read_dir(&blobs) {
            for e in entries.flatten() {
                if !named.contains(&*e.file_name().to_string_lossy()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Ok(())
    }

    fn write_manifest(
        &self,
        records: &[PageRecord],
        keys: &KeyTable,
        prints: &[Fingerprint],
        blobs: Vec<(Fingerprint, BlobStat)>,
    ) -> Result<(), WriteError> {
        if prints.len() != keys.len() {
            // Keys without fingerprints cannot be checked: nothing is kept.
            return Ok(());
        }
        // Only the keys some page names are written (the table also holds
        // the earlier build's keys), renumbered in order of first use.
        let mut renumbered = vec![u32::MAX; keys.len()];
        let mut table = Vec::new();
        let pages: Vec<EntryOut> = records
            .iter()
            .map(|r| EntryOut {
                id: &r.id,
                keys: r
                    .keys
                    .iter()
                    .map(|&k| {
                        let slot = &mut renumbered[k as usize];
                        if *slot == u32::MAX {
                            *slot = table.len() as u32;
                            table.push((keys.key(k), prints[k as usize]));
                        }
                        *slot
                    })
                    .collect(),
                files: &r.files,
            })
            .collect();
        let manifest = ManifestOut {
            format: FORMAT,
            gazette: gazette(),
            machine: machine(),
            root: &self.root,
            keys: table,
            pages,
            blobs,
        };
        let body = bincode::serialize(&manifest)
            .map_err(|e| io("writing the render cache")(std::io::Error::other(e)))?;
        write_checked(&self.dir, &self.manifest_path(), HEADER, &body)
            .map_err(io(format!("writing {}", self.manifest_path().display())))
    }
}

impl Earlier for RenderCache {
    fn reusable(&self, prints: &Prints) -> Reused {
        self.reusable_pages(prints)
    }

    fn parses(&self) -> Option<&Parses> {
        self.parses
            .get_or_init(|| self.read_parses())
            .as_ref()
            .filter(|p| !p.entries.is_empty())
    }

    fn blob(&self, hash: &Fingerprint, bytes: bool) -> Option<Content> {
        if !bytes {
            if let Some((path, file_id)) = self.unchanged_blob(hash) {
                return Some(Content::Linked {
                    path,
                    hash: *hash,
                    file_id,
                });
            }
        }
        self.read_blob(hash).map(Content::Bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(cache: &RenderCache, m: &Manifest) {
        std::fs::create_dir_all(&cache.dir).unwrap();
        let body = bincode::serialize(m).unwrap();
        let head = format!("{HEADER}{}\n", hex(&Fingerprint::of_bytes(&body)));
        std::fs::write(cache.manifest_path(), [head.as_bytes(), &body].concat()).unwrap();
    }

    fn manifest(root: &Path) -> Manifest {
        Manifest {
            format: FORMAT,
            gazette: gazette().to_string(),
            machine: machine(),
            root: root.to_path_buf(),
            keys: vec![(InputKey::Settings, Fingerprint::default())],
            pages: vec![Entry {
                id: PageId::Home,
                keys: vec![0],
                files: Vec::new(),
            }],
            blobs: Vec::new(),
        }
    }

    #[test]
    fn a_blob_is_linked_unread_only_while_its_size_and_time_are_as_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RenderCache::new(&dir.path().join(".gazette"), dir.path());
        cache.open_blobs();
        let bytes = b"<p>kept</p>".to_vec();
        let fp = Fingerprint::of_bytes(&bytes);
        let path = cache.blob_path(&fp);
        std::fs::write(&path, &bytes).unwrap();
        let recorded = BlobStat::of(&path).unwrap();
        cache
            .stats
            .set([(fp, recorded)].into_iter().collect())
            .unwrap();
        assert!(
            matches!(cache.blob(&fp, false), Some(Content::Linked { path: p, .. }) if p == path)
        );
        assert!(matches!(cache.blob(&fp, true), Some(Content::Bytes(b)) if b == bytes));
        // Written into with other bytes of the same length: the time moves
        // (set here, as a later write would), so the blob is read, found
        // wrong and dropped.
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        std::io::Write::write_all(&mut &file, b"<p>evil</p>").unwrap();
        let later = std::fs::metadata(&path).unwrap().modified().unwrap()
            + std::time::Duration::from_secs(1);
        file.set_modified(later).unwrap();
        drop(file);
        assert!(cache.blob(&fp, false).is_none());
        assert!(!path.exists(), "the damaged blob is removed");
    }

    #[test]
    fn only_a_whole_manifest_of_this_version_site_and_format_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RenderCache::new(&dir.path().join(".gazette"), dir.path());
        write(&cache, &manifest(&cache.root));
        assert!(cache.manifest().is_some());
        let changes: [fn(&mut Manifest); 5] = [
            |m| m.gazette = "0.0.0-another".to_string(),
            |m| m.format += 1,
            |m| m.root = PathBuf::from("/another/site"),
            |m| m.machine = "another-machine".to_string(),
            |m| m.pages[0].keys = vec![7],
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut m = manifest(&cache.root);
            change(&mut m);
            write(&cache, &m);
            assert!(cache.manifest().is_none(), "change {i}");
        }
    }
}
