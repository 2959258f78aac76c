//! Turning a snapshot into what it means: capture from a Twitter page, a fill plan for an Auth0 page,
//! and the verdict on what the page reports back.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::error::KeyError;
use crate::keys::{parse_key_part_as, KeyPair, KeyPart, Protocol, Secret};
use crate::site::{
    auth0_field_label, kind_for_url, normalize_label, protocols_named, providers_named,
    twitter_label_names, PageKind, CONNECTION_PAGES, KEY_PAGES,
};
use crate::snapshot::{Field, PageSnapshot, TextPair};

/// What a page is, judged from a whole snapshot: the URL's profile, in the top frame.
pub fn classify(snapshot: &PageSnapshot) -> Option<PageKind> {
    if !snapshot.top_frame {
        return None;
    }
    kind_for_url(&snapshot.url)
}

/// Reads the credential pairs a Twitter keys page shows: the consumer key and secret, the OAuth 2.0
/// Client ID and secret, or both. At least one pair must be whole.
pub fn capture(snapshot: &PageSnapshot) -> Result<Vec<KeyPair>, Error> {
    capture_as(snapshot, false)
}

/// The pages that show a key only once (in the dialog after creating an app or regenerating).
const SHOWN_ONCE: &[PageKind] = &[
    PageKind::PortalKeys,
    PageKind::ConsoleApps,
    PageKind::ConsoleApp,
];

/// The page's label/value pairs the admin is looking at: those of an open dialog when it shows a key,
/// else all of them.
fn pairs_in_view(snapshot: &PageSnapshot) -> Vec<&TextPair> {
    let names_a_key = |p: &TextPair| {
        KeyPart::ALL
            .iter()
            .any(|k| twitter_label_names(*k, &p.label))
    };
    let dialog = snapshot.pairs.iter().any(|p| p.modal && names_a_key(p));
    snapshot
        .pairs
        .iter()
        .filter(|p| p.modal || !dialog)
        .collect()
}

/// The one value labelled `part` (`None` when no label names it). A page may show a label's value more
/// than once, or beside a masked or partial copy of it: the values that parse decide; two different ones
/// are not ours to choose between; when none parses, the first one's problem is the answer.
fn read_part(
    pairs: &[&TextPair],
    part: KeyPart,
    accept_lookalike: bool,
) -> Result<Option<Secret>, Error> {
    let mut first_problem = None;
    let mut found: Option<Secret> = None;
    let mut any = false;
    for p in pairs.iter().filter(|p| twitter_label_names(part, &p.label)) {
        any = true;
        match parse_key_part_as(part, &p.value, accept_lookalike) {
            Ok(v) => match &found {
                Some(f) if *f != v => return Err(Error::KeyAmbiguous(part)),
                Some(_) => {}
                None => found = Some(v),
            },
            Err(e) => {
                first_problem.get_or_insert(e);
            }
        }
    }
    match (found, first_problem) {
        (Some(v), _) => Ok(Some(v)),
        (None, Some(e)) => Err(e.into()),
        (None, None) if any => Err(Error::KeyNotFound(part)),
        (None, None) => Ok(None),
    }
}

/// The fingerprints of the keys and secrets the page shows (see `TextPair::fingerprint`): all of them,
/// the dialog's and the page's (a look does not tell them apart), for any pair.
pub fn key_prints(snapshot: &PageSnapshot) -> Vec<&str> {
    snapshot
        .pairs
        .iter()
        .filter(|p| {
            !p.fingerprint.is_empty()
                && KeyPart::ALL
                    .iter()
                    .any(|k| twitter_label_names(*k, &p.label))
        })
        .map(|p| p.fingerprint.as_str())
        .collect()
}

