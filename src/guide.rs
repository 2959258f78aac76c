//! Auth0's "Connect your Client to Twitter" guide as a live checklist: what KeyBridge has seen in both
//! sites' tabs becomes facts; the facts decide each step's state and the next action.

use serde::{Deserialize, Serialize};

use crate::keys::{Protocol, Secret};
use crate::page::{
    check_twitter_connection, form_protocol, is_text_input, usable, FieldVerdict, FillAction,
    FillPlan, Op, Target,
};
use crate::site::{
    is_region, is_tenant_name, is_tenant_origin, kind_for_url, label_is, normalize_label, PageKind,
    CALLBACK_PAGES,
};
use crate::snapshot::{Field, PageSnapshot, PageUrl};
use crate::text::Text;

/// The Auth0 tenant the Auth0 tab shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    pub name: String,
    /// `<tenant>.<region>.auth0.com`, as the page shows it or derived from the dashboard URL.
    pub domain: String,
}

impl Tenant {
    pub fn callback_url(&self, custom_domain: Option<&str>) -> String {
        [
            "https://",
            custom_domain.unwrap_or(&self.domain),
            "/login/callback",
        ]
        .concat()
    }
}

/// One Auth0 application on the connection's Applications tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub name: String,
    pub enabled: bool,
}

/// How "Try" ended (`message` is the id of the message that names what went wrong): `"works"`, or
/// `{"failed": {"step": …, "message": …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TryResult {
    Works,
    Failed { step: StepId, message: String },
}

/// Non-secret facts KeyBridge has seen in the tabs, merged over time (kept in `storage.session`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Facts {
    pub tenant: Option<Tenant>,
    /// The Twitter app's approved callback URLs.
    pub callbacks: Option<Vec<String>>,
    pub sign_in: Option<bool>,
    /// The app's access level, in the page's words.
    pub access_level: Option<String>,
    pub applications: Option<Vec<Application>>,
    /// The pair the Auth0 connection takes: as its form says, or as the admin answered.
    pub protocol: Option<Protocol>,
    /// Whether the X app is a confidential client (Web App, Automated App or Bot), as its user
    /// authentication settings say: what an OAuth 2.0 connection needs.
    pub confidential: Option<bool>,
    pub try_result: Option<TryResult>,
    /// Whether a step's value, as its form last showed it, is not yet what the site holds (KeyBridge changed
    /// it there and the admin has not saved it, or the page refused the save). `Some(false)`: saved, or the
    /// page last seen showed what the site holds. A step is done only on what the site holds.
    pub callback_unsaved: Option<bool>,
    /// Sign in with Twitter, or the type of app (the same form).
    pub settings_unsaved: Option<bool>,
    /// The keys in the Auth0 connection's form.
    pub keys_unsaved: Option<bool>,
    pub applications_unsaved: Option<bool>,
    /// What the Twitter app's form page said was wrong when it refused a save (its own words).
    pub save_errors: Option<Vec<String>>,
    /// The Auth0 connection's id (`con_…`), from its dashboard address: for Export.
    pub connection_id: Option<String>,
    /// The page (origin and path) the keys were last captured from, and the fingerprints of the keys and
    /// secrets it showed then (never a key or a secret: see `TextPair::fingerprint`). A look there that
    /// shows one it did not show then means the keys were regenerated.
    pub key_page: Option<String>,
    pub key_prints: Option<Vec<String>>,
    /// The keys were regenerated on X after the capture (seen on the page they came from): the captured
    /// keys, and those filled into Auth0, no longer work. A new capture ends it.
    pub keys_regenerated: Option<bool>,
    /// Whether the Auth0 dashboard is the seed era's (hash routes, whose connection tab says "Clients")
    /// rather than today's ("Applications").
    pub seed_dashboard: Option<bool>,
}

impl Facts {
    /// Whether `snapshot`, of the page the keys were captured from, shows a key or secret it did not show
    /// then: they were regenerated there. A page that shows none (masked, or its dialog closed) says nothing.
    pub fn regenerated_on(&self, snapshot: &PageSnapshot) -> bool {
        let (Some(page), Some(prints)) = (&self.key_page, &self.key_prints) else {
            return false;
        };
        [snapshot.url.origin.as_str(), &snapshot.url.path].concat() == *page
            && crate::page::key_prints(snapshot)
                .iter()
                .any(|shown| !prints.iter().any(|p| p == shown))
    }

