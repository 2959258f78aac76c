//! Turning a snapshot into what it means: capture from a Twitter page, a fill plan for an Auth0 page,
//! and the verdict on what the page reports back.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::keys::{parse_key_part_as, ConsumerPair, KeyPart, Secret};
use crate::site::{
    kind_for_url, label_names, providers_named, PageKind, Side, CONNECTION_PAGES, KEY_PAGES,
};
use crate::snapshot::{Field, PageSnapshot};

const PARTS: [KeyPart; 2] = [KeyPart::ConsumerKey, KeyPart::ConsumerSecret];

/// What a page is, judged from a whole snapshot: the URL's profile, in the top frame.
pub fn classify(snapshot: &PageSnapshot) -> Option<PageKind> {
    if !snapshot.top_frame {
        return None;
    }
    kind_for_url(&snapshot.url)
}

/// Reads the consumer key and secret off a Twitter keys page.
pub fn capture(snapshot: &PageSnapshot) -> Result<ConsumerPair, Error> {
    capture_as(snapshot, false)
}

/// Like [`capture`]; with `accept_lookalike`, values that look like another pair are taken as the admin
/// decided after the warning.
pub fn capture_as(snapshot: &PageSnapshot, accept_lookalike: bool) -> Result<ConsumerPair, Error> {
    let kind = classify(snapshot).filter(|k| KEY_PAGES.contains(k));
    let Some(kind) = kind else {
        return Err(Error::NotKeysPage(snapshot.url.href()));
    };
    let read = |part: KeyPart| -> Result<Secret, Error> {
        let mut values = snapshot
            .pairs
            .iter()
            .filter(|p| label_names(Side::Twitter, part, &p.label))
            .map(|p| p.value.as_str());
        let first = values.next().ok_or(match kind {
            // The portal shows keys only once, in the dialog after Regenerate.
            PageKind::PortalKeys => Error::PortalKeysHidden,
            _ => Error::KeyNotFound(part),
        })?;
        let parsed = parse_key_part_as(part, first, accept_lookalike)?;
        // The same value shown twice is fine; two different values are not ours to choose between.
        for other in values {
            if parse_key_part_as(part, other, accept_lookalike)
                .ok()
                .as_ref()
                != Some(&parsed)
            {
                return Err(Error::KeyAmbiguous(part));
            }
        }
        Ok(parsed)
    };
    Ok(ConsumerPair {
        key: read(KeyPart::ConsumerKey)?,
        secret: read(KeyPart::ConsumerSecret)?,
    })
}

/// What a planned action is for, in the admin's words. On the wire (`content.js` reads plans and writes
/// reports): a string, or `{"application": name}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    ConsumerKey,
    ConsumerSecret,
    CallbackUrl,
    WebsiteUrl,
    /// "Allow this application to be used to Sign in with Twitter".
    SignIn,
    /// The toggle of one Auth0 application on the connection's Applications tab.
    Application(String),
    /// The dashboard's Try control.
    Try,
}

impl Target {
    pub fn label(&self) -> String {
        match self {
            Target::ConsumerKey => KeyPart::ConsumerKey.label().into(),
            Target::ConsumerSecret => KeyPart::ConsumerSecret.label().into(),
            Target::CallbackUrl => "Callback URL".into(),
            Target::WebsiteUrl => "Website URL".into(),
            Target::SignIn => "Sign in with Twitter".into(),
            Target::Application(name) => name.clone(),
            Target::Try => "Try".into(),
        }
    }
}

impl From<KeyPart> for Target {
    fn from(part: KeyPart) -> Self {
        match part {
            KeyPart::ConsumerKey => Target::ConsumerKey,
            KeyPart::ConsumerSecret => Target::ConsumerSecret,
        }
    }
}

/// What to do to one element: `"click"`, `"focus"`, `{"check": bool}` or `{"set": value}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Op {
    /// Put this value in a text field (as typing would).
    Set(Secret),
    /// Make a checkbox or switch checked (or not), by clicking it as the admin would.
    Check(bool),
    /// Click a button that only changes the page (opens a menu).
    Click,
    /// Bring an element into view and focus it, for the admin to click.
    Focus,
}

/// One thing to do to one element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FillAction {
    pub field: u32,
    pub target: Target,
    pub op: Op,
}

/// What the content script of a tab is asked to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FillPlan {
    /// The only origin the content script may apply this plan in.
    pub origin: String,
    pub snapshot_id: u32,
    /// Replace a different value already in a field (the admin confirmed).
    pub overwrite: bool,
    pub actions: Vec<FillAction>,
}

/// The only origin a captured key or secret may be sent to.
pub const SECRET_ORIGIN: &str = "https://manage.auth0.com";

