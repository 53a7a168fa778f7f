//! A reader of the Pagefind index a build wrote, for assertions: which
//! pages a query term reaches, and what each page's record holds (URL,
//! title, filters, meta).
//!
//! It decodes the files the browser downloads (`pagefind-entry.json`, the
//! gzipped CBOR `.pf_meta` and `.pf_index` chunks, the gzipped JSON
//! `.pf_fragment` records) and matches terms the way Pagefind's search
//! does: the query is cut into words (Chinese with a dictionary
//! segmenter, as the browser's `Intl.Segmenter` does), and each word
//! reaches every indexed word it is a prefix of; a page must be reached by
//! all of them. Query words are not stemmed: in an English index, query
//! words the stemmer leaves as they are. The real search in a browser is
//! exercised by `tests/browser/`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use minicbor::Decode;

#[derive(Decode)]
struct MetaIndex {
    #[n(0)]
    _version: String,
    #[n(1)]
    pages: Vec<MetaPage>,
    #[n(2)]
    index_chunks: Vec<MetaChunk>,
}

#[derive(Decode)]
struct MetaPage {
    #[n(0)]
    hash: String,
}

#[derive(Decode)]
struct MetaChunk {
    #[n(2)]
    hash: String,
}

#[derive(Decode)]
struct WordIndex {
    #[n(0)]
    words: Vec<PackedWord>,
}

#[derive(Decode)]
struct PackedWord {
    #[n(0)]
    word: String,
    #[n(1)]
    pages: Vec<PackedPage>,
}

#[derive(Decode)]
struct PackedPage {
    #[n(0)]
    page_number: usize,
}

/// One indexed page, as its fragment record describes it.
#[derive(serde::Deserialize, Debug)]
pub(crate) struct Record {
    /// The URL a result links to.
    pub url: String,
    /// Metadata (`title`, `date`, `kind`).
    pub meta: BTreeMap<String, String>,
    /// Filters (`year`, `kind`, `tag`).
    pub filters: BTreeMap<String, Vec<String>>,
    /// The indexed text.
    pub content: String,
}

/// The index of one built site.
pub(crate) struct SearchIndex {
    /// Indexed word -> page numbers.
    words: BTreeMap<String, BTreeSet<usize>>,
    /// Page records by page number.
    pub records: Vec<Record>,
}

/// A compressed index file, unpacked.
fn gunzip(name: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name}: {e}"))?;
    // Every compressed Pagefind file starts with this signature.
    out.strip_prefix(b"pagefind_dcd")
        .map(<[u8]>::to_vec)
        .ok_or_else(|| format!("{name} lacks Pagefind's signature"))
}

impl SearchIndex {
    /// Read the index under `<output>/pagefind/` for `language`.
    pub(crate) fn read(output: &Path, language: &str) -> SearchIndex {
        let dir: PathBuf = output.join("pagefind");
        SearchIndex::load(
            |rel| std::fs::read(dir.join(rel)).unwrap_or_default(),
            language,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Load an index for `language` with `fetch`, which gives the bytes
    /// of a file by its path under `pagefind/` (from disk, or over HTTP
    /// from `serve`). An error when a file is missing or unreadable.
    pub(crate) fn load(
        fetch: impl Fn(&str) -> Vec<u8>,
        language: &str,
    ) -> Result<SearchIndex, String> {
        let entry: serde_json::Value = serde_json::from_slice(&fetch("pagefind-entry.json"))
            .map_err(|e| format!("pagefind-entry.json: {e}"))?;
        let hash = entry["languages"][language]["hash"]
            .as_str()
            .ok_or_else(|| format!("no index for language {language}: {entry}"))?;
        let name = format!("pagefind.{hash}.pf_meta");
        let meta: MetaIndex =
            minicbor::decode(&gunzip(&name, &fetch(&name))?).map_err(|e| format!("{name}: {e}"))?;
        let mut words: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for chunk in &meta.index_chunks {
            let name = format!("index/{}.pf_index", chunk.hash);
            let bytes = gunzip(&name, &fetch(&name))?;
            let index: WordIndex = minicbor::decode(&bytes).map_err(|e| format!("{name}: {e}"))?;
            for w in index.words {
                words
                    .entry(w.word)
                    .or_default()
                    .extend(w.pages.iter().map(|p| p.page_number));
            }
        }
        let mut records = Vec::new();
        for p in &meta.pages {
            let name = format!("fragment/{}.pf_fragment", p.hash);
            let json = gunzip(&name, &fetch(&name))?;
            records.push(serde_json::from_slice(&json).map_err(|e| format!("{name}: {e}"))?);
        }
        Ok(SearchIndex { words, records })
    }

    /// URLs of the pages every word of `query` reaches.
    pub(crate) fn search(&self, query: &str) -> BTreeSet<String> {
        let mut found: Option<BTreeSet<usize>> = None;
        for term in query_words(query) {
            let pages: BTreeSet<usize> = self
                .words
                .range(term.clone()..)
                .take_while(|(w, _)| w.starts_with(&term))
                .flat_map(|(_, p)| p.iter().copied())
                .collect();
            found = Some(match found {
                None => pages,
                Some(f) => f.intersection(&pages).copied().collect(),
            });
        }
        found
            .unwrap_or_default()
            .into_iter()
            .map(|i| self.records[i].url.clone())
            .collect()
    }

    /// The record of the page at `url`.
    pub(crate) fn record(&self, url: &str) -> &Record {
        self.records
            .iter()
            .find(|r| r.url == url)
            .unwrap_or_else(|| panic!("{url} is not indexed"))
    }

    /// Every indexed URL.
    pub(crate) fn urls(&self) -> BTreeSet<String> {
        self.records.iter().map(|r| r.url.clone()).collect()
    }
}

/// The words of a query: lower-cased, cut at spaces and by the word
/// segmenter, punctuation dropped.
fn query_words(query: &str) -> Vec<String> {
    let segmenter = icu_segmenter::WordSegmenter::new_dictionary(Default::default());
    let mut words = Vec::new();
    for chunk in query.split_whitespace() {
        let chunk = chunk.to_lowercase();
        let breaks: Vec<usize> = segmenter.segment_str(&chunk).collect();
        for pair in breaks.windows(2) {
            let word = &chunk[pair[0]..pair[1]];
            if word.chars().any(char::is_alphanumeric) {
                words.push(word.to_string());
            }
        }
    }
    words
}
