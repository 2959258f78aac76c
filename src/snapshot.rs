//! The page snapshot: what a content script tells the core about a page. The contract between JS and Rust.

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Snapshot format version; a content script of another version is refused.
pub const SNAPSHOT_VERSION: u32 = 1;
/// Bounds on what a content script may send (a hostile page must not make the core do unbounded work).
pub const MAX_FIELDS: usize = 400;
pub const MAX_PAIRS: usize = 400;
pub const MAX_LABELS: usize = 8;
pub const MAX_TEXT: usize = 512;
pub const MAX_PAGE_TEXT: usize = 4096;
/// Headings and image texts (`alt`) a snapshot may carry.
pub const MAX_HEADINGS: usize = 32;
/// Most error messages (`role="alert"`) a snapshot carries.
pub const MAX_ALERTS: usize = 4;

/// A URL as the browser parsed it (the browser is the URL parser; the core only compares parts).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PageUrl {
    /// `scheme://host[:port]`, exactly as `URL.origin` gives it.
    pub origin: String,
    /// `URL.pathname`.
    pub path: String,
    /// `URL.hash`, with its leading `#` (empty when there is none).
    pub hash: String,
}

impl PageUrl {
    /// The path's non-empty segments.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.path.split('/').filter(|s| !s.is_empty())
    }

    /// The hash route's non-empty segments (`#/connections/social` → `connections`, `social`).
    pub fn hash_segments(&self) -> impl Iterator<Item = &str> {
        let route = self.hash.trim_start_matches('#');
        let route = route.split('?').next().unwrap_or(route);
        route.split('/').filter(|s| !s.is_empty())
    }
}

impl PageUrl {
    /// The whole URL again (origin, path, hash; the query is never kept).
    pub fn href(&self) -> String {
        [self.origin.as_str(), &self.path, &self.hash].concat()
    }
}

/// One form control on the page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Field {
    /// Id the content script gave this element for this snapshot; fill plans address elements by it.
    pub id: u32,
    /// Lower-case tag name: `input`, `textarea`, `select`.
    pub tag: String,
    /// The input's type (`text`, `password`, `checkbox`, …).
    #[serde(rename = "type")]
    pub input_type: String,
    pub name: String,
    pub html_id: String,
    /// The `autocomplete` attribute: a hint of what the field takes.
    pub autocomplete: String,
    /// The ARIA role, when the page gives one (`switch` for a toggle).
    pub role: String,
    /// Every label source the content script found, nearest first.
    pub labels: Vec<String>,
    /// The current value; always empty for password inputs (see `has_value`).
    pub value: String,
    pub has_value: bool,
    pub visible: bool,
    pub readonly: bool,
    pub disabled: bool,
    pub checked: bool,
    /// KeyBridge changed it and the admin has not saved its form yet (`content.js` reports a save): its
    /// value is not yet the site's.
    pub edited: bool,
    /// It sits in the open modal dialog (see `PageSnapshot::modal_headings`).
    pub modal: bool,
}

/// A label → value pair of read-only text, such as a row of the legacy keys table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TextPair {
    pub label: String,
    pub value: String,
    /// The heading of the block the pair sits in ("Application Settings", "Your Access Token").
    pub section: String,
    /// It sits in the open modal dialog.
    pub modal: bool,
    /// For a value that could be a key (blanked or not), when the request asked for it: the first 8 bytes
    /// of the SHA-256 of `keybridge:` and the value, in hex. Tells a key KeyBridge captured from another
    /// without carrying either.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
}

/// What a content script saw on a page at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageSnapshot {
    pub version: u32,
    /// Distinguishes snapshots of the same tab; fill plans name the snapshot they were made from.
    pub snapshot_id: u32,
    pub url: PageUrl,
    pub top_frame: bool,
    pub title: String,
    /// The page's headings and image texts (`alt`), in page order: where a page says what it is about.
    pub headings: Vec<String>,
    /// The headings and image texts of the topmost open modal dialog, when one is open (a key shown once,
    /// the seed era's settings over the list): what the admin is looking at.
    pub modal_headings: Vec<String>,
    pub fields: Vec<Field>,
    pub pairs: Vec<TextPair>,
    /// What the page says is wrong (`role="alert"`, a refused save), on a page with controls.
    pub alerts: Vec<String>,
    /// The page's text, whitespace collapsed, cut at [`MAX_PAGE_TEXT`] (error pages say what is wrong in prose).
    pub text: String,
    /// The page had more than the bounds allow; the content script stopped collecting.
    pub truncated: bool,
}

impl PageSnapshot {
    /// Checks the bounds and version of a snapshot that came from a content script. Texts are counted as
    /// `content.js` cuts them, in UTF-16 units, so a page in any script fits the same bounds.
    pub fn checked(self) -> Result<Self, Error> {
        if self.version != SNAPSHOT_VERSION {
            return Err(Error::SnapshotVersion(self.version));
        }
        let fits = |s: &String| s.len() <= MAX_TEXT || s.encode_utf16().count() <= MAX_TEXT;
        let texts_ok = self.fields.iter().all(|f| {
            f.labels.len() <= MAX_LABELS
                && f.labels.iter().all(fits)
                && fits(&f.value)
                && fits(&f.name)
                && fits(&f.html_id)
                && fits(&f.autocomplete)
                && fits(&f.role)
        }) && self
            .pairs
            .iter()
            .all(|p| fits(&p.label) && fits(&p.value) && fits(&p.section))
            && fits(&self.title)
            && self.headings.len() <= MAX_HEADINGS
            && self.headings.iter().all(fits)
            && self.modal_headings.len() <= MAX_HEADINGS
            && self.modal_headings.iter().all(fits)
            && self.alerts.len() <= MAX_ALERTS
            && self.alerts.iter().all(fits)
            && self.text.encode_utf16().count() <= MAX_PAGE_TEXT;
        if self.fields.len() > MAX_FIELDS || self.pairs.len() > MAX_PAIRS || !texts_ok {
            return Err(Error::SnapshotTooLarge);
        }
        // A plan names its fields by id: each id names one field (`content.js` counts them up).
        if !self.fields.windows(2).all(|w| w[0].id < w[1].id) {
            return Err(Error::BadMessage);
        }
        Ok(self)
    }
}
