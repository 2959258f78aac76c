//! The guide's facts, checklist and actions, on snapshots the real content script took of the replicas.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use keybridge::guide::{
    checklist, observe, plan_action, Facts, GuideAction, Situation, StepId, StepState, Tenant,
    TryResult,
};
use keybridge::keys::Protocol;
use keybridge::page::{Op, Target};
use keybridge::site::{kind_for_url, PROSE_PAGES};
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
    let (facts, steps) = with(refused);
    assert_eq!(facts.callbacks, None);
    assert_ne!(steps[0].state, StepState::Done);
    assert_eq!(
        steps[0].why,
        Text::with(
            "whySaveRefused",
            ["Website URL must be a valid https URL.".into()]
        )
    );

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
