//! The guide's facts, checklist and actions, on snapshots the real content script took of the replicas.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use keybridge::guide::{
    checklist, observe, plan_action, Facts, GuideAction, Situation, StepId, StepState, Tenant,
    TryResult,
};
use keybridge::keys::Protocol;
use keybridge::page::{Op, Target};
use keybridge::site::{kind_for_url, PageKind, PROSE_PAGES};
use keybridge::snapshot::PageSnapshot;
use keybridge::text::Text;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    snapshot: PageSnapshot,
}

fn snapshot(name: &str) -> PageSnapshot {
    common::read_fixture::<Fixture>(name).snapshot
}

/// The background asks for a page's prose only on `PROSE_PAGES` (the content script walks the page a
/// second time for it): every other page must tell the same facts without it. The recorded "It works!" and
/// tenant error pages show that the prose pages need it (the authorize page recorded shows no error).
#[test]
fn only_the_prose_pages_need_the_page_text() {
    let (mut prose, mut needed) = (0, Vec::new());
    for name in common::fixture_names() {
        let full = snapshot(&name);
        let without = PageSnapshot {
            text: String::new(),
            ..full.clone()
        };
        if kind_for_url(&full.url).is_some_and(|k| PROSE_PAGES.contains(&k)) {
            prose += 1;
            if observe(&full) != observe(&without) {
                needed.push(name);
            }
        } else {
            assert_eq!(
                observe(&full),
                observe(&without),
                "{name}: its facts must not need the text"
            );
        }
    }
    assert_eq!(prose, 3, "one recorded page per prose page kind");
    assert_eq!(needed, ["auth0-it-works", "auth0-tenant-error-wrong-keys"]);
}

fn targets(plan: &keybridge::page::FillPlan) -> Vec<Target> {
    plan.actions.iter().map(|a| a.target.clone()).collect()
}

fn acme() -> Tenant {
    Tenant {
        name: "acme-demo".into(),
        domain: "acme-demo.us.auth0.com".into(),
    }
}

const CALLBACK: &str = "https://acme-demo.us.auth0.com/login/callback";

#[test]
fn reads_the_tenant_domain_from_both_dashboard_eras() {
    for name in [
        "auth0-connection-settings",
        "auth0-seed-settings",
        "auth0-seed-clients",
        "auth0-social",
    ] {
        assert_eq!(observe(&snapshot(name)).tenant, Some(acme()), "{name}");
    }
    assert_eq!(acme().callback_url(None), CALLBACK);
    assert_eq!(
        acme().callback_url(Some("login.acme.example")),
        "https://login.acme.example/login/callback"
    );
}

#[test]
fn reads_the_twitter_apps_callback_and_sign_in_state() {
    let settings = observe(&snapshot("twitter-legacy-settings"));
    assert_eq!(
        (settings.callbacks, settings.sign_in),
        (Some(vec![]), Some(false))
    );
    let details = observe(&snapshot("twitter-legacy-details"));
    assert_eq!(details.sign_in, Some(false));
    assert_eq!(details.access_level.as_deref(), Some("Read and write"));
    assert_eq!(
        observe(&snapshot("portal-app-settings")).sign_in,
        Some(false)
    );
    assert_eq!(
        observe(&snapshot("twitter-legacy-permissions"))
            .access_level
            .as_deref(),
        Some("Read and Write")
    );
}

#[test]
fn reads_the_applications_and_the_try_result() {
    let apps = observe(&snapshot("auth0-connection-applications"))
        .applications
        .expect("applications");
    assert_eq!(
        apps.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["Default App", "Acme Web", "Acme iOS"]
    );
    assert!(apps.iter().all(|a| !a.enabled));
    assert_eq!(
        observe(&snapshot("auth0-it-works")).try_result,
        Some(TryResult::Works)
    );
    match observe(&snapshot("auth0-tenant-error-wrong-keys")).try_result {
        Some(TryResult::Failed { step, .. }) => assert_eq!(step, StepId::Keys),
        other => panic!("{other:?}"),
    }
    assert_eq!(observe(&snapshot("twitter-authorize")).try_result, None);
}

