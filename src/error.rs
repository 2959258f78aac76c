//! Every way KeyBridge can fail, each as a sentence an admin can act on.

use crate::prelude::*;

use thiserror::Error;

use crate::keys::{KeyPart, Lookalike};
use crate::text::Text;

/// A value that is not a usable consumer key or secret.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error("The {} on the Twitter page is empty.", .0.label())]
    Empty(KeyPart),
    #[error("The {} on the Twitter page is masked. Show the full value on the page, then capture again.", .0.label())]
    Masked(KeyPart),
    #[error("The {} on the Twitter page contains “{}”, which a Twitter key never has. Check that the page shows the key itself.", .0.label(), .1)]
    Alphabet(KeyPart, char),
    #[error("The value labelled {} looks like {} ({}). Auth0's Twitter connection needs the OAuth 1.0a consumer key and secret (“API Key and Secret” under Consumer Keys), not OAuth 2.0 or access-token values. Capture the right pair, or click “Capture anyway” if you are sure.", .part.label(), .other.describe().0, .other.describe().1)]
    LooksLike { part: KeyPart, other: Lookalike },
    #[error("The {} on the Twitter page has {found} characters; Twitter's have {expected}. Check that the page shows the whole key.", .part.label())]
    Length {
        part: KeyPart,
        found: usize,
        expected: usize,
    },
}

/// Everything else that can go wrong in a capture or a fill.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    #[error("No Twitter app keys tab is open. Open your app's “Keys and Access Tokens” tab on apps.twitter.com, or its “Keys and tokens” page in the developer portal.")]
    NoTwitterTab,
    #[error("No Auth0 Twitter connection tab is open. Open the Twitter connection's settings in the Auth0 dashboard.")]
    NoAuth0Tab,
    #[error("This page is not a Twitter app's keys tab ({0}). Open the “Keys and Access Tokens” tab and capture there.")]
    NotKeysPage(String),
    #[error("This page is not the Auth0 Twitter connection settings ({0}). Open the connection's Settings and fill there.")]
    NotAuth0Page(String),
    #[error("The Twitter keys tab no longer shows the {}. The page may have changed layout; reload it and capture again.", .0.label())]
    KeyNotFound(KeyPart),
    #[error("The developer portal shows the API Key and Secret only once. Click Regenerate on the Keys and tokens page, then Capture keys while the dialog shows them.")]
    PortalKeysHidden,
    #[error("The Twitter keys tab shows two different values labelled {}. KeyBridge will not guess which one is yours.", .0.label())]
    KeyAmbiguous(KeyPart),
    #[error("The Auth0 page has no field for the {}. Wait for the form to load, or reload the page, then fill again.", .0.label())]
    FieldNotFound(KeyPart),
    #[error("The Auth0 page has two fields that could be the {}. KeyBridge will not guess which one to fill.", .0.label())]
    FieldAmbiguous(KeyPart),
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("The keys on the Twitter tab changed since you captured them (they were regenerated). Click “Capture keys” again.")]
    KeysChanged,
    #[error("The Auth0 form did not appear within {0} seconds. Open the Twitter connection's Settings in the Auth0 tab, wait for it to load, then fill again.")]
    FormNeverCame(u32),
    #[error("That tab is no longer open, or no longer shows a page KeyBridge works with.")]
    TabGone,
    #[error("The page for this step is not open. Open it (see the checklist), then try again.")]
    GuidePageMissing,
    #[error("Nothing to do on that page for this step: it may already be done, or the page changed layout.")]
    GuideNothingToDo,
    #[error("The page did not keep: {0}. Reload it and try again.")]
    GuideNotKept(String),
    #[error("Nothing is captured yet. Click “Capture keys” on the Twitter keys tab first.")]
    NothingCaptured,
    #[error("The captured keys expired and were forgotten. Capture them again.")]
    Expired,
    #[error("KeyBridge could not reach the page in tab “{0}”. Reload that tab and try again.")]
    TabUnreachable(String),
    #[error("The page in tab “{0}” changed (it reloaded or moved to another page) while KeyBridge was working on it. Nothing was saved; try again once it has loaded.")]
    PageChanged(String),
    #[error("The tab moved to another page before KeyBridge could act. Nothing was filled.")]
    TabMoved,
    #[error("The page changed after KeyBridge looked at it. Try again.")]
    StalePlan,
    #[error(
        "The page sent a description KeyBridge does not understand (version {0}). Reload the tab."
    )]
    SnapshotVersion(u32),
    #[error("The page is too large for KeyBridge to read safely.")]
    SnapshotTooLarge,
    #[error("KeyBridge received a message it does not understand.")]
    BadMessage,
    #[error("KeyBridge refused a request that did not come from its own popup.")]
    UntrustedSender,
    #[error("KeyBridge's browser storage failed: {0}")]
    Storage(String),
}