    /// The name the dashboard gives the connection's tab of applications, in its era.
    pub fn applications_tab(&self) -> &'static str {
        match self.seed_dashboard {
            Some(true) => "Clients",
            _ => "Applications",
        }
    }

    /// The admin saved the form holding these targets (as the content script saw the click): the steps
    /// they belong to no longer wait for a save. Whether the site took them, the next look says.
    pub fn saved(&mut self, targets: &[crate::page::Target]) {
        use crate::page::Target::*;
        for target in targets {
            let flag = match target {
                CallbackUrl | WebsiteUrl => &mut self.callback_unsaved,
                SignIn | AppType => &mut self.settings_unsaved,
                ConsumerKey | ConsumerSecret | ClientId | ClientSecret => &mut self.keys_unsaved,
                Application(_) => &mut self.applications_unsaved,
                Try => continue,
            };
            *flag = Some(false);
        }
    }

    /// Takes what `newer` saw over what was known.
    pub fn merge(&mut self, newer: Facts) {
        macro_rules! take {
            ($($f:ident),*) => { $( if newer.$f.is_some() { self.$f = newer.$f; } )* };
        }
        take!(
            tenant,
            callbacks,
            sign_in,
            access_level,
            applications,
            protocol,
            confidential,
            try_result,
            callback_unsaved,
            settings_unsaved,
            keys_unsaved,
            applications_unsaved,
            save_errors,
            connection_id,
            key_page,
            key_prints,
            keys_regenerated,
            seed_dashboard
        );
    }
}

fn field_labelled<'a>(
    snapshot: &'a PageSnapshot,
    wanted: &'a [&'a str],
) -> impl Iterator<Item = &'a Field> {
    snapshot
        .fields
        .iter()
        .filter(move |f| f.labels.iter().any(|l| label_is(l, wanted)))
}

fn pair_value<'a>(snapshot: &'a PageSnapshot, label: &str) -> Option<&'a str> {
    snapshot
        .pairs
        .iter()
        .find(|p| normalize_label(&p.label) == label)
        .map(|p| p.value.as_str())
}

const CALLBACK_LABELS: &[&str] = &[
    "callback url",
    "callback uri / redirect url",
    "callback urls",
];
const SIGN_IN_LABEL: &str = "allow this application to be used to sign in with twitter";

/// What a type of app says about the client (real-pages.md §2): "Web App, Automated App or Bot
/// (confidential client)" or "Native App (public client)".
fn confidential_type(text: &str) -> Option<bool> {
    let t = text.to_ascii_lowercase();
    if t.contains("confidential") || t.starts_with("web app") {
        Some(true)
    } else if t.contains("public client") || t.starts_with("native app") {
        Some(false)
    } else {
        None
    }
}

/// The type of app a user authentication form has checked (its radio's label).
fn checked_app_type(snapshot: &PageSnapshot) -> Option<bool> {
    app_type_fields(snapshot)
        .filter(|f| f.checked)
        .find_map(|f| f.labels.first().and_then(|l| confidential_type(l)))
}

/// The radio buttons of the type of app (Native App / Web App, Automated App or Bot).
fn app_type_fields(snapshot: &PageSnapshot) -> impl Iterator<Item = &Field> {
    snapshot.fields.iter().filter(|f| {
        f.input_type == "radio"
            && f.labels
                .first()
                .and_then(|l| confidential_type(l))
                .is_some()
    })
}

/// The connection id a dashboard address names (`…/connections/social/con_0123456789abcdef/settings`).
pub fn connection_id_in_url(url: &PageUrl) -> Option<String> {
    url.segments()
        .chain(url.hash_segments())
        .find(|s| {
            s.strip_prefix("con_").is_some_and(|id| {
                (8..=32).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric())
            })
        })
        .map(String::from)
}

/// The tenant a dashboard URL names (`/dashboard/<region>/<tenant>/…`), if it names one.
pub fn tenant_in_url(url: &PageUrl) -> Option<Tenant> {
    let mut segs = url.segments();
    let (Some("dashboard"), Some(region), Some(name)) = (segs.next(), segs.next(), segs.next())
    else {
        return None;
    };
    (is_region(region) && is_tenant_name(name)).then(|| Tenant {
        name: name.to_string(),
        domain: [name, ".", region, ".auth0.com"].concat(),
    })
}