#[test]
fn the_checklist_starts_by_asking_for_the_tenant_and_moves_on_as_facts_arrive() {
    let blank = checklist(&Facts::default(), &Situation::default());
    assert_eq!(blank.len(), 7);
    assert_eq!(blank[0].state, StepState::Next);
    assert_eq!(blank[0].why, Text::new("whyCallbackNoTenant"));
    let facts = Facts {
        tenant: Some(acme()),
        callbacks: Some(vec![CALLBACK.into()]),
        sign_in: Some(true),
        protocol: Some(Protocol::OAuth1),
        ..Facts::default()
    };
    let steps = checklist(&facts, &Situation::default());
    assert_eq!(
        steps.iter().filter(|s| s.state == StepState::Done).count(),
        2
    );
    assert_eq!(
        steps
            .iter()
            .find(|s| s.state == StepState::Next)
            .map(|s| s.id),
        Some(StepId::Keys)
    );
    let lacking = Facts {
        callbacks: Some(vec!["https://other.example/cb".into()]),
        ..facts.clone()
    };
    let first = &checklist(&lacking, &Situation::default())[0];
    assert_eq!(
        first.why,
        Text::with(
            "whyCallbackLacking",
            ["https://other.example/cb".into(), CALLBACK.into()]
        )
    );
    let failed = Facts {
        try_result: Some(TryResult::Failed {
            step: StepId::SignIn,
            message: "tryFailSignIn".into(),
        }),
        ..facts
    };
    let steps = checklist(&failed, &Situation::default());
    assert_eq!(steps[1].state, StepState::Blocked);
    assert_eq!(steps[1].problem, Some(Text::new("tryFailSignIn")));
}

/// OAuth 2.0 (today's docs, and the guide's choice when nothing says otherwise): the app must be a
/// confidential client, and the pair to capture is the OAuth 2.0 Client ID and Secret.
#[test]
fn the_oauth2_checklist_asks_for_a_web_app_and_the_oauth2_pair() {
    let facts = Facts {
        tenant: Some(acme()),
        callbacks: Some(vec![CALLBACK.into()]),
        sign_in: Some(true),
        ..Facts::default()
    };
    let steps = checklist(&facts, &Situation::default());
    assert_eq!(steps[1].title, Text::new("stepWebApp"));
    assert_eq!(steps[1].state, StepState::Next);
    assert_eq!(steps[3].title, Text::new("stepKeysOAuth2"));
    let web = Facts {
        confidential: Some(true),
        ..facts.clone()
    };
    let consumer_only = Situation {
        captured: vec![Protocol::OAuth1],
        ..Situation::default()
    };
    // The one pair captured decides, unless the connection said otherwise.
    let steps = checklist(&web, &consumer_only);
    assert_eq!(steps[1].title, Text::new("stepSignIn"));
    let steps = checklist(
        &Facts {
            protocol: Some(Protocol::OAuth2),
            ..web
        },
        &consumer_only,
    );
    assert_eq!(
        (steps[1].state, steps[3].state),
        (StepState::Done, StepState::Next),
        "the consumer pair is not the OAuth 2.0 pair"
    );
    // The legacy site has only the consumer pair.
    let legacy = Situation {
        open: vec![keybridge::site::PageKind::TwitterLegacyKeys],
        ..Situation::default()
    };
    assert_eq!(checklist(&facts, &legacy)[3].title, Text::new("stepKeys"));
}

#[test]
fn plans_the_callback_url_into_each_form_that_takes_it() {
    let facts = Facts {
        tenant: Some(acme()),
        ..Facts::default()
    };
    for (name, id) in [
        ("twitter-legacy-settings", "edit-callback-url"),
        ("twitter-legacy-create-app", "edit-callback-url"),
        ("portal-user-auth-settings", "callback-0"),
    ] {
        let s = snapshot(name);
        let plan = plan_action(&GuideAction::FillCallback, &s, &facts, None, &[]).expect(name);
        let field = s
            .fields
            .iter()
            .find(|f| f.id == plan.actions[0].field)
            .expect("field");
        assert_eq!(field.html_id, id, "{name}");
        assert_eq!(
            plan.actions[0].op,
            Op::Set(keybridge::keys::Secret::new(CALLBACK.into()))
        );
    }
    let portal = plan_action(
        &GuideAction::FillCallback,
        &snapshot("portal-user-auth-settings"),
        &facts,
        None,
        &[],
    )
    .expect("portal");
    assert_eq!(targets(&portal), [Target::CallbackUrl, Target::WebsiteUrl]);
    assert!(plan_action(
        &GuideAction::FillCallback,
        &snapshot("twitter-legacy-settings"),
        &Facts::default(),
        None,
        &[]
    )
    .is_none());
}