/// Like [`capture`]; with `accept_lookalike`, values that look like another pair are taken as the admin
/// decided after the warning.
pub fn capture_as(snapshot: &PageSnapshot, accept_lookalike: bool) -> Result<Vec<KeyPair>, Error> {
    let kind = classify(snapshot).filter(|k| KEY_PAGES.contains(k));
    let Some(kind) = kind else {
        return Err(Error::NotKeysPage(snapshot.url.href()));
    };
    if snapshot.truncated {
        return Err(Error::PageTruncated);
    }
    let pairs = pairs_in_view(snapshot);
    let mut found = Vec::new();
    let mut problem = None;
    for protocol in Protocol::ALL {
        let [k, s] = protocol.parts();
        let read = (
            read_part(&pairs, k, accept_lookalike),
            read_part(&pairs, s, accept_lookalike),
        );
        let trouble = match read {
            (Ok(None), Ok(None)) => continue,
            (Ok(Some(key)), Ok(Some(secret))) => {
                found.push(KeyPair {
                    protocol,
                    key,
                    secret,
                });
                continue;
            }
            (Err(e), _) | (_, Err(e)) => e,
            (Ok(None), _) => Error::KeyNotFound(k),
            (_, Ok(None)) => Error::KeyNotFound(s),
        };
        problem.get_or_insert(trouble);
    }
    if !found.is_empty() {
        return Ok(found);
    }
    let hidden = |e: &Error| {
        matches!(
            e,
            Error::KeyNotFound(_) | Error::Key(KeyError::Masked(_) | KeyError::Empty(_))
        )
    };
    Err(match problem {
        // The portal and the console show a key only once: a masked or absent one means regenerate.
        Some(e) if !SHOWN_ONCE.contains(&kind) || !hidden(&e) => e,
        _ if SHOWN_ONCE.contains(&kind) => Error::KeysShownOnce,
        _ => Error::KeyNotFound(KeyPart::ConsumerKey),
    })
}

/// What a planned action is for, in the admin's words. On the wire (`content.js` reads plans and writes
/// reports): a string, or `{"application": name}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    ConsumerKey,
    ConsumerSecret,
    #[serde(rename = "clientId")]
    ClientId,
    #[serde(rename = "clientSecret")]
    ClientSecret,
    /// The type of app in X's user authentication settings (a confidential client, for Auth0).
    AppType,
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
            Target::ClientId => KeyPart::ClientId.label().into(),
            Target::ClientSecret => KeyPart::ClientSecret.label().into(),
            Target::AppType => "Type of App".into(),
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
            KeyPart::ClientId => Target::ClientId,
            KeyPart::ClientSecret => Target::ClientSecret,
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
    /// The field's name as the page shows it ("API Key" on one dashboard, "Consumer Key" on another):
    /// what the admin is told was filled. Not read by the content script.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// Longest page label KeyBridge repeats to the admin.
const LABEL_CHARS: usize = 60;

impl FillAction {
    /// An action on `field`, named as the page names it.
    pub fn on(field: &Field, target: Target, op: Op) -> Self {
        let label = field
            .labels
            .first()
            .map(|l| l.chars().take(LABEL_CHARS).collect())
            .unwrap_or_default();
        FillAction {
            field: field.id,
            target,
            op,
            label,
        }
    }
}

/// What the content script of a tab is asked to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FillPlan {
    /// The only origin the content script may apply this plan in.
    pub origin: String,
    /// The page (origin, path and hash) the plan was made from: applied there only, never after the tab
    /// moved on (a single-page dashboard moves between connections without a reload).
    pub page: String,
    pub snapshot_id: u32,
    /// Replace a different value already in a field (the admin confirmed).
    pub overwrite: bool,
    pub actions: Vec<FillAction>,
}

/// The only origin a captured key or secret may be sent to.
pub const SECRET_ORIGIN: &str = "https://manage.auth0.com";