/// The tenant an Auth0 dashboard page is about: the one its URL names (the current era's
/// `/dashboard/<region>/<tenant>/…`). Only a page whose URL names none (the seed era's hash routes) may
/// say it in its text; text never overrides the URL (a row reading "Domain: evil.us.auth0.com" could be
/// anyone's, such as an application's name).
fn tenant_of(snapshot: &PageSnapshot) -> Option<Tenant> {
    if snapshot.url.segments().next() == Some("dashboard") {
        return tenant_in_url(&snapshot.url);
    }
    let shown = snapshot
        .pairs
        .iter()
        .find(|p| is_tenant_origin(&["https://", &p.value].concat()))?;
    Some(Tenant {
        name: shown
            .value
            .split('.')
            .next()
            .unwrap_or_default()
            .to_string(),
        domain: shown.value.clone(),
    })
}

/// Names the guide step an error page points back to.
fn diagnose(text: &str) -> Option<TryResult> {
    const SIGNS: &[(&str, StepId)] = &[
        ("Callback URL not approved", StepId::Callback),
        ("not allowed to use Sign in with Twitter", StepId::SignIn),
        ("Could not authenticate you", StepId::Keys),
        ("has been suspended", StepId::Callback),
        ("not enabled for the application", StepId::Applications),
        // OAuth 2.0: the token exchange refused the Client ID/Secret, or a public client's secret.
        ("unauthorized_client", StepId::Keys),
        ("access_denied", StepId::Try),
    ];
    SIGNS
        .iter()
        .find(|(sign, _)| text.contains(sign))
        .map(|(sign, step)| TryResult::Failed {
            step: *step,
            message: match step {
                StepId::Callback if sign.contains("suspended") => "tryFailSuspended".into(),
                StepId::Callback => "tryFailCallback".into(),
                StepId::SignIn => "tryFailSignIn".into(),
                StepId::Keys if sign.contains("unauthorized") => "tryFailKeysOAuth2".into(),
                StepId::Keys => "tryFailKeys".into(),
                StepId::Applications => "tryFailApplications".into(),
                _ => "tryFailCancelled".into(),
            },
        })
}