#[test]
fn plans_sign_in_applications_and_try_on_their_pages_only() {
    let facts = Facts::default();
    let signin = plan_action(
        &GuideAction::AllowSignIn,
        &snapshot("twitter-legacy-settings"),
        &facts,
        None,
        &[],
    )
    .expect("sign in");
    assert_eq!(signin.actions[0].op, Op::Check(true));
    assert!(plan_action(
        &GuideAction::AllowSignIn,
        &snapshot("twitter-legacy-keys"),
        &facts,
        None,
        &[]
    )
    .is_none());
    let apps = plan_action(
        &GuideAction::EnableApplications,
        &snapshot("auth0-seed-clients"),
        &facts,
        None,
        &["Acme Web".into()],
    )
    .expect("apps");
    assert_eq!(targets(&apps), [Target::Application("Acme Web".into())]);
    let seed = plan_action(
        &GuideAction::Try,
        &snapshot("auth0-seed-settings"),
        &facts,
        None,
        &[],
    )
    .expect("seed try");
    assert_eq!(seed.actions[0].op, Op::Focus);
    let current = plan_action(
        &GuideAction::Try,
        &snapshot("auth0-connection-settings"),
        &facts,
        None,
        &[],
    )
    .expect("menu");
    assert_eq!(current.actions[0].op, Op::Click, "opens the … menu first");
}

#[test]
fn reads_the_console_apps_user_authentication() {
    let app = observe(&snapshot("console-app-oauth2-revealed"));
    assert_eq!(
        (app.sign_in, app.confidential, app.callbacks),
        (Some(true), Some(true), Some(vec![CALLBACK.into()]))
    );
    let blank = observe(&snapshot("console-app"));
    assert_eq!((blank.sign_in, blank.confidential), (Some(false), None));
    let form = observe(&snapshot("console-auth-settings"));
    assert_eq!((form.callbacks, form.confidential), (Some(vec![]), None));
    let facts = Facts {
        tenant: Some(acme()),
        ..Facts::default()
    };
    let plan = plan_action(
        &GuideAction::ChooseWebApp,
        &snapshot("console-auth-settings"),
        &facts,
        None,
        &[],
    )
    .expect("the type of app");
    assert_eq!(
        (plan.actions[0].target.clone(), plan.actions[0].op.clone()),
        (Target::AppType, Op::Check(true))
    );
    let callback = plan_action(
        &GuideAction::FillCallback,
        &snapshot("console-auth-settings"),
        &facts,
        None,
        &[],
    )
    .expect("the callback");
    assert_eq!(
        targets(&callback),
        [Target::CallbackUrl, Target::WebsiteUrl]
    );
    // The Auth0 forms say their protocol: the create flow's help (OAuth 2.0), the seed dialog's labels.
    assert_eq!(
        observe(&snapshot("auth0-create-twitter")).protocol,
        Some(Protocol::OAuth2)
    );
    assert_eq!(
        observe(&snapshot("auth0-seed-dialog")).protocol,
        Some(Protocol::OAuth1)
    );
    assert_eq!(observe(&snapshot("auth0-create-github")).protocol, None);
}

#[test]
fn page_text_never_overrides_the_tenant_in_the_url() {
    let mut s = snapshot("auth0-connection-settings");
    let mut row = s.pairs[0].clone();
    row.label = "Domain".into();
    row.value = "evil-tenant.us.auth0.com".into();
    s.pairs.insert(0, row);
    assert_eq!(observe(&s).tenant, Some(acme()));
}

#[test]
fn try_never_clicks_a_submit_button_whatever_it_is_named() {
    let mut s = snapshot("auth0-connection-settings");
    for f in &mut s.fields {
        if f.labels.iter().any(|l| l == "More actions") {
            f.input_type = "submit".into();
        }
    }
    assert_eq!(
        plan_action(&GuideAction::Try, &s, &Facts::default(), None, &[]),
        None
    );
}

