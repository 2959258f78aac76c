//! The JS boundary (serde-wasm-bindgen, `src/wire.rs`) in a real browser: the content script's recorded snapshots decode to what
//! the native tests read with serde, the plans have the shapes `content.js` reads, and values of the wrong
//! shape are refused.
#![cfg(target_arch = "wasm32")]

use keybridge::export::Export;
use keybridge::flow::{
    CapturedView, Notice, PageRequest, PopupState, Request, Role, StoredCapture, Tab, TabSlot,
};
use keybridge::guide::{
    Application, Facts, GuideAction, Step, StepId, StepState, Tenant, TryResult,
};
use keybridge::keys::{KeyPair, Protocol, Secret};
use keybridge::page::{
    capture, classify, FieldOutcome, FieldVerdict, FillAction, FillPlan, FillReport, Op, Target,
};
use keybridge::snapshot::{PageSnapshot, PageUrl};
use keybridge::text::Text;
use keybridge::wire::{from_js, to_js};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every recorded snapshot (`cargo xtask snapshots`); `fixtures_are_all_listed` keeps the list whole.
const FIXTURES: &[(&str, &str)] = &[
    (
        "auth0-connection-applications",
        include_str!("fixtures/auth0-connection-applications.json"),
    ),
    (
        "auth0-connection-settings",
        include_str!("fixtures/auth0-connection-settings.json"),
    ),
    (
        "auth0-connection-settings-lookalike",
        include_str!("fixtures/auth0-connection-settings-lookalike.json"),
    ),
    ("auth0-create", include_str!("fixtures/auth0-create.json")),
    (
        "auth0-create-github",
        include_str!("fixtures/auth0-create-github.json"),
    ),
    (
        "auth0-create-twitter",
        include_str!("fixtures/auth0-create-twitter.json"),
    ),
    (
        "auth0-it-works",
        include_str!("fixtures/auth0-it-works.json"),
    ),
    (
        "auth0-seed-clients",
        include_str!("fixtures/auth0-seed-clients.json"),
    ),
    (
        "auth0-seed-dialog",
        include_str!("fixtures/auth0-seed-dialog.json"),
    ),
    (
        "auth0-seed-dialog-github",
        include_str!("fixtures/auth0-seed-dialog-github.json"),
    ),
    (
        "auth0-seed-settings",
        include_str!("fixtures/auth0-seed-settings.json"),
    ),
    (
        "auth0-seed-social",
        include_str!("fixtures/auth0-seed-social.json"),
    ),
    ("auth0-social", include_str!("fixtures/auth0-social.json")),
    (
        "auth0-tenant-error-wrong-keys",
        include_str!("fixtures/auth0-tenant-error-wrong-keys.json"),
    ),
    ("console-app", include_str!("fixtures/console-app.json")),
    (
        "console-app-created",
        include_str!("fixtures/console-app-created.json"),
    ),
    (
        "console-app-oauth2-revealed",
        include_str!("fixtures/console-app-oauth2-revealed.json"),
    ),
    ("console-apps", include_str!("fixtures/console-apps.json")),
    (
        "console-auth-settings",
        include_str!("fixtures/console-auth-settings.json"),
    ),
    (
        "portal-app-settings",
        include_str!("fixtures/portal-app-settings.json"),
    ),
    (
        "portal-keys-hints-only",
        include_str!("fixtures/portal-keys-hints-only.json"),
    ),
    (
        "portal-keys-oauth2-revealed",
        include_str!("fixtures/portal-keys-oauth2-revealed.json"),
    ),
    (
        "portal-keys-revealed",
        include_str!("fixtures/portal-keys-revealed.json"),
    ),
    (
        "portal-keys-twitter-host",
        include_str!("fixtures/portal-keys-twitter-host.json"),
    ),
    (
        "portal-projects",
        include_str!("fixtures/portal-projects.json"),
    ),
    (
        "portal-user-auth-settings",
        include_str!("fixtures/portal-user-auth-settings.json"),
    ),
    (
        "twitter-authorize",
        include_str!("fixtures/twitter-authorize.json"),
    ),
    (
        "twitter-legacy-app-list",
        include_str!("fixtures/twitter-legacy-app-list.json"),
    ),
    (
        "twitter-legacy-create-app",
        include_str!("fixtures/twitter-legacy-create-app.json"),
    ),
    (
        "twitter-legacy-details",
        include_str!("fixtures/twitter-legacy-details.json"),
    ),
    (
        "twitter-legacy-keys",
        include_str!("fixtures/twitter-legacy-keys.json"),
    ),
    (
        "twitter-legacy-keys-lookalike",
        include_str!("fixtures/twitter-legacy-keys-lookalike.json"),
    ),
    (
        "twitter-legacy-keys-with-token",
        include_str!("fixtures/twitter-legacy-keys-with-token.json"),
    ),
    (
        "twitter-legacy-permissions",
        include_str!("fixtures/twitter-legacy-permissions.json"),
    ),
    (
        "twitter-legacy-settings",
        include_str!("fixtures/twitter-legacy-settings.json"),
    ),
];

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).expect("get")
}

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).expect("stringify").into()
}