impl FillPlan {
    /// Whether this plan may go out while `pairs` are captured: a plan carrying any of their values must
    /// be for the Auth0 dashboard.
    pub fn may_carry(&self, pairs: &[KeyPair]) -> bool {
        let carries = self.actions.iter().any(|a| match &a.op {
            Op::Set(v) => pairs.iter().any(|p| p.holds(v)),
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

/// The fields of an Auth0 page the admin is looking at: those of an open dialog when it holds the
/// connection's form (the seed era's settings over the list), else all of them.
fn fields_in_view(snapshot: &PageSnapshot) -> (Vec<&Field>, bool) {
    let names_a_slot = |f: &Field| {
        f.labels.iter().any(|l| {
            auth0_field_label(true, l)
                .or(auth0_field_label(false, l))
                .is_some()
        }) || field_hint(f, true)
            || field_hint(f, false)
    };
    let dialog = snapshot.fields.iter().any(|f| f.modal && names_a_slot(f));
    let fields = snapshot
        .fields
        .iter()
        .filter(|f| f.modal || !dialog)
        .collect();
    (fields, dialog)
}

/// What a field's `name`, `id` or `autocomplete` says it takes, when its label is in no language
/// KeyBridge knows (a dashboard shown through the browser's page translation keeps `client_id`).
fn field_hint(f: &Field, key: bool) -> bool {
    let wanted: &[&str] = if key {
        &["clientid", "consumerkey", "apikey"]
    } else {
        &[
            "clientsecret",
            "consumersecret",
            "apisecret",
            "apisecretkey",
        ]
    };
    [&f.name, &f.html_id, &f.autocomplete].iter().any(|hint| {
        let squashed: String = hint
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        wanted
            .iter()
            .any(|w| squashed == *w || squashed.ends_with(w))
    })
}

/// The headings that speak for the form: the dialog's when the form is in one, else the page's.
fn headings_in_view(snapshot: &PageSnapshot) -> &[String] {
    if fields_in_view(snapshot).1 {
        &snapshot.modal_headings
    } else {
        &snapshot.headings
    }
}

/// Finds the one field of the Auth0 form that takes the key (`key`) or the secret, and the protocol its
/// labels imply: by its label in any language of the catalogue, else by its name, id or autocomplete
/// hint. Hidden, disabled and read-only fields never count; two candidates are not guessed between.
fn field_for<'a>(fields: &[&'a Field], key: bool) -> Result<(&'a Field, Option<Protocol>), Error> {
    let part = if key {
        KeyPart::ConsumerKey
    } else {
        KeyPart::ConsumerSecret
    };
    let one = |mut found: Vec<(&'a Field, Option<Protocol>)>| match found.len() {
        0 => Err(Error::FieldNotFound(part)),
        1 => Ok(found.remove(0)),
        _ => Err(Error::FieldAmbiguous(part)),
    };
    let takes: Vec<&'a Field> = fields
        .iter()
        .copied()
        .filter(|f| is_text_input(f) && usable(f))
        .collect();
    let by_label: Vec<(&'a Field, Option<Protocol>)> = takes
        .iter()
        .filter_map(|f| {
            let implied = f.labels.iter().find_map(|l| auth0_field_label(key, l))?;
            Some((*f, implied))
        })
        .collect();
    match by_label.len() {
        0 => one(takes
            .into_iter()
            .filter(|f| field_hint(f, key))
            .map(|f| (f, None))
            .collect()),
        1 => one(by_label),
        // Two fields say so: the one whose name or id says so too, if only one does.
        _ => {
            let hinted: Vec<_> = by_label
                .iter()
                .copied()
                .filter(|(f, _)| field_hint(f, key))
                .collect();
            one(if hinted.len() == 1 { hinted } else { by_label })
        }
    }
}

/// Whether an Auth0 connection page is Twitter's, by what the page itself says: its title and headings
/// (logo texts included) name Twitter or X, and no other provider. The URL cannot tell: every social
/// connection has the same shape. With the form in a dialog, the dialog's headings speak for it.
pub fn check_twitter_connection(snapshot: &PageSnapshot) -> Result<(), Error> {
    let mut twitter = false;
    let mut other = None;
    for text in core::iter::once(&snapshot.title).chain(headings_in_view(snapshot)) {
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

/// The one protocol `texts` name, if exactly one.
fn one_protocol<'a>(texts: impl Iterator<Item = &'a String>) -> Option<Protocol> {
    let (mut one, mut two) = (false, false);
    for t in texts {
        let (a, b) = protocols_named(t);
        one |= a;
        two |= b;
    }
    match (one, two) {
        (true, false) => Some(Protocol::OAuth1),
        (false, true) => Some(Protocol::OAuth2),
        _ => None,
    }
}

/// Which pair the Auth0 form wants, by what it says (real-pages.md §2c: how the dashboard shows it is not
/// public), strongest first: a protocol control's current value; the fields' labels ("Consumer Key" and
/// "API Key" are the consumer pair's; "OAuth 2.0 Client ID" is today's) and their help texts; the page's
/// headings. `None`: the page does not say (a bare "Client ID" fits both), and the admin is asked.
pub fn form_protocol(snapshot: &PageSnapshot) -> Option<Protocol> {
    let (fields, _) = fields_in_view(snapshot);
    let is_control = |f: &&&Field| {
        (f.tag == "select" || (f.input_type == "radio" && f.checked))
            && f.labels
                .iter()
                .any(|l| normalize_label(l).contains("protocol"))
    };
    if let Some(control) = fields.iter().find(is_control) {
        // A select's value is its option's value (`oauth2`); a radio's own label names it.
        let said = if control.tag == "select" {
            one_protocol(core::iter::once(&control.value))
        } else {
            one_protocol(control.labels.iter().take(1))
        };
        if said.is_some() {
            return said;
        }
    }
    let slots: Vec<(&Field, Option<Protocol>)> = [true, false]
        .iter()
        .filter_map(|&key| field_for(&fields, key).ok())
        .collect();
    let implied: Vec<Protocol> = slots.iter().filter_map(|(_, p)| *p).collect();
    match implied.as_slice() {
        [p] => return Some(*p),
        [a, b] if a == b => return Some(*a),
        [_, _] => return None,
        _ => {}
    }
    one_protocol(slots.iter().flat_map(|(f, _)| &f.labels))
        .or_else(|| one_protocol(headings_in_view(snapshot).iter()))
}

/// Plans the fill of a captured pair into an Auth0 Twitter connection page: the pair the form wants, or,
/// when the form does not say, the one the admin named (`chosen`).
pub fn plan_fill(
    snapshot: &PageSnapshot,
    captured: &[KeyPair],
    chosen: Option<Protocol>,
    overwrite: bool,
) -> Result<FillPlan, Error> {
    let Some(kind) = classify(snapshot).filter(|k| CONNECTION_PAGES.contains(k)) else {
        return Err(Error::NotAuth0Page(snapshot.url.href()));
    };
    if snapshot.truncated {
        return Err(Error::PageTruncated);
    }
    let (fields, dialog) = fields_in_view(snapshot);
    // The seed era's list holds the settings only in the dialog that clicking a provider opens; a dialog
    // still loading its form is waited for like a form that renders late.
    if kind == PageKind::Auth0SeedSocialConnections && !dialog {
        let opening =
            snapshot.fields.iter().any(|f| f.modal) || !snapshot.modal_headings.is_empty();
        return Err(if opening {
            Error::FieldNotFound(KeyPart::ConsumerKey)
        } else {
            Error::SettingsNotOpen
        });
    }
    // A form still loading (a spinner: neither its fields nor its heading yet) is waited for; once it
    // shows, it is filled only if it is Twitter's.
    let key = field_for(&fields, true);
    let secret = field_for(&fields, false);
    check_twitter_connection(snapshot).map_err(|e| match (&key, &secret) {
        (Err(missing), _) | (_, Err(missing)) => missing.clone(),
        _ => e,
    })?;
    let (key, secret) = (key?.0, secret?.0);
    let wanted = match (form_protocol(snapshot), chosen) {
        (Some(said), Some(chosen)) if said != chosen => {
            return Err(Error::ProtocolContradicts(said))
        }
        (Some(p), _) | (None, Some(p)) => p,
        (None, None) => return Err(Error::ProtocolUnknown),
    };
    let pair = captured
        .iter()
        .find(|p| p.protocol == wanted)
        .ok_or(Error::PairNotCaptured(wanted))?;
    let [key_part, secret_part] = wanted.parts();
    let actions = [
        (key, key_part, &pair.key),
        (secret, secret_part, &pair.secret),
    ]
    .into_iter()
    .map(|(f, part, value)| FillAction::on(f, part.into(), Op::Set(value.clone())))
    .collect();
    Ok(FillPlan {
        origin: snapshot.url.origin.clone(),
        page: snapshot.url.href(),
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
    /// The field's name as the page shows it (empty: the admin is told the target's own name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl FieldVerdict {
    /// What the admin is told was filled: the page's own name for it, or the target's.
    pub fn name(&self) -> String {
        if self.label.trim().is_empty() {
            self.target.label()
        } else {
            self.label.clone()
        }
    }
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
            label: a.label.clone(),
            outcome: report
                .results
                .iter()
                .find(|r| r.field == a.field)
                .map_or(FieldOutcome::Missing, |r| r.outcome),
        })
        .collect())
}