#[test]
fn on_a_list_whose_rows_each_have_a_menu_try_opens_none() {
    let mut s = snapshot("auth0-social");
    let menu = s
        .fields
        .iter()
        .find(|f| f.labels.iter().any(|l| l == "More actions"))
        .expect("the Twitter row's menu")
        .clone();
    assert!(plan_action(&GuideAction::Try, &s, &Facts::default(), None, &[]).is_some());
    // Another provider's row with its own "…" menu: which one is Twitter's is not known.
    s.fields.push(keybridge::snapshot::Field { id: 99, ..menu });
    assert_eq!(
        plan_action(&GuideAction::Try, &s, &Facts::default(), None, &[]),
        None
    );
}

/// The snapshot `name` with the fields `changed` picks marked as changed and not saved (as `content.js`
/// marks a control KeyBridge filled, or one that differs from what the page gave it).
fn edited(name: &str, changed: impl Fn(&keybridge::snapshot::Field) -> bool) -> PageSnapshot {
    let mut s = snapshot(name);
    for f in s.fields.iter_mut().filter(|f| changed(f)) {
        f.edited = true;
    }
    s
}

/// A step is done only on what the site holds: a value KeyBridge put in a form (or the admin changed)
/// counts once the form, seen again, shows no unsaved change; a refused save says the page's words.
#[test]
fn a_step_is_done_only_on_what_the_site_holds() {
    let label = |f: &keybridge::snapshot::Field, part: &str| {
        f.labels.iter().any(|l| l.to_lowercase().contains(part))
    };
    let base = Facts {
        tenant: Some(acme()),
        protocol: Some(Protocol::OAuth1),
        ..Facts::default()
    };
    let with = |snap: PageSnapshot| {
        let mut facts = base.clone();
        facts.merge(observe(&snap));
        let steps = checklist(&facts, &Situation::default());
        (facts, steps)
    };

    // The legacy settings form, the callback URL filled in but not saved.
    let mut filled = edited("twitter-legacy-settings", |f| label(f, "callback url"));
    for f in filled.fields.iter_mut().filter(|f| f.edited) {
        f.value = CALLBACK.into();
    }
    let (facts, steps) = with(filled.clone());
    assert_eq!(facts.callback_unsaved, Some(true));
    assert_eq!(facts.callbacks, None, "an unsaved value is not the app's");
    assert_eq!(steps[0].state, StepState::Next);
    assert_eq!(
        steps[0].why,
        Text::with("whyCallbackSave", [CALLBACK.into()])
    );

    // Saved: the page loads again and shows it as its own.
    let mut saved = filled.clone();
    for f in saved.fields.iter_mut() {
        f.edited = false;
    }
    let (facts, steps) = with(saved);
    assert_eq!(facts.callback_unsaved, Some(false));
    assert_eq!(steps[0].state, StepState::Done);

    // Refused: the page shows the form again with its error; the step says the page's words.
    let mut refused = snapshot("twitter-legacy-settings");
    for f in refused
        .fields
        .iter_mut()
        .filter(|f| label(f, "callback url"))
    {
        f.value = CALLBACK.into();
    }
    refused.alerts = vec!["Website URL must be a valid https URL.".into()];
    let (facts, steps) = with(refused.clone());
    assert_eq!(facts.callbacks, None);
    assert_ne!(steps[0].state, StepState::Done);
    assert_eq!(
        steps[0].why,
        Text::with(
            "whySaveRefused",
            ["Website URL must be a valid https URL.".into()]
        )
    );

    // A look between the admin's Save and the page's answer sees the form as if saved (the content script
    // no longer counts the values as KeyBridge's); the refusal that follows takes the step back, the
    // callback and the sign-in alike, though the refused form still shows both.
    let mut facts = base.clone();
    facts.merge(observe(&filled));
    facts.saved(&[Target::CallbackUrl, Target::WebsiteUrl, Target::SignIn]);
    let mut between = filled.clone();
    for f in between.fields.iter_mut() {
        f.edited = false;
        if f.input_type == "checkbox" {
            f.checked = true;
        }
    }
    facts.merge(observe(&between));
    assert_eq!(facts.sign_in, Some(true));
    facts.merge(observe(&refused));
    let steps = checklist(&facts, &Situation::default());
    let words = Text::with(
        "whySaveRefused",
        ["Website URL must be a valid https URL.".into()],
    );
    for (step, id) in steps.iter().zip([StepId::Callback, StepId::SignIn]) {
        assert_eq!(step.id, id);
        assert_ne!(step.state, StepState::Done, "{id:?} after a refused save");
        assert_eq!(step.why, words, "{id:?}");
    }

    // Sign in with Twitter ticked by KeyBridge, not saved.
    let ticked = edited("twitter-legacy-settings", |f| f.input_type == "checkbox");
    let (facts, steps) = with(ticked);
    assert_eq!((facts.sign_in, facts.settings_unsaved), (None, Some(true)));
    assert_eq!(steps[1].why, Text::new("whySettingsSave"));

    // The Auth0 form filled and read back, not saved: the fill step waits for the save.
    let verdicts = [keybridge::page::FieldVerdict {
        target: Target::ConsumerKey,
        outcome: keybridge::page::FieldOutcome::Filled,
        label: String::new(),
    }];
    let form = edited("auth0-connection-settings", |f| label(f, "key"));
    let mut facts = base.clone();
    facts.merge(observe(&form));
    assert_eq!(facts.keys_unsaved, Some(true));
    let now = Situation {
        filled: &verdicts,
        ..Situation::default()
    };
    let fill = |facts: &Facts| {
        checklist(facts, &now)
            .into_iter()
            .find(|s| s.id == StepId::Fill)
            .expect("a fill step")
    };
    assert_ne!(fill(&facts).state, StepState::Done);
    assert_eq!(fill(&facts).why, Text::new("whyFillSave"));
    // A page of the connection without KeyBridge's changes may be one left without saving: still waiting.
    facts.merge(observe(&snapshot("auth0-connection-settings")));
    assert_eq!(fill(&facts).why, Text::new("whyFillSave"));
    // The admin's save, as the content script reports it.
    facts.saved(&[Target::ConsumerKey, Target::ConsumerSecret]);
    assert_eq!(fill(&facts).state, StepState::Done);
    assert_eq!(fill(&facts).why, Text::new("whyFillDone"));
}