impl FillPlan {
    /// Whether this plan may go out while `pair` is captured: a plan carrying either value must be for
    /// the Auth0 dashboard.
    pub fn may_carry(&self, pair: &ConsumerPair) -> bool {
        let carries = self.actions.iter().any(|a| match &a.op {
            Op::Set(v) => v == &pair.key || v == &pair.secret,
            _ => false,
        });
        !carries || self.origin == SECRET_ORIGIN
    }
}

pub(crate) fn is_text_input(f: &Field) -> bool {
    match f.tag.as_str() {
        "textarea" => true,
        "input" => matches!(f.input_type.as_str(), "" | "text" | "password" | "url"),
        _ => false,
    }
}

/// Whether a field can take input now.
pub(crate) fn usable(f: &Field) -> bool {
    f.visible && !f.disabled && !f.readonly
}

/// Finds the one field on an Auth0 page that takes `part`.
fn field_for(snapshot: &PageSnapshot, part: KeyPart) -> Result<&Field, Error> {
    let mut candidates = snapshot.fields.iter().filter(|f| {
        is_text_input(f) && usable(f) && f.labels.iter().any(|l| label_names(Side::Auth0, part, l))
    });
    let first = candidates.next().ok_or(Error::FieldNotFound(part))?;
    if candidates.next().is_some() {
        return Err(Error::FieldAmbiguous(part));
    }
    Ok(first)
}

/// Whether an Auth0 connection page is Twitter's, by what the page itself says: its title and headings
/// (logo texts included) name Twitter or X, and no other provider. The URL cannot tell: every social
/// connection has the same shape.
pub fn check_twitter_connection(snapshot: &PageSnapshot) -> Result<(), Error> {
    let mut twitter = false;
    let mut other = None;
    for text in core::iter::once(&snapshot.title).chain(&snapshot.headings) {
        let (t, o) = providers_named(text);
        twitter |= t;
        other = other.or(o);
    }
    match (twitter, other) {
        (true, None) => Ok(()),
        (true, Some(o)) => Err(Error::ProviderUnclear(o.into())),
        (false, Some(o)) => Err(Error::OtherProvider(o.into())),
        (false, None) => Err(Error::ProviderUnknown),
    }
}

/// Plans the fill of the consumer pair into an Auth0 Twitter connection page.
pub fn plan_fill(
    snapshot: &PageSnapshot,
    pair: &ConsumerPair,
    overwrite: bool,
) -> Result<FillPlan, Error> {
    if !classify(snapshot).is_some_and(|k| CONNECTION_PAGES.contains(&k)) {
        return Err(Error::NotAuth0Page(snapshot.url.href()));
    }
    check_twitter_connection(snapshot)?;
    let actions = PARTS
        .iter()
        .map(|&part| {
            field_for(snapshot, part).map(|f| FillAction {
                field: f.id,
                target: part.into(),
                op: Op::Set(pair.get(part).clone()),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FillPlan {
        origin: snapshot.url.origin.clone(),
        snapshot_id: snapshot.snapshot_id,
        overwrite,
        actions,
    })
}

/// What happened to one field, as the content script saw it after the fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FieldOutcome {
    /// Set, and the page kept it: read back equal.
    Filled,
    /// It already held this value; nothing was changed.
    Unchanged,
    /// It holds a different value; left alone until the admin confirms.
    Occupied,
    /// Set, but the page put something else back (its framework refused the value).
    Rejected,
    /// The field is gone from the page.
    Missing,
}

impl FieldOutcome {
    /// Whether the page now holds the captured value.
    pub fn holds_value(self) -> bool {
        matches!(self, FieldOutcome::Filled | FieldOutcome::Unchanged)
    }
}

/// One field's line in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldResult {
    pub field: u32,
    pub outcome: FieldOutcome,
}

/// What the content script reports after applying a plan. It never carries a value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FillReport {
    pub snapshot_id: u32,
    pub results: Vec<FieldResult>,
    /// `wrong-origin`, `not-top-frame` or `stale`: the plan was refused as a whole.
    pub refused: Option<String>,
}

/// The verdict on one field, named for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldVerdict {
    pub target: Target,
    pub outcome: FieldOutcome,
}

/// Matches a report to its plan: one verdict per planned field, `Missing` when the page did not answer for it.
pub fn verify(plan: &FillPlan, report: &FillReport) -> Result<Vec<FieldVerdict>, Error> {
    match report.refused.as_deref() {
        None => {}
        Some("stale") => return Err(Error::StalePlan),
        Some(_) => return Err(Error::TabMoved),
    }
    if report.snapshot_id != plan.snapshot_id {
        return Err(Error::StalePlan);
    }
    Ok(plan
        .actions
        .iter()
        .map(|a| FieldVerdict {
            target: a.target.clone(),
            outcome: report
                .results
                .iter()
                .find(|r| r.field == a.field)
                .map_or(FieldOutcome::Missing, |r| r.outcome),
        })
        .collect())
}
