//! Auth0's "Connect your Client to Twitter" guide as a live checklist: what KeyBridge has seen in both
//! sites' tabs becomes facts; the facts decide each step's state and the next action.

use serde::{Deserialize, Serialize};

use crate::keys::Secret;
use crate::page::{is_text_input, usable, FieldVerdict, FillAction, FillPlan, Op, Target};
use crate::site::{
    is_region, is_tenant_name, is_tenant_origin, kind_for_url, label_is, normalize_label, PageKind,
};
use crate::snapshot::{Field, PageSnapshot};
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
    /// The consumer key the Auth0 form holds (not a secret; used for the export).
    pub connection_key: Option<String>,
    pub try_result: Option<TryResult>,
}

impl Facts {
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
            connection_key,
            try_result
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

/// The tenant an Auth0 dashboard page is about: the domain it shows, else one derived from its URL.
fn tenant_of(snapshot: &PageSnapshot) -> Option<Tenant> {
    let shown = snapshot
        .pairs
        .iter()
        .find(|p| is_tenant_origin(&["https://", &p.value].concat()))
        .map(|p| p.value.clone());
    let mut segs = snapshot.url.segments();
    let from_url = match (segs.next(), segs.next(), segs.next()) {
        (Some("dashboard"), Some(region), Some(name))
            if is_region(region) && is_tenant_name(name) =>
        {
            Some((name.to_string(), [name, ".", region, ".auth0.com"].concat()))
        }
        _ => None,
    };
    match (shown, from_url) {
        (Some(domain), _) => Some(Tenant {
            name: domain.split('.').next().unwrap_or_default().to_string(),
            domain,
        }),
        (None, Some((name, domain))) => Some(Tenant { name, domain }),
        (None, None) => None,
    }
}

/// Names the guide step an error page points back to.
fn diagnose(text: &str) -> Option<TryResult> {
    const SIGNS: &[(&str, StepId)] = &[
        ("Callback URL not approved", StepId::Callback),
        ("not allowed to use Sign in with Twitter", StepId::SignIn),
        ("Could not authenticate you", StepId::Keys),
        ("has been suspended", StepId::Callback),
        ("not enabled for the application", StepId::Applications),
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
        TwitterLegacySettings | TwitterLegacyCreateApp | PortalUserAuthSettings => {
            let urls: Vec<String> = field_labelled(snapshot, CALLBACK_LABELS)
                .map(|f| f.value.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            if kind != TwitterLegacyCreateApp {
                facts.callbacks = Some(urls);
            }
            if let Some(f) = field_labelled(snapshot, &[SIGN_IN_LABEL]).next() {
                facts.sign_in = Some(f.checked);
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
            let set_up =
                pair_value(snapshot, "user authentication").is_none_or(|v| v != "Not set up");
            facts.sign_in = Some(set_up);
            facts.callbacks = Some(
                pair_value(snapshot, "callback uri / redirect url")
                    .map(|v| v.split(", ").map(String::from).collect())
                    .unwrap_or_default(),
            );
            facts.access_level = pair_value(snapshot, "app permissions").map(String::from);
        }
        Auth0TwitterConnection | Auth0ConnectionApplications | Auth0SocialConnections => {
            facts.tenant = tenant_of(snapshot);
            if kind == Auth0ConnectionApplications {
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
            if kind == Auth0TwitterConnection {
                facts.connection_key = snapshot
                    .fields
                    .iter()
                    .find(|f| f.html_id == "client_id" || f.name == "client_id")
                    .map(|f| f.value.clone())
                    .filter(|v| !v.is_empty());
            }
        }
        Auth0ItWorks => {
            facts.try_result = snapshot
                .text
                .contains("It works!")
                .then_some(TryResult::Works)
        }
        Auth0TenantSignIn | TwitterAuthorize => facts.try_result = diagnose(&snapshot.text),
        TwitterLegacyAppList | PortalProjects | PortalKeys => {}
    }
    facts
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
}

/// What the checklist needs besides the facts: which pages are open, what is captured and filled.
#[derive(Debug, Clone, Default)]
pub struct Situation<'a> {
    pub open: Vec<PageKind>,
    pub captured: bool,
    pub filled: &'a [FieldVerdict],
    pub custom_domain: Option<&'a str>,
}

/// The checklist, derived from what KeyBridge has seen.
pub fn checklist(facts: &Facts, now: &Situation) -> Vec<Step> {
    use PageKind::*;
    let open = |kinds: &[PageKind]| kinds.iter().any(|k| now.open.contains(k));
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
    };
    let callback_done = match (&callback, &facts.callbacks) {
        (Some(c), Some(list)) => list.contains(c),
        _ => false,
    };
    let callback_form = open(&[
        TwitterLegacyCreateApp,
        TwitterLegacySettings,
        PortalUserAuthSettings,
    ]);
    let callback_why = match (&callback, &facts.callbacks) {
        (None, _) => Text::new("whyCallbackNoTenant"),
        (Some(c), Some(list)) if list.contains(c) => Text::with("whyCallbackDone", [c.clone()]),
        (Some(c), Some(list)) if !list.is_empty() => {
            Text::with("whyCallbackLacking", [list.join(", "), c.clone()])
        }
        (Some(c), _) if callback_form => Text::with("whyCallbackFill", [c.clone()]),
        (Some(c), _) => Text::with("whyCallbackOpen", [c.clone()]),
    };
    let filled = !now.filled.is_empty() && now.filled.iter().all(|v| v.outcome.holds_value());
    let apps_enabled = facts
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
        step(
            StepId::SignIn,
            facts.sign_in == Some(true),
            Text::new(match facts.sign_in {
                Some(true) => "whySignInDone",
                Some(false) if open(&[TwitterLegacySettings]) => "whySignInTick",
                Some(false) => "whySignInNotYet",
                None => "whySignInUnknown",
            }),
            (facts.sign_in == Some(false) && open(&[TwitterLegacySettings]))
                .then_some(GuideAction::AllowSignIn),
        ),
        step(
            StepId::Permissions,
            facts.access_level.is_some(),
            match &facts.access_level {
                Some(level) => Text::with("whyPermissionsKnown", [level.clone()]),
                None => Text::new("whyPermissionsUnknown"),
            },
            None,
        ),
        step(
            StepId::Keys,
            now.captured || filled,
            Text::new(if now.captured {
                "whyKeysCaptured"
            } else {
                "whyKeysCapture"
            }),
            (!now.captured && open(&[TwitterLegacyKeys, PortalKeys]))
                .then_some(GuideAction::Capture),
        ),
        step(
            StepId::Fill,
            filled,
            Text::new(if filled { "whyFillDone" } else { "whyFillTodo" }),
            (now.captured && open(&[Auth0TwitterConnection])).then_some(GuideAction::Fill),
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
                Some(_) => Text::new("whyApplicationsPick"),
                None => Text::new("whyApplicationsOpen"),
            },
            open(&[Auth0ConnectionApplications]).then_some(GuideAction::EnableApplications),
        ),
        step(
            StepId::Try,
            works,
            Text::new(if works { "whyTryWorks" } else { "whyTryTodo" }),
            open(&[
                Auth0TwitterConnection,
                Auth0SocialConnections,
                Auth0ConnectionApplications,
            ])
            .then_some(GuideAction::Try),
        ),
    ];
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
    let set = |f: &Field, target: Target, value: String| FillAction {
        field: f.id,
        target,
        op: Op::Set(Secret::new(value)),
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
        GuideAction::AllowSignIn => {
            let f =
                field_labelled(snapshot, &[SIGN_IN_LABEL]).find(|f| f.input_type == "checkbox")?;
            actions.push(FillAction {
                field: f.id,
                target: Target::SignIn,
                op: Op::Check(true),
            });
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
                    actions.push(FillAction {
                        field: f.id,
                        target: Target::Application(name.clone()),
                        op: Op::Check(true),
                    });
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
                actions.push(FillAction {
                    field: control.id,
                    target: Target::Try,
                    op: Op::Focus,
                });
            } else {
                let menu = snapshot
                    .fields
                    .iter()
                    .find(|f| named(f, &["more actions"]))?;
                actions.push(FillAction {
                    field: menu.id,
                    target: Target::Try,
                    op: Op::Click,
                });
            }
        }
        GuideAction::Capture | GuideAction::Fill => return None,
    }
    if actions.is_empty() {
        return None;
    }
    Some(FillPlan {
        origin: snapshot.url.origin.clone(),
        snapshot_id: snapshot.snapshot_id,
        overwrite: false,
        actions,
    })
}