fn url(href: &str) -> keybridge::snapshot::PageUrl {
    let (rest, hash) = href.split_once('#').unwrap_or((href, ""));
    let scheme_end = rest.find("://").expect("scheme") + 3;
    let path_start = rest[scheme_end..]
        .find('/')
        .map_or(rest.len(), |i| i + scheme_end);
    keybridge::snapshot::PageUrl {
        origin: rest[..path_start].into(),
        path: if path_start == rest.len() {
            "/".into()
        } else {
            rest[path_start..].into()
        },
        hash: if hash.is_empty() {
            String::new()
        } else {
            ["#", hash].concat()
        },
    }
}

/// Every page KeyBridge knows, in both sites and eras.
const KINDS: &[PageKind] = &[
    PageKind::TwitterLegacyAppList,
    PageKind::TwitterLegacyCreateApp,
    PageKind::TwitterLegacyDetails,
    PageKind::TwitterLegacySettings,
    PageKind::TwitterLegacyKeys,
    PageKind::TwitterLegacyPermissions,
    PageKind::PortalProjects,
    PageKind::PortalKeys,
    PageKind::PortalAppSettings,
    PageKind::PortalUserAuthSettings,
    PageKind::ConsoleApps,
    PageKind::ConsoleApp,
    PageKind::ConsoleUserAuthSettings,
    PageKind::TwitterAuthorize,
    PageKind::Auth0SocialConnections,
    PageKind::Auth0SeedSocialConnections,
    PageKind::Auth0TwitterConnection,
    PageKind::Auth0ConnectionApplications,
    PageKind::Auth0TenantSignIn,
    PageKind::Auth0ItWorks,
];

