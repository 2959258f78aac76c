//! The flow's state and the messages that move it: what the background keeps, what the popup shows.

use serde::{Deserialize, Serialize};

use crate::keys::ConsumerPair;
use crate::page::{FieldOutcome, FieldVerdict, FillPlan};
use crate::site::{kind_for_url, PageKind};
use crate::snapshot::PageUrl;

/// How long captured keys live before they are forgotten.
pub const CAPTURE_LIFETIME_MS: f64 = 10.0 * 60.0 * 1000.0;

/// What the popup asks the background.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Request {
    Status,
    Capture,
    Fill {
        #[serde(default)]
        overwrite: bool,
    },
    Forget,
}

/// What the background asks a content script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PageRequest {
    Snapshot,
    Apply { plan: FillPlan },
}

/// A browser tab as KeyBridge needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tab {
    pub id: i32,
    pub window_id: i32,
    pub title: String,
    pub url: PageUrl,
    /// When the admin last looked at the tab (ms since the epoch); the most recent wins.
    pub last_accessed: u64,
}

/// The tab of one side the flow would use, and how many there were to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct TabSlot {
    pub tab: Option<Tab>,
    pub candidates: u32,
}

/// Picks the tab showing one of `kinds` among all tabs of all windows: the one the admin looked at last.
pub fn find_tab(tabs: &[Tab], kinds: &[PageKind]) -> TabSlot {
    let mut candidates: Vec<&Tab> = tabs
        .iter()
        .filter(|t| kind_for_url(&t.url).is_some_and(|k| kinds.contains(&k)))
        .collect();
    candidates.sort_by_key(|t| std::cmp::Reverse(t.last_accessed));
    TabSlot {
        tab: candidates.first().map(|t| (*t).clone()),
        candidates: u32::try_from(candidates.len()).unwrap_or(u32::MAX),
    }
}

/// Captured keys as kept in `storage.session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredCapture {
    pub pair: ConsumerPair,
    pub source_title: String,
    pub source_url: String,
    pub expires_at: f64,
}

impl StoredCapture {
    pub fn is_expired(&self, now: f64) -> bool {
        now >= self.expires_at
    }

    /// The masked view the popup may show.
    pub fn view(&self) -> CapturedView {
        CapturedView {
            key: self.pair.key.masked(4),
            secret: self.pair.secret.masked(0),
            source_title: self.source_title.clone(),
            source_url: self.source_url.clone(),
            expires_at: self.expires_at,
        }
    }
}

/// Captured keys as the popup shows them: masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapturedView {
    pub key: String,
    pub secret: String,
    pub source_title: String,
    pub source_url: String,
    pub expires_at: f64,
}

/// The tone of a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Tone {
    Info,
    Success,
    Error,
}

/// One sentence for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub tone: Tone,
    pub text: String,
}

impl Notice {
    pub fn error(e: impl std::fmt::Display) -> Self {
        Self {
            tone: Tone::Error,
            text: e.to_string(),
        }
    }
    pub fn success(text: impl Into<String>) -> Self {
        Self {
            tone: Tone::Success,
            text: text.into(),
        }
    }
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            tone: Tone::Info,
            text: text.into(),
        }
    }
}

/// Everything the popup renders. Carries no secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PopupState {
    pub twitter: TabSlot,
    pub auth0: TabSlot,
    pub captured: Option<CapturedView>,
    pub fill: Vec<FieldVerdict>,
    pub notice: Option<Notice>,
    /// A field holds a different value: the popup offers to replace it.
    pub confirm_overwrite: bool,
}

/// The sentence that sums up a fill, and whether the admin must confirm an overwrite.
pub fn fill_summary(verdicts: &[FieldVerdict]) -> (Notice, bool) {
    let occupied = verdicts.iter().any(|v| v.outcome == FieldOutcome::Occupied);
    if verdicts.iter().all(|v| v.outcome.holds_value()) {
        (
            Notice::success("Both values are in the Auth0 form and read back. Click Save in Auth0 to keep them."),
            false,
        )
    } else if occupied {
        (
            Notice::info("Auth0 already holds a different value. Nothing was replaced; click “Replace in Auth0” if the captured keys are the right ones."),
            true,
        )
    } else {
        (
            Notice::error("The Auth0 page did not keep every value (see below). Reload the Auth0 tab and fill again."),
            false,
        )
    }
}