/// The facts one snapshot shows.
pub fn observe(snapshot: &PageSnapshot) -> Facts {
    let Some(kind) = kind_for_url(&snapshot.url) else {
        return Facts::default();
    };
    let mut facts = Facts::default();
    use PageKind::*;
    match kind {
        TwitterLegacySettings
        | TwitterLegacyCreateApp
        | PortalUserAuthSettings
        | ConsoleUserAuthSettings
        | ConsoleApp => {
            let fields: Vec<&Field> = field_labelled(snapshot, CALLBACK_LABELS).collect();
            let urls: Vec<String> = fields
                .iter()
                .map(|f| f.value.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            // What the form shows counts only as far as the site holds it: nothing changed there since the
            // page gave it, and no save refused.
            let refused = !snapshot.alerts.is_empty();
            // The app page shows the form only when it is open; a page without it says nothing.
            if kind != TwitterLegacyCreateApp && (kind != ConsoleApp || !fields.is_empty()) {
                let unsaved = refused || fields.iter().any(|f| f.edited);
                facts.callback_unsaved = Some(unsaved);
                facts.save_errors = Some(snapshot.alerts.clone());
                if !unsaved {
                    facts.callbacks = Some(urls);
                }
            }
            let sign_in = field_labelled(snapshot, &[SIGN_IN_LABEL]).next();
            let app_types: Vec<&Field> = app_type_fields(snapshot).collect();
            if sign_in.is_some() || !app_types.is_empty() {
                let unsaved = refused
                    || sign_in.is_some_and(|f| f.edited)
                    || app_types.iter().any(|f| f.edited);
                facts.settings_unsaved = Some(unsaved);
                if !unsaved {
                    facts.sign_in = sign_in.map(|f| f.checked);
                    facts.confidential = checked_app_type(snapshot);
                }
            }
            if kind == ConsoleApp {
                app_summary(snapshot, &mut facts);
            }
        }
        TwitterLegacyDetails => {
            facts.callbacks = pair_value(snapshot, "callback url").map(|v| {
                if v == "None" {
                    Vec::new()
                } else {
                    vec![v.to_string()]
                }
            });
            facts.sign_in = pair_value(snapshot, "sign in with twitter").map(|v| v == "Yes");
            facts.access_level = pair_value(snapshot, "access level").map(String::from);
            // A summary shows what the site holds: an unsaved form was left.
            saved_summary(&mut facts);
        }
        TwitterLegacyKeys => {
            facts.access_level = pair_value(snapshot, "access level").map(String::from)
        }
        TwitterLegacyPermissions => {
            facts.access_level = snapshot
                .fields
                .iter()
                .find(|f| f.input_type == "radio" && f.checked)
                .and_then(|f| f.labels.first().cloned());
        }
        PortalAppSettings => {
            facts.sign_in = Some(true);
            facts.callbacks = Some(Vec::new());
            app_summary(snapshot, &mut facts);
            saved_summary(&mut facts);
        }
        Auth0TwitterConnection
        | Auth0ConnectionApplications
        | Auth0SocialConnections
        | Auth0SeedSocialConnections => {
            facts.tenant = tenant_of(snapshot);
            facts.connection_id = connection_id_in_url(&snapshot.url);
            facts.seed_dashboard = Some(snapshot.url.segments().next().is_none());
            // Changed by KeyBridge and not saved (or the save refused): not Auth0's yet. Only the admin's
            // save, which the content script reports, says they are: a page without such changes may be
            // one that was left without saving.
            if kind == Auth0ConnectionApplications {
                let changed = snapshot
                    .fields
                    .iter()
                    .any(|f| f.input_type == "checkbox" && f.edited);
                if changed || !snapshot.alerts.is_empty() {
                    facts.applications_unsaved = Some(true);
                }
                facts.applications = Some(
                    snapshot
                        .fields
                        .iter()
                        .filter(|f| f.input_type == "checkbox")
                        .filter_map(|f| {
                            f.labels.first().map(|name| Application {
                                name: name.clone(),
                                enabled: f.checked,
                            })
                        })
                        .collect(),
                );
            }
            // What the Twitter connection's form says about its pair (never a value it holds).
            if matches!(kind, Auth0TwitterConnection | Auth0SeedSocialConnections)
                && check_twitter_connection(snapshot).is_ok()
            {
                facts.protocol = form_protocol(snapshot);
                let changed = snapshot.fields.iter().any(|f| f.edited && is_text_input(f));
                if changed || !snapshot.alerts.is_empty() {
                    facts.keys_unsaved = Some(true);
                }
            }
        }
        Auth0ItWorks => {
            facts.try_result = snapshot
                .text
                .contains("It works!")
                .then_some(TryResult::Works)
        }
        Auth0TenantSignIn | TwitterAuthorize => facts.try_result = diagnose(&snapshot.text),
        TwitterLegacyAppList | PortalProjects | PortalKeys | ConsoleApps => {}
    }
    facts
}

/// A page that shows the app's settings as the site holds them: no form of them is waiting for a save.
fn saved_summary(facts: &mut Facts) {
    facts.callback_unsaved = Some(false);
    facts.settings_unsaved = Some(false);
    facts.save_errors = Some(Vec::new());
}

/// The facts of an app's settings summary (the portal's settings page, the console's app page): whether
/// user authentication is set up, its callback URLs, permissions and type of app.
fn app_summary(snapshot: &PageSnapshot, facts: &mut Facts) {
    let Some(set_up) = pair_value(snapshot, "user authentication").map(|v| v != "Not set up")
    else {
        // The portal's settings page may leave the row out until it is set up.
        if let Some(callbacks) = pair_value(snapshot, "callback uri / redirect url") {
            facts.callbacks = Some(callbacks.split(", ").map(String::from).collect());
        }
        return;
    };
    facts.sign_in = Some(set_up);
    facts.callbacks = Some(
        pair_value(snapshot, "callback uri / redirect url")
            .map(|v| v.split(", ").map(String::from).collect())
            .unwrap_or_default(),
    );
    if let Some(level) = pair_value(snapshot, "app permissions") {
        facts.access_level = Some(level.to_string());
    }
    if let Some(t) = pair_value(snapshot, "type of app").and_then(confidential_type) {
        facts.confidential = Some(t);
    }
}

/// The steps of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StepId {
    Callback,
    SignIn,
    Permissions,
    Keys,
    Fill,
    Applications,
    Try,
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StepState {
    Done,
    Next,
    Todo,
    Blocked,
}

/// An action the popup can offer for a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GuideAction {
    FillCallback,
    AllowSignIn,
    /// OAuth 2.0: pick "Web App, Automated App or Bot" as the app's type.
    ChooseWebApp,
    Capture,
    Fill,
    EnableApplications,
    Try,
}