/// "Go to" / "Open" for a step: the page of the same app or connection, made from any page of it the admin
/// has open, in its site's and era's shape; an address made is always a page of the kind asked for, on the
/// origin it was made from, and carries the same ids.
#[test]
fn the_page_of_a_step_is_made_from_any_page_of_the_same_app_or_connection() {
    use keybridge::site::sibling_url;
    let cases = [
        ("https://apps.twitter.com/app/1234567/keys", PageKind::TwitterLegacySettings, Some("https://apps.twitter.com/app/1234567/settings")),
        ("https://apps.twitter.com/app/1234567", PageKind::TwitterLegacyPermissions, Some("https://apps.twitter.com/app/1234567/permissions")),
        ("https://apps.twitter.com/", PageKind::TwitterLegacySettings, None),
        ("https://developer.twitter.com/en/portal/projects/1234567890123456789/apps/42/keys", PageKind::PortalUserAuthSettings, Some("https://developer.twitter.com/en/portal/projects/1234567890123456789/apps/42/auth-settings")),
        ("https://developer.x.com/en/portal/register/keys", PageKind::PortalUserAuthSettings, None),
        ("https://console.x.com/accounts/1234567890123456789/apps/31337/keys", PageKind::ConsoleUserAuthSettings, Some("https://console.x.com/accounts/1234567890123456789/apps/31337/auth-settings")),
        ("https://console.x.com/accounts/1234567890123456789/apps/31337/auth-settings", PageKind::ConsoleApp, Some("https://console.x.com/accounts/1234567890123456789/apps/31337")),
        // Another site's page gives none of this one's.
        ("https://apps.twitter.com/app/1234567/keys", PageKind::ConsoleUserAuthSettings, None),
        ("https://manage.auth0.com/dashboard/eu/acme/connections/social/con_ABCDEFGH12345678/settings", PageKind::Auth0ConnectionApplications, Some("https://manage.auth0.com/dashboard/eu/acme/connections/social/con_ABCDEFGH12345678/applications")),
        ("https://manage.auth0.com/dashboard/eu/acme/connections/social/con_ABCDEFGH12345678/applications", PageKind::Auth0TwitterConnection, Some("https://manage.auth0.com/dashboard/eu/acme/connections/social/con_ABCDEFGH12345678/settings")),
        // The Create form has no connection yet; the list names none.
        ("https://manage.auth0.com/dashboard/eu/acme/connections/social/create/twitter/setup", PageKind::Auth0ConnectionApplications, None),
        ("https://manage.auth0.com/dashboard/eu/acme/connections/social", PageKind::Auth0TwitterConnection, None),
        // The seed era's hash routes stay hash routes; today's never become them.
        ("https://manage.auth0.com/#/connections/social/twitter/settings", PageKind::Auth0ConnectionApplications, Some("https://manage.auth0.com/#/connections/social/twitter/clients")),
        ("https://manage.auth0.com/#/connections/social", PageKind::Auth0TwitterConnection, Some("https://manage.auth0.com/#/connections/social/twitter/settings")),
        ("https://manage.auth0.com/dashboard/eu/acme/connections/social", PageKind::Auth0SeedSocialConnections, None),
    ];
    for (from, kind, expected) in cases {
        assert_eq!(
            sibling_url(&url(from), kind).as_deref(),
            expected,
            "{from} → {kind:?}"
        );
    }
    // Over every recorded page and every kind: what is made is that kind, on the same origin, with the ids.
    let mut made = 0;
    for name in common::fixture_names() {
        let page = snapshot(&name).url;
        for kind in KINDS {
            let Some(href) = sibling_url(&page, *kind) else {
                continue;
            };
            made += 1;
            let to = url(&href);
            assert_eq!(kind_for_url(&to), Some(*kind), "{name} → {href}");
            assert_eq!(to.origin, page.origin, "{name} → {href}");
            // Every id in the address made is the page's own, in the same place.
            let from: Vec<&str> = page.segments().collect();
            for (i, seg) in to.segments().enumerate() {
                if seg.bytes().any(|b| b.is_ascii_digit()) {
                    assert_eq!(from.get(i), Some(&seg), "{name} → {href}");
                }
            }
        }
    }
    assert!(
        made > 20,
        "only {made} addresses made from the recorded pages"
    );
}

fn tab(id: i32, href: &str, last_accessed: u64) -> keybridge::flow::Tab {
    keybridge::flow::Tab {
        id,
        window_id: 1,
        title: format!("tab {id}"),
        url: url(href),
        last_accessed,
    }
}