impl KeyError {
    /// The message the admin reads.
    pub fn text(&self) -> Text {
        match self {
            KeyError::Empty(p) => Text::with("errKeyEmpty", [p.label().into()]),
            KeyError::Masked(p) => Text::with("errKeyMasked", [p.label().into()]),
            KeyError::Alphabet(p, c) => {
                Text::with("errKeyAlphabet", [p.label().into(), c.to_string()])
            }
            KeyError::LooksLike { part, other } => {
                let (what, why) = other.describe();
                Text::with(
                    "errKeyLooksLike",
                    [part.label().into(), what.into(), why.into()],
                )
            }
            KeyError::Length {
                part,
                found,
                expected,
            } => Text::with(
                "errKeyLength",
                [
                    part.label().into(),
                    Text::number(*found as i64),
                    Text::number(*expected as i64),
                ],
            ),
        }
    }
}

impl Error {
    /// The message the admin reads (the `Display` sentence is the English of the same message, for logs
    /// and tests).
    pub fn text(&self) -> Text {
        use Error::*;
        match self {
            NoTwitterTab => Text::new("errNoTwitterTab"),
            NoAuth0Tab => Text::new("errNoAuth0Tab"),
            NotKeysPage(u) => Text::with("errNotKeysPage", [u.clone()]),
            NotAuth0Page(u) => Text::with("errNotAuth0Page", [u.clone()]),
            KeyNotFound(p) => Text::with("errKeyNotFound", [p.label().into()]),
            PortalKeysHidden => Text::new("errPortalKeysHidden"),
            KeyAmbiguous(p) => Text::with("errKeyAmbiguous", [p.label().into()]),
            FieldNotFound(p) => Text::with("errFieldNotFound", [p.label().into()]),
            FieldAmbiguous(p) => Text::with("errFieldAmbiguous", [p.label().into()]),
            Key(k) => k.text(),
            KeysChanged => Text::new("errKeysChanged"),
            FormNeverCame(s) => Text::with("errFormNeverCame", [Text::number(i64::from(*s))]),
            TabGone => Text::new("errTabGone"),
            GuidePageMissing => Text::new("errGuidePageMissing"),
            GuideNothingToDo => Text::new("errGuideNothingToDo"),
            GuideNotKept(what) => Text::with("errGuideNotKept", [what.clone()]),
            NothingCaptured => Text::new("errNothingCaptured"),
            Expired => Text::new("errExpired"),
            TabUnreachable(t) => Text::with("errTabUnreachable", [t.clone()]),
            PageChanged(t) => Text::with("errPageChanged", [t.clone()]),
            TabMoved => Text::new("errTabMoved"),
            StalePlan => Text::new("errStalePlan"),
            SnapshotVersion(v) => Text::with("errSnapshotVersion", [Text::number(i64::from(*v))]),
            SnapshotTooLarge => Text::new("errSnapshotTooLarge"),
            BadMessage => Text::new("errBadMessage"),
            UntrustedSender => Text::new("errUntrustedSender"),
            Storage(e) => Text::with("errStorage", [e.clone()]),
        }
    }
}