impl GuideAction {
    /// The message id of the action's button.
    pub fn label_id(&self) -> &'static str {
        match self {
            GuideAction::FillCallback => "actionFillCallback",
            GuideAction::AllowSignIn => "actionAllowSignIn",
            GuideAction::ChooseWebApp => "actionChooseWebApp",
            GuideAction::Capture => "captureKeys",
            GuideAction::Fill => "fillAuth0",
            GuideAction::EnableApplications => "actionEnableApplications",
            GuideAction::Try => "actionTry",
        }
    }

    /// The button's element id (stable, for tests and the admin's assistive tools).
    pub fn element_id(&self) -> &'static str {
        match self {
            GuideAction::FillCallback => "guide-fill-callback-url",
            GuideAction::AllowSignIn => "guide-allow-sign-in-with-twitter",
            GuideAction::ChooseWebApp => "guide-choose-web-app",
            GuideAction::Capture => "capture",
            GuideAction::Fill => "fill",
            GuideAction::EnableApplications => "guide-enable-applications",
            GuideAction::Try => "guide-try-connection",
        }
    }
}

impl StepId {
    /// The message id of the step's title.
    pub fn title_id(self) -> &'static str {
        match self {
            StepId::Callback => "stepCallback",
            StepId::SignIn => "stepSignIn",
            StepId::Permissions => "stepPermissions",
            StepId::Keys => "stepKeys",
            StepId::Fill => "stepFill",
            StepId::Applications => "stepApplications",
            StepId::Try => "stepTry",
        }
    }
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub id: StepId,
    pub title: Text,
    pub state: StepState,
    /// What a failed Try said about this step.
    pub problem: Option<Text>,
    pub why: Text,
    pub action: Option<GuideAction>,
    /// Where the step happens (set by the background, which knows the tabs): its "Go to" button.
    #[serde(default)]
    pub place: Option<crate::flow::Place>,
}

/// What the checklist needs besides the facts: which pages are open, what is captured and filled.
#[derive(Debug, Clone, Default)]
pub struct Situation<'a> {
    pub open: Vec<PageKind>,
    /// The pairs captured (one per protocol).
    pub captured: Vec<Protocol>,
    pub filled: &'a [FieldVerdict],
    pub custom_domain: Option<&'a str>,
    /// Whether KeyBridge may read the pages where a Try ends (the tenant's sign-in pages, Twitter's
    /// authorize page: optional permissions the popup asks for when Try is clicked). "It works!" is on the
    /// dashboard and is read either way.
    pub try_readable: bool,
}

/// The pages only the legacy apps.twitter.com has: an app there has only the consumer pair.
const LEGACY_PAGES: &[PageKind] = &[
    PageKind::TwitterLegacyAppList,
    PageKind::TwitterLegacyCreateApp,
    PageKind::TwitterLegacyDetails,
    PageKind::TwitterLegacySettings,
    PageKind::TwitterLegacyKeys,
    PageKind::TwitterLegacyPermissions,
];

/// The protocol the guide follows: the connection's (its form, or the admin's answer); else the one pair
/// captured; else the consumer pair on the legacy site; else today's OAuth 2.0 (Auth0's docs, 2025-2026).
pub fn guide_protocol(facts: &Facts, now: &Situation) -> Protocol {
    if let Some(p) = facts.protocol {
        return p;
    }
    match now.captured.as_slice() {
        [one] => *one,
        _ if now.open.iter().any(|k| LEGACY_PAGES.contains(k)) => Protocol::OAuth1,
        _ => Protocol::OAuth2,
    }
}