/// Each step's "Go to": the tab where it happens (the admin's last, the flow's tenant only); else that
/// page opened, made from a page of the same app or connection; else where the site starts.
#[test]
fn each_step_goes_to_its_tab_or_opens_its_page() {
    use keybridge::flow::{step_place, Place};
    let open = |url: &str, page: Text| {
        Some(Place::Open {
            url: url.into(),
            page,
        })
    };
    let acme = Facts {
        tenant: Some(acme()),
        ..Facts::default()
    };
    // Nothing open: the console, and the tenant's social connections (the dashboard before a tenant is known).
    assert_eq!(
        step_place(StepId::Callback, &[], &acme),
        open("https://console.x.com/", Text::new("openConsole"))
    );
    assert_eq!(
        step_place(StepId::Fill, &[], &Facts::default()),
        open("https://manage.auth0.com/", Text::new("openDashboard"))
    );
    assert_eq!(
        step_place(StepId::Fill, &[], &acme),
        open(
            "https://manage.auth0.com/dashboard/us/acme-demo/connections/social",
            Text::new("openSocialConnections")
        )
    );
    let settings = "https://manage.auth0.com/dashboard/us/acme-demo/connections/social/con_ABCDEFGH12345678/settings";
    let keys = "https://apps.twitter.com/app/1234567/keys";
    let tabs = [tab(1, keys, 10), tab(2, settings, 20)];
    // Made from the open pages of the same app and connection.
    assert_eq!(
        step_place(StepId::Callback, &tabs, &acme),
        open(
            "https://apps.twitter.com/app/1234567/settings",
            Text::new("openAppSettings")
        )
    );
    assert_eq!(
        step_place(StepId::Applications, &tabs, &acme),
        open(
            "https://manage.auth0.com/dashboard/us/acme-demo/connections/social/con_ABCDEFGH12345678/applications",
            Text::with("openApplications", ["Applications".to_string()])
        )
    );
    assert_eq!(
        step_place(StepId::Keys, &tabs, &acme),
        Some(Place::Tab { tab: 1 })
    );
    assert_eq!(
        step_place(StepId::Try, &tabs, &acme),
        Some(Place::Tab { tab: 2 })
    );
    // The admin's last tab of several; another tenant's dashboard is never this flow's page.
    let globex = "https://manage.auth0.com/dashboard/eu/globex/connections/social/con_ABCDEFGH12345678/settings";
    let more = [
        tab(1, keys, 10),
        tab(2, settings, 20),
        tab(3, globex, 30),
        tab(4, settings, 5),
    ];
    assert_eq!(
        step_place(StepId::Try, &more, &acme),
        Some(Place::Tab { tab: 2 })
    );
    assert_eq!(
        step_place(StepId::Applications, &[tab(3, globex, 30)], &acme),
        open(
            "https://manage.auth0.com/dashboard/us/acme-demo/connections/social",
            Text::new("openSocialConnections")
        )
    );
    // The seed era: its hash routes, and its tab's name.
    let seed = Facts {
        seed_dashboard: Some(true),
        ..acme.clone()
    };
    assert_eq!(
        step_place(
            StepId::Applications,
            &[tab(
                5,
                "https://manage.auth0.com/#/connections/social/twitter/settings",
                1
            )],
            &seed
        ),
        open(
            "https://manage.auth0.com/#/connections/social/twitter/clients",
            Text::with("openApplications", ["Clients".to_string()])
        )
    );
}

/// The dashboard's words for the connection's applications tab follow its era: "Clients" in the seed era.
#[test]
fn the_applications_tab_is_named_as_its_era_names_it() {
    let seed = observe(&snapshot("auth0-seed-settings"));
    assert_eq!(seed.seed_dashboard, Some(true));
    assert_eq!(seed.applications_tab(), "Clients");
    let today = observe(&snapshot("auth0-connection-settings"));
    assert_eq!(today.applications_tab(), "Applications");
    let step = |facts: &Facts| {
        checklist(facts, &Situation::default())
            .into_iter()
            .find(|s| s.id == StepId::Applications)
            .map(|s| s.why)
    };
    assert_eq!(
        step(&seed),
        Some(Text::with("whyApplicationsOpen", ["Clients".to_string()]))
    );
    assert_eq!(
        step(&today),
        Some(Text::with(
            "whyApplicationsOpen",
            ["Applications".to_string()]
        ))
    );
}

/// Try is offered only where a Try control is: a saved connection's pages; not the Create form, not today's
/// list of connections (whose rows each have a menu).
#[test]
fn try_is_offered_only_on_a_saved_connections_pages() {
    let try_action = |name: &str| {
        let page = snapshot(name);
        let situation = Situation {
            open: vec![kind_for_url(&page.url).expect("known page")],
            ..Situation::default()
        };
        checklist(&observe(&page), &situation)
            .into_iter()
            .find(|s| s.id == StepId::Try)
            .and_then(|s| s.action)
    };
    for name in [
        "auth0-connection-settings",
        "auth0-connection-applications",
        "auth0-seed-settings",
        "auth0-seed-clients",
    ] {
        assert_eq!(try_action(name), Some(GuideAction::Try), "{name}");
    }
    for name in ["auth0-create-twitter", "auth0-social", "auth0-create"] {
        assert_eq!(try_action(name), None, "{name}");
    }
}