/// `TwitterLegacyKeys` → `twitterLegacyKeys`, the fixtures' spelling.
fn camel(debug: String) -> String {
    let mut c = debug.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn recorded_snapshots_decode_whole() {
    for (name, json) in FIXTURES {
        let fixture = parse(json);
        let raw = get(&fixture, "snapshot");
        let snap = from_js::<PageSnapshot>(raw.clone())
            .ok()
            .unwrap_or_else(|| panic!("{name}: not decoded"));
        let snap = snap.checked().unwrap_or_else(|e| panic!("{name}: {e}"));
        // Every field and pair arrived, with their labels and states.
        let fields = js_sys::Array::from(&get(&raw, "fields"));
        assert_eq!(snap.fields.len() as u32, fields.length(), "{name}");
        for (f, raw) in snap.fields.iter().zip(fields.iter()) {
            assert_eq!(f.id as f64, get(&raw, "id").as_f64().expect("id"), "{name}");
            assert_eq!(Some(f.tag.clone()), get(&raw, "tag").as_string(), "{name}");
            assert_eq!(
                Some(f.input_type.clone()),
                get(&raw, "type").as_string(),
                "{name}"
            );
            assert_eq!(
                f.labels.len() as u32,
                js_sys::Array::from(&get(&raw, "labels")).length(),
                "{name}"
            );
            assert_eq!(Some(f.checked), get(&raw, "checked").as_bool(), "{name}");
        }
        assert_eq!(
            snap.pairs.len() as u32,
            js_sys::Array::from(&get(&raw, "pairs")).length(),
            "{name}"
        );
        let kind = get(&fixture, "kind").as_string();
        assert_eq!(
            classify(&snap).map(|k| camel(format!("{k:?}"))),
            kind,
            "{name}"
        );
        let expected = get(&fixture, "expected");
        if !expected.is_null() {
            let pairs = capture(&snap).unwrap_or_else(|e| panic!("{name}: {e}"));
            let expected = js_sys::Array::from(&expected);
            assert_eq!(pairs.len() as u32, expected.length(), "{name}");
            for (pair, want) in pairs.iter().zip(expected.iter()) {
                assert_eq!(
                    Some(pair.key.expose().to_string()),
                    get(&want, "key").as_string(),
                    "{name}"
                );
                assert_eq!(
                    Some(pair.secret.expose().to_string()),
                    get(&want, "secret").as_string(),
                    "{name}"
                );
            }
        }
        // Written back, it is the very JSON the content script sent: every key read, none misspelled.
        assert_eq!(stringify(&to_js(&snap)), stringify(&raw), "{name}");
    }
}

#[wasm_bindgen_test]
fn plans_have_the_shape_the_content_script_reads() {
    let plan = FillPlan {
        origin: "https://manage.auth0.com".into(),
        page: "https://manage.auth0.com/#/connections/social".into(),
        snapshot_id: 7,
        overwrite: false,
        actions: vec![
            FillAction {
                field: 3,
                target: Target::ConsumerKey,
                op: Op::Set(Secret::new("k".repeat(25))),
                label: String::new(),
            },
            FillAction {
                field: 4,
                target: Target::Application("Acme Web".into()),
                op: Op::Check(true),
                label: String::new(),
            },
            FillAction {
                field: 5,
                target: Target::Try,
                op: Op::Click,
                label: String::new(),
            },
            FillAction {
                field: 6,
                target: Target::Try,
                op: Op::Focus,
                label: String::new(),
            },
        ],
    };
    let message = to_js(&PageRequest::Apply { plan: plan.clone() });
    assert_eq!(
        stringify(&message),
        format!(
            concat!(
                r#"{{"kind":"apply","plan":{{"origin":"https://manage.auth0.com","page":"https://manage.auth0.com/#/connections/social","snapshotId":7,"overwrite":false,"#,
                r#""actions":[{{"field":3,"target":"consumerKey","op":{{"set":"{}"}}}},"#,
                r#"{{"field":4,"target":{{"application":"Acme Web"}},"op":{{"check":true}}}},"#,
                r#"{{"field":5,"target":"try","op":"click"}},{{"field":6,"target":"try","op":"focus"}}]}}}}"#
            ),
            "k".repeat(25)
        )
    );
    assert_eq!(
        from_js::<PageRequest>(message.clone()).ok(),
        Some(PageRequest::Apply { plan })
    );
    // content.js walks the page's prose only when `text` is true, and sends key-like values only when
    // `secrets` is.
    assert_eq!(
        stringify(&to_js(&PageRequest::Snapshot {
            text: false,
            secrets: true,
            deep: false,
            fingerprints: true
        })),
        r#"{"kind":"snapshot","text":false,"secrets":true,"deep":false,"fingerprints":true}"#
    );
    assert_eq!(
        from_js::<PageRequest>(parse(r#"{"kind":"snapshot","text":true}"#)).ok(),
        Some(PageRequest::Snapshot {
            text: true,
            secrets: false,
            deep: true,
            fingerprints: false
        })
    );
    // The report, as content.js writes it.
    let report = from_js::<FillReport>(parse(
        r#"{"snapshotId":7,"results":[{"field":3,"outcome":"filled"},{"field":4,"outcome":"occupied"}],"refused":null}"#,
    )).expect("report");
    assert_eq!((report.snapshot_id, report.refused), (7, None));
    assert_eq!(
        report
            .results
            .iter()
            .map(|r| (r.field, r.outcome))
            .collect::<Vec<_>>(),
        [(3, FieldOutcome::Filled), (4, FieldOutcome::Occupied)]
    );
    let refused =
        from_js::<FillReport>(parse(r#"{"snapshotId":0,"results":[],"refused":"stale"}"#)).ok();
    assert_eq!(refused.and_then(|r| r.refused).as_deref(), Some("stale"));
}

#[wasm_bindgen_test]
fn state_and_requests_survive_the_trip_between_popup_and_background() {
    let url = PageUrl {
        origin: "https://manage.auth0.com".into(),
        path: "/dashboard/us/acme/connections/social/con_ABCDEFGH12345678/settings".into(),
        hash: String::new(),
    };
    let tab = Tab {
        id: 4,
        window_id: 1,
        title: "Auth0".into(),
        url,
        last_accessed: 1_764_000_000_123,
    };
    let state = PopupState {
        auth0: TabSlot {
            tab: Some(tab.clone()),
            choices: vec![tab.clone(), Tab { id: 5, ..tab }],
            chosen: true,
            guessed: false,
            tenant: Some(keybridge::guide::Tenant {
                name: "acme".into(),
                domain: "acme.us.auth0.com".into(),
            }),
            started_with: None,
        },
        captured: Some(CapturedView {
            protocols: vec![keybridge::keys::Protocol::OAuth1],
            key: "abcd•••".into(),
            secret: "•••".into(),
            source_title: "Keys".into(),
            source_url: "https://apps.twitter.com/app/1/keys".into(),
            expires_at: 1_764_000_600_000.5,
        }),
        notice: Some(Notice::failure(Text::with("errorExpired", ["10".into()]))),
        confirm_capture: true,
        fill: vec![
            FieldVerdict {
                target: Target::ConsumerSecret,
                outcome: FieldOutcome::Rejected,
                label: String::new(),
            },
            FieldVerdict {
                target: Target::Application("Acme Web".into()),
                outcome: FieldOutcome::Missing,
                label: String::new(),
            },
        ],
        guide: vec![Step {
            id: StepId::Applications,
            title: Text::new("stepApplications"),
            state: StepState::Next,
            problem: Some(Text::new("tryFailApplications")),
            why: Text::new("whyApplications"),
            action: Some(GuideAction::EnableApplications),
            place: Some(keybridge::flow::Place::Open {
                url: "https://manage.auth0.com/#/connections/social/twitter/clients".into(),
                page: Text::with("openApplications", ["Clients".to_string()]),
            }),
        }],
        applications: vec![Application {
            name: "Acme Web".into(),
            enabled: true,
        }],
        export: Some(Export {
            management_api: "{}".into(),
            terraform: "resource".into(),
            deploy_cli: "connections".into(),
        }),
        revealed_key: Some("k".repeat(25)),
        ..PopupState::default()
    };
    assert_eq!(
        from_js::<PopupState>(to_js(&state)).ok(),
        Some(state.clone())
    );
    // The keys the popup reads by name, and the shapes of a step and a verdict.
    let js = to_js(&state);
    assert_eq!(get(&js, "revealedKey").as_string(), Some("k".repeat(25)));
    assert_eq!(
        stringify(&get(&js, "guide")),
        concat!(
            r#"[{"id":"applications","title":{"id":"stepApplications","args":[]},"state":"next","#,
            r#""problem":{"id":"tryFailApplications","args":[]},"why":{"id":"whyApplications","args":[]},"#,
            r#""action":"enableApplications","place":{"open":{"url":"https://manage.auth0.com/#/connections/social/twitter/clients","#,
            r#""page":{"id":"openApplications","args":["Clients"]}}}}]"#
        )
    );
    assert_eq!(
        stringify(&get(&js, "fill")),
        r#"[{"target":"consumerSecret","outcome":"rejected"},{"target":{"application":"Acme Web"},"outcome":"missing"}]"#
    );

    for request in [
        Request::Status,
        Request::Glance,
        Request::Capture {
            accept_lookalike: true,
        },
        Request::Fill {
            overwrite: false,
            protocol: None,
        },
        Request::Fill {
            overwrite: true,
            protocol: Some(Protocol::OAuth2),
        },
        Request::Choose {
            role: Role::Connection,
            tab: -3,
        },
        Request::Guide {
            action: GuideAction::EnableApplications,
            applications: vec!["Acme Web".into()],
        },
        Request::RevealKey,
    ] {
        assert_eq!(from_js::<Request>(to_js(&request)).ok(), Some(request));
    }
    // Flags the popup leaves out default to false.
    assert_eq!(
        from_js::<Request>(parse(r#"{"kind":"capture"}"#)).ok(),
        Some(Request::Capture {
            accept_lookalike: false
        })
    );

    let facts = Facts {
        tenant: Some(Tenant {
            name: "acme".into(),
            domain: "acme.us.auth0.com".into(),
        }),
        applications: Some(vec![Application {
            name: "Acme Web".into(),
            enabled: false,
        }]),
        try_result: Some(TryResult::Failed {
            step: StepId::Keys,
            message: "tryBadKeys".into(),
        }),
        ..Facts::default()
    };
    assert_eq!(from_js::<Facts>(to_js(&facts)).ok(), Some(facts));
    let stored = StoredCapture {
        pairs: vec![KeyPair {
            protocol: Protocol::OAuth2,
            key: Secret::new("k".into()),
            secret: Secret::new("s".into()),
        }],
        source_tab: 2,
        source_title: "t".into(),
        source_url: "u".into(),
        expires_at: 5.0,
    };
    assert!(stringify(&to_js(&stored)).contains(r#""protocol":"oauth2""#));
    assert_eq!(from_js::<StoredCapture>(to_js(&stored)).ok(), Some(stored));
}

#[wasm_bindgen_test]
fn values_of_the_wrong_shape_are_refused() {
    for bad in [
        r#"{"kind":"launch"}"#,
        r#"{"kind":"choose","role":"keys"}"#,
        r#"{"kind":"choose","role":"printer","tab":1}"#,
        r#"{"kind":"goTo","tab":1.5}"#,
        r#"{"kind":"goTo","tab":"1"}"#,
        r#"{"kind":"fill","overwrite":"yes"}"#,
        r#"{"kind":"fill","protocol":"oauth3"}"#,
        r#""status""#,
        "null",
    ] {
        assert_eq!(from_js::<Request>(parse(bad)).ok(), None, "{bad}");
    }
    for bad in [
        r#"{"version":1,"fields":"many"}"#,
        r#"{"version":-1}"#,
        r#"{"version":1,"fields":[{"id":4294967296}]}"#,
        r#"{"version":1,"pairs":[{"label":3}]}"#,
        "[]",
    ] {
        // Refused when decoded, or by the bounds and version check that follows every decode.
        let snapshot = from_js::<PageSnapshot>(parse(bad)).ok();
        assert_eq!(snapshot.and_then(|s| s.checked().ok()), None, "{bad}");
    }
    for bad in [
        r#""set""#,
        r#"{"set":3}"#,
        r#"{"check":"yes"}"#,
        r#"{}"#,
        "null",
    ] {
        assert_eq!(from_js::<Op>(parse(bad)).ok(), None, "{bad}");
    }
    for bad in [r#""everything""#, r#"{"application":1}"#, r#"["try"]"#] {
        assert_eq!(from_js::<Target>(parse(bad)).ok(), None, "{bad}");
    }
    for bad in [
        r#""worked""#,
        r#"{"failed":{"step":"keys"}}"#,
        r#"{"failed":{"step":"nope","message":"m"}}"#,
    ] {
        assert_eq!(from_js::<TryResult>(parse(bad)).ok(), None, "{bad}");
    }
    // An array claiming billions of (missing) elements is refused at the first one, not walked.
    let huge = parse(r#"{"version":1,"fields":[]}"#);
    let fields = get(&huge, "fields");
    js_sys::Reflect::set(
        &fields,
        &"length".into(),
        &JsValue::from_f64(4_294_967_295.0),
    )
    .expect("set");
    assert_eq!(from_js::<PageSnapshot>(huge).ok(), None);
    // A stored capture without its secret is no capture; one whose expiry never comes has expired.
    assert_eq!(
        from_js::<StoredCapture>(parse(
            r#"{"pairs":[{"protocol":"oauth1","key":"k"}],"sourceTab":1,"sourceTitle":"","sourceUrl":"","expiresAt":1}"#
        ))
        .ok(),
        None
    );
    let endless = js_sys::Object::new();
    let pairs = parse(r#"[{"protocol":"oauth1","key":"k","secret":"s"}]"#);
    for (k, v) in [
        ("pairs", pairs),
        ("sourceTab", JsValue::from_f64(1.0)),
        ("sourceTitle", JsValue::from_str("")),
        ("sourceUrl", JsValue::from_str("")),
        ("expiresAt", JsValue::from_f64(f64::NAN)),
    ] {
        js_sys::Reflect::set(&endless, &k.into(), &v).expect("set");
    }
    let endless = from_js::<StoredCapture>(endless.into()).expect("decoded");
    assert!(
        endless.is_expired(0.0),
        "an expiry that is not a number has passed"
    );
    let later = StoredCapture {
        expires_at: 2.0,
        ..endless
    };
    assert!(!later.is_expired(1.0) && later.is_expired(2.0));
}