/// The checklist, derived from what KeyBridge has seen.
pub fn checklist(facts: &Facts, now: &Situation) -> Vec<Step> {
    use PageKind::*;
    let open = |kinds: &[PageKind]| kinds.iter().any(|k| now.open.contains(k));
    let protocol = guide_protocol(facts, now);
    let oauth2 = protocol == Protocol::OAuth2;
    let callback = facts
        .tenant
        .as_ref()
        .map(|t| t.callback_url(now.custom_domain));
    let failed = match &facts.try_result {
        Some(TryResult::Failed { step, message }) => Some((*step, message.clone())),
        _ => None,
    };
    let works = facts.try_result == Some(TryResult::Works);
    let step = |id: StepId, done: bool, why: Text, action: Option<GuideAction>| Step {
        id,
        title: Text::new(id.title_id()),
        state: match &failed {
            Some((s, _)) if *s == id => StepState::Blocked,
            _ if done || works => StepState::Done,
            _ => StepState::Todo,
        },
        problem: match &failed {
            Some((s, m)) if *s == id => Some(Text::new(m)),
            _ => None,
        },
        why,
        action,
        place: None,
    };
    let unsaved = |flag: Option<bool>| flag == Some(true);
    // Held by the site, and no change of its form waiting or refused since: a look between the admin's
    // Save and the page's answer may see the form as saved, and the refusal that follows undoes it.
    let callback_done = match (&callback, &facts.callbacks) {
        (Some(c), Some(list)) => list.contains(c) && !unsaved(facts.callback_unsaved),
        _ => false,
    };
    // The console's app page may hold its forms too ([I]); KeyBridge offers them on the forms' own pages.
    let callback_form = CALLBACK_PAGES
        .iter()
        .any(|k| *k != ConsoleApp && now.open.contains(k));
    let auth_settings_form = open(&[PortalUserAuthSettings, ConsoleUserAuthSettings]);
    let captured = now.captured.contains(&protocol);
    // A form changed and not saved: what to do is to save it (or, refused, what the page said).
    let refused = facts
        .save_errors
        .as_ref()
        .and_then(|e| e.first())
        .map(|e| Text::with("whySaveRefused", [e.clone()]));
    let callback_why = match (&callback, &facts.callbacks) {
        (None, _) => Text::new("whyCallbackNoTenant"),
        (Some(c), _) if unsaved(facts.callback_unsaved) => refused
            .clone()
            .unwrap_or_else(|| Text::with("whyCallbackSave", [c.clone()])),
        (Some(c), Some(list)) if list.contains(c) => Text::with("whyCallbackDone", [c.clone()]),
        (Some(c), Some(list)) if !list.is_empty() => {
            Text::with("whyCallbackLacking", [list.join(", "), c.clone()])
        }
        (Some(c), _) if callback_form => Text::with("whyCallbackFill", [c.clone()]),
        (Some(c), _) => Text::with("whyCallbackOpen", [c.clone()]),
    };
    let filled = !now.filled.is_empty() && now.filled.iter().all(|v| v.outcome.holds_value());
    // Keys regenerated on X since the capture: neither they nor the ones filled work any more.
    let regenerated = facts.keys_regenerated == Some(true);
    // Filled and read back is not saved: the fill step is done once the admin has saved what KeyBridge
    // changed (values Auth0 already held, which KeyBridge left as they were, are saved).
    let keys_saved = filled && !unsaved(facts.keys_unsaved) && !regenerated;
    let settings_unsaved = unsaved(facts.settings_unsaved);
    let settings_why = |saved_why: Text| match settings_unsaved {
        true => refused
            .clone()
            .unwrap_or_else(|| Text::new("whySettingsSave")),
        false => saved_why,
    };
    let tab_word = facts.applications_tab().to_string();
    let apps_enabled = !unsaved(facts.applications_unsaved)
        && facts
            .applications
            .as_ref()
            .is_some_and(|a| a.iter().any(|a| a.enabled));
    let mut steps = vec![
        step(
            StepId::Callback,
            callback_done,
            callback_why,
            (callback.is_some() && callback_form).then_some(GuideAction::FillCallback),
        ),
        if oauth2 {
            let mut s = step(
                StepId::SignIn,
                facts.confidential == Some(true) && !settings_unsaved,
                match facts.confidential {
                    Some(true) => settings_why(Text::new("whyWebAppDone")),
                    Some(false) => settings_why(Text::new("whyWebAppNative")),
                    None if auth_settings_form => settings_why(Text::new("whyWebAppPick")),
                    None => settings_why(Text::new("whyWebAppUnknown")),
                },
                (facts.confidential != Some(true) && auth_settings_form)
                    .then_some(GuideAction::ChooseWebApp),
            );
            s.title = Text::new("stepWebApp");
            s
        } else {
            step(
                StepId::SignIn,
                facts.sign_in == Some(true) && !settings_unsaved,
                match facts.sign_in {
                    Some(true) => settings_why(Text::new("whySignInDone")),
                    Some(false) if open(&[TwitterLegacySettings]) => {
                        settings_why(Text::new("whySignInTick"))
                    }
                    Some(false) => settings_why(Text::new("whySignInNotYet")),
                    None => settings_why(Text::new("whySignInUnknown")),
                },
                (facts.sign_in == Some(false) && open(&[TwitterLegacySettings]))
                    .then_some(GuideAction::AllowSignIn),
            )
        },
        step(
            StepId::Permissions,
            facts.access_level.is_some(),
            match &facts.access_level {
                // Read is all sign-in needs: nothing to change, nothing to advise.
                Some(level)
                    if matches!(
                        level.trim().to_lowercase().as_str(),
                        "read" | "read only" | "read-only"
                    ) =>
                {
                    Text::with("whyPermissionsRead", [level.clone()])
                }
                Some(level) => Text::with("whyPermissionsKnown", [level.clone()]),
                None => Text::new("whyPermissionsUnknown"),
            },
            None,
        ),
        {
            let mut s = step(
                StepId::Keys,
                (captured || filled) && !regenerated,
                Text::new(match (captured, oauth2) {
                    _ if regenerated => "whyKeysRegenerated",
                    (true, _) => "whyKeysCaptured",
                    (false, true) => "whyKeysCaptureOAuth2",
                    (false, false) => "whyKeysCapture",
                }),
                ((!captured || regenerated)
                    && open(&[TwitterLegacyKeys, PortalKeys, ConsoleApps, ConsoleApp]))
                .then_some(GuideAction::Capture),
            );
            if oauth2 {
                s.title = Text::new("stepKeysOAuth2");
            }
            s
        },
        step(
            StepId::Fill,
            keys_saved,
            Text::new(match (filled, keys_saved) {
                (_, true) => "whyFillDone",
                (true, false) if regenerated => "whyFillRegenerated",
                (true, false) => "whyFillSave",
                (false, _) => "whyFillTodo",
            }),
            (!now.captured.is_empty() && open(crate::site::CONNECTION_PAGES))
                .then_some(GuideAction::Fill),
        ),
        step(
            StepId::Applications,
            apps_enabled,
            match &facts.applications {
                Some(apps) if apps_enabled => Text::with(
                    "whyApplicationsDone",
                    [apps
                        .iter()
                        .filter(|a| a.enabled)
                        .map(|a| a.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")],
                ),
                Some(_) if unsaved(facts.applications_unsaved) => {
                    Text::with("whyApplicationsSave", [tab_word.clone()])
                }
                Some(_) => Text::with("whyApplicationsPick", [tab_word.clone()]),
                None => Text::with("whyApplicationsOpen", [tab_word.clone()]),
            },
            open(&[Auth0ConnectionApplications]).then_some(GuideAction::EnableApplications),
        ),
        step(
            StepId::Try,
            works,
            Text::new(match (works, now.try_readable) {
                (true, _) => "whyTryWorks",
                (false, true) => "whyTryTodo",
                (false, false) => "whyTryAsksAccess",
            }),
            // Only where a Try control is: a saved connection's own pages (today's have its id in their
            // address; the seed era's list opens Twitter's settings over it). Not the Create form, and not
            // today's list, whose rows each have a menu.
            (open(&[
                Auth0TwitterConnection,
                Auth0SeedSocialConnections,
                Auth0ConnectionApplications,
            ]) && (facts.connection_id.is_some() || facts.seed_dashboard == Some(true)))
            .then_some(GuideAction::Try),
        ),
    ];
    // Keys regenerated since: the steps that used the old ones are to revisit, their reason shown.
    if regenerated {
        for s in steps.iter_mut() {
            if s.id == StepId::Keys || (s.id == StepId::Fill && filled) {
                s.state = StepState::Blocked;
            }
        }
    }
    // The first step not done is next (the permissions step only informs); one primary action at a time.
    if let Some(s) = steps
        .iter_mut()
        .find(|s| s.state == StepState::Todo && s.id != StepId::Permissions)
    {
        s.state = StepState::Next;
    }
    steps
}

/// The plan for a guide action on the page of `snapshot` (`None`: that page has nothing for it).
pub fn plan_action(
    action: &GuideAction,
    snapshot: &PageSnapshot,
    facts: &Facts,
    custom_domain: Option<&str>,
    chosen_apps: &[String],
) -> Option<FillPlan> {
    let set = |f: &Field, target: Target, value: String| {
        FillAction::on(f, target, Op::Set(Secret::new(value)))
    };
    let mut actions = Vec::new();
    match action {
        GuideAction::FillCallback => {
            let callback = facts.tenant.as_ref()?.callback_url(custom_domain);
            let fields: Vec<&Field> = field_labelled(snapshot, CALLBACK_LABELS)
                .filter(|f| is_text_input(f) && usable(f))
                .collect();
            let present = fields.iter().any(|f| f.value.trim() == callback);
            let target = fields
                .iter()
                .find(|f| f.value.trim().is_empty())
                .or(fields.first())?;
            if !present {
                actions.push(set(target, Target::CallbackUrl, callback.clone()));
            }
            if let Some(site) =
                field_labelled(snapshot, &["website url"]).find(|f| f.value.is_empty() && usable(f))
            {
                let origin = callback.trim_end_matches("/login/callback").to_string();
                actions.push(set(site, Target::WebsiteUrl, origin));
            }
        }
        GuideAction::ChooseWebApp => {
            let f = app_type_fields(snapshot).find(|f| {
                usable(f) && f.labels.first().and_then(|l| confidential_type(l)) == Some(true)
            })?;
            if !f.checked {
                actions.push(FillAction::on(f, Target::AppType, Op::Check(true)));
            }
        }
        GuideAction::AllowSignIn => {
            let f =
                field_labelled(snapshot, &[SIGN_IN_LABEL]).find(|f| f.input_type == "checkbox")?;
            actions.push(FillAction::on(f, Target::SignIn, Op::Check(true)));
        }
        GuideAction::EnableApplications => {
            for f in snapshot
                .fields
                .iter()
                .filter(|f| f.input_type == "checkbox")
            {
                let Some(name) = f.labels.first() else {
                    continue;
                };
                if chosen_apps.contains(name) {
                    actions.push(FillAction::on(
                        f,
                        Target::Application(name.clone()),
                        Op::Check(true),
                    ));
                }
            }
        }
        GuideAction::Try => {
            let named = |f: &&Field, names: &[&str]| {
                f.tag == "button" && f.labels.iter().any(|l| label_is(l, names))
            };
            // The seed era's Try button, or the current era's "Try Connection" once its menu is open. The
            // admin clicks it: a page opens the sign-in window only on a real click.
            if let Some(control) = snapshot
                .fields
                .iter()
                .find(|f| named(f, &["try", "try connection"]))
            {
                actions.push(FillAction::on(control, Target::Try, Op::Focus));
            } else {
                // Clicked, so never a submit button: KeyBridge submits no form. On a list of connections
                // every row may have its menu: with more than one, the Twitter row's is not known, so none.
                let mut menus = snapshot
                    .fields
                    .iter()
                    .filter(|f| named(f, &["more actions"]) && f.input_type != "submit");
                let menu = menus.next()?;
                if menus.next().is_some() {
                    return None;
                }
                actions.push(FillAction::on(menu, Target::Try, Op::Click));
            }
        }
        GuideAction::Capture | GuideAction::Fill => return None,
    }
    if actions.is_empty() {
        return None;
    }
    Some(FillPlan {
        origin: snapshot.url.origin.clone(),
        page: snapshot.url.href(),
        snapshot_id: snapshot.snapshot_id,
        overwrite: false,
        actions,
    })
}