/// Keys regenerated on X: the page the keys came from shows a key or secret it did not show at the capture
/// (by fingerprint; no key is kept). Another page, a masked key, or another kind of token says nothing.
#[test]
fn keys_regenerated_are_seen_on_the_page_they_came_from() {
    let print = |i: usize| format!("{i:016x}");
    let mut page = snapshot("twitter-legacy-keys");
    for (i, pair) in page.pairs.iter_mut().enumerate() {
        pair.fingerprint = print(i);
    }
    let facts = Facts {
        key_page: Some([page.url.origin.as_str(), &page.url.path].concat()),
        key_prints: Some(
            keybridge::page::key_prints(&page)
                .into_iter()
                .map(String::from)
                .collect(),
        ),
        ..Facts::default()
    };
    assert_eq!(
        facts.key_prints.as_ref().map(Vec::len),
        Some(2),
        "the consumer key and secret"
    );
    assert!(!facts.regenerated_on(&page), "the same keys");
    let label_is =
        |p: &keybridge::snapshot::TextPair, part: &str| p.label.to_lowercase().starts_with(part);
    // Another access token: not the app's keys.
    let mut token = page.clone();
    for p in token
        .pairs
        .iter_mut()
        .filter(|p| label_is(p, "access token"))
    {
        p.fingerprint = print(99);
    }
    assert!(!facts.regenerated_on(&token));
    // A new consumer secret (or key): regenerated.
    let mut regenerated = page.clone();
    for p in regenerated
        .pairs
        .iter_mut()
        .filter(|p| label_is(p, "consumer secret"))
    {
        p.fingerprint = print(98);
    }
    assert!(facts.regenerated_on(&regenerated));
    // Masked now (no fingerprint): nothing to say.
    let mut masked = regenerated.clone();
    for p in masked.pairs.iter_mut() {
        p.fingerprint.clear();
    }
    assert!(!facts.regenerated_on(&masked));
    // Another app's keys page.
    let mut other = regenerated.clone();
    other.url.path = other.url.path.replace("/app/", "/app/1");
    assert!(!facts.regenerated_on(&other));
    // The checklist: the keys and the fill that used them are to revisit.
    let after = Facts {
        keys_regenerated: Some(true),
        ..facts
    };
    let verdicts = [keybridge::page::FieldVerdict {
        target: Target::ConsumerKey,
        outcome: keybridge::page::FieldOutcome::Filled,
        label: "API Key".into(),
    }];
    let steps = checklist(
        &after,
        &Situation {
            filled: &verdicts,
            ..Situation::default()
        },
    );
    let state = |id| {
        steps
            .iter()
            .find(|s| s.id == id)
            .map(|s| (s.state, s.why.clone()))
    };
    assert_eq!(
        state(StepId::Keys),
        Some((StepState::Blocked, Text::new("whyKeysRegenerated")))
    );
    assert_eq!(
        state(StepId::Fill),
        Some((StepState::Blocked, Text::new("whyFillRegenerated")))
    );
}

/// Today's Create Connection form is not where a Try happens: the Try step opens the tenant's connections.
#[test]
fn the_create_form_is_not_where_a_try_happens() {
    use keybridge::flow::{step_place, Place};
    let facts = Facts {
        tenant: Some(acme()),
        ..Facts::default()
    };
    let create = tab(
        1,
        "https://manage.auth0.com/dashboard/us/acme-demo/connections/social/create/twitter/setup",
        1,
    );
    assert_eq!(
        step_place(StepId::Fill, std::slice::from_ref(&create), &facts),
        Some(Place::Tab { tab: 1 })
    );
    assert_eq!(
        step_place(StepId::Try, &[create], &facts),
        Some(Place::Open {
            url: "https://manage.auth0.com/dashboard/us/acme-demo/connections/social".into(),
            page: Text::new("openSocialConnections"),
        })
    );
}
