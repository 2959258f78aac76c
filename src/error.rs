//! Every way KeyBridge can fail, each as a sentence an admin can act on.

use thiserror::Error;

use crate::keys::{KeyPart, Lookalike, Protocol};
use crate::text::Text;

/// A value that is not a usable consumer key or secret. The sentence the admin reads is in the catalogue
/// (`text()` names it); `Display` shows its id and arguments, for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.text())]
pub enum KeyError {
    Empty(KeyPart),
    Masked(KeyPart),
    Alphabet(KeyPart, char),
    LooksLike {
        part: KeyPart,
        other: Lookalike,
    },
    Length {
        part: KeyPart,
        found: usize,
        expected: usize,
    },
}

/// Everything else that can go wrong in a capture or a fill; like [`KeyError`], shown as its message id.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.text())]
pub enum Error {
    NoTwitterTab,
    NoAuth0Tab,
    /// Several Auth0 tabs, or one another page opened: the admin picks the one to fill.
    PickAuth0Tab,
    /// The Auth0 tab names another tenant (`shown`) than the one the setup started with: the admin picks
    /// it first.
    TenantChanged {
        shown: String,
        started: String,
    },
    NotKeysPage(String),
    NotAuth0Page(String),
    /// The connection page names another provider (its name as the page shows it).
    OtherProvider(String),
    /// The connection page names no provider at all.
    ProviderUnknown,
    /// The connection page names Twitter and another provider (the other one).
    ProviderUnclear(String),
    KeyNotFound(KeyPart),
    /// The portal or the console shows no whole pair: they show keys only once.
    KeysShownOnce,
    /// The Auth0 form does not say which pair it wants: the admin is asked.
    ProtocolUnknown,
    /// The form says it wants this protocol's pair, and the admin named the other.
    ProtocolContradicts(Protocol),
    /// The form wants this protocol's pair, which is not captured.
    PairNotCaptured(Protocol),
    /// The seed era's list of connections without the Twitter settings open over it.
    SettingsNotOpen,
    KeyAmbiguous(KeyPart),
    FieldNotFound(KeyPart),
    FieldAmbiguous(KeyPart),
    #[error(transparent)]
    Key(#[from] KeyError),
    KeysChanged,
    FormNeverCame(u32),
    TabGone,
    GuidePageMissing,
    GuideNothingToDo,
    GuideNotKept(String),
    NothingCaptured,
    Expired,
    TabUnreachable(String),
    /// The tab (its title) did not answer within the seconds given.
    TabSlow(String, u32),
    PageChanged(String),
    TabMoved,
    StalePlan,
    SnapshotVersion(u32),
    SnapshotTooLarge,
    /// The page holds more fields or values than a snapshot carries: one past the bound could be a
    /// second value, so nothing is captured or filled.
    PageTruncated,
    BadMessage,
    UntrustedSender,
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
                Text::with(other.message_id(), [part.label().into()])
            }
            KeyError::Length {
                part,
                found,
                expected,
            } => Text::with(
                "errKeyLength",
                [part.label().into(), found.to_string(), expected.to_string()],
            ),
        }
    }
}

impl Error {
    /// The message the admin reads.
    pub fn text(&self) -> Text {
        use Error::*;
        match self {
            NoTwitterTab => Text::new("errNoTwitterTab"),
            NoAuth0Tab => Text::new("errNoAuth0Tab"),
            PickAuth0Tab => Text::new("errPickAuth0Tab"),
            TenantChanged { shown, started } => {
                Text::with("errTenantChanged", [shown.clone(), started.clone()])
            }
            NotKeysPage(u) => Text::with("errNotKeysPage", [u.clone()]),
            NotAuth0Page(u) => Text::with("errNotAuth0Page", [u.clone()]),
            OtherProvider(p) => Text::with("errOtherProvider", [p.clone()]),
            ProviderUnknown => Text::new("errProviderUnknown"),
            ProviderUnclear(p) => Text::with("errProviderUnclear", [p.clone()]),
            KeyNotFound(p) => Text::with("errKeyNotFound", [p.label().into()]),
            KeysShownOnce => Text::new("errKeysShownOnce"),
            ProtocolUnknown => Text::new("errProtocolUnknown"),
            ProtocolContradicts(p) => Text::new(match p {
                Protocol::OAuth1 => "errProtocolSaysOAuth1",
                Protocol::OAuth2 => "errProtocolSaysOAuth2",
            }),
            PairNotCaptured(p) => Text::new(match p {
                Protocol::OAuth1 => "errPairNotCapturedOAuth1",
                Protocol::OAuth2 => "errPairNotCapturedOAuth2",
            }),
            SettingsNotOpen => Text::new("errSettingsNotOpen"),
            KeyAmbiguous(p) => Text::with("errKeyAmbiguous", [p.label().into()]),
            FieldNotFound(p) => Text::with("errFieldNotFound", [p.label().into()]),
            FieldAmbiguous(p) => Text::with("errFieldAmbiguous", [p.label().into()]),
            Key(k) => k.text(),
            KeysChanged => Text::new("errKeysChanged"),
            FormNeverCame(s) => Text::with("errFormNeverCame", [s.to_string()]),
            TabGone => Text::new("errTabGone"),
            GuidePageMissing => Text::new("errGuidePageMissing"),
            GuideNothingToDo => Text::new("errGuideNothingToDo"),
            GuideNotKept(what) => Text::with("errGuideNotKept", [what.clone()]),
            NothingCaptured => Text::new("errNothingCaptured"),
            Expired => Text::new("errExpired"),
            TabUnreachable(t) => Text::with("errTabUnreachable", [t.clone()]),
            TabSlow(t, s) => Text::with("errTabSlow", [t.clone(), s.to_string()]),
            PageChanged(t) => Text::with("errPageChanged", [t.clone()]),
            TabMoved => Text::new("errTabMoved"),
            StalePlan => Text::new("errStalePlan"),
            SnapshotVersion(v) => Text::with("errSnapshotVersion", [v.to_string()]),
            SnapshotTooLarge => Text::new("errSnapshotTooLarge"),
            PageTruncated => Text::new("errPageTruncated"),
            BadMessage => Text::new("errBadMessage"),
            UntrustedSender => Text::new("errUntrustedSender"),
            Storage(e) => Text::with("errStorage", [e.clone()]),
        }
    }
}
