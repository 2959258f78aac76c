//! Property tests over everything that reads what a page sends: snapshot decoding and bounds,
//! classification, capture, fill planning, the guide's facts and actions. No input may panic.
//! A short run is part of `cargo xtask test`; `cargo xtask fuzz --seconds N` runs it for longer.
#![cfg(not(target_arch = "wasm32"))]

use keybridge::guide::{checklist, observe, plan_action, Facts, GuideAction, Situation, Tenant};
use keybridge::keys::{KeyPair, Protocol};
use keybridge::page::{capture_as, plan_fill, verify, FillReport};
use keybridge::snapshot::{Field, PageSnapshot, PageUrl, TextPair};
use proptest::prelude::*;

/// Texts that matter to KeyBridge, mixed with noise: labels, key-shaped values, HTML, zero-width characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Consumer Key (API Key)".to_string()),
        Just("Consumer Secret (API Secret)".to_string()),
        Just("API Key".to_string()),
        Just("API Secret Key".to_string()),
        Just("Client ID".to_string()),
        Just("Callback URL".to_string()),
        Just("Allow this application to be used to Sign in with Twitter".to_string()),
        Just("acme-demo.us.auth0.com".to_string()),
        Just("Could not authenticate you".to_string()),
        "[A-Za-z0-9]{20,52}",
        "[0-9]{5,12}-[A-Za-z0-9]{30,45}",
        "[A-Za-z0-9_-]{48,52}",
        "<b>[A-Za-z ]{0,20}</b>",
        "\\PC{0,40}",
        "[ \u{200B}\u{FEFF}]{0,3}[A-Za-z0-9]{25}[ \u{200B}]{0,3}",
    ]
}

fn url() -> impl Strategy<Value = PageUrl> {
    let origins = prop_oneof![
        Just("https://apps.twitter.com"),
        Just("https://developer.x.com"),
        Just("https://manage.auth0.com"),
        Just("https://acme.us.auth0.com"),
        Just("https://api.twitter.com"),
        Just("https://console.x.com"),
        Just("https://apps.twitter.com.evil.test"),
        Just("http://apps.twitter.com"),
    ];
    let paths = prop_oneof![
        Just("/app/123/keys".to_string()),
        Just("/app/123/settings".to_string()),
        Just("/app/new".to_string()),
        Just("/dashboard/us/acme/connections/social/con_ABCDEFGH12345678/settings".to_string()),
        Just("/dashboard/us/acme/connections/social/con_ABCDEFGH12345678/applications".to_string()),
        Just("/en/portal/projects/1234567890123456789/apps/42/keys".to_string()),
        Just("/accounts/1234567890123456789/apps/42".to_string()),
        Just("/accounts/1234567890123456789/apps/42/auth-settings".to_string()),
        Just("/dashboard/us/acme/connections/social/create/twitter/setup".to_string()),
        Just("/".to_string()),
        "(/[a-z0-9_%.-]{0,12}){0,8}",
    ];
    let hashes = prop_oneof![
        Just(String::new()),
        Just("#/connections/social/twitter/settings".to_string()),
        Just("#/connections/social".to_string()),
        "#\\PC{0,20}"
    ];
    (origins, paths, hashes).prop_map(|(o, path, hash)| PageUrl {
        origin: o.into(),
        path,
        hash,
    })
}

fn field() -> impl Strategy<Value = Field> {
    let kinds = prop_oneof![
        Just("text"),
        Just("password"),
        Just("checkbox"),
        Just("radio"),
        Just("url"),
        Just("")
    ];
    let tags = prop_oneof![
        Just("input"),
        Just("textarea"),
        Just("button"),
        Just("select")
    ];
    (
        0u32..40,
        tags,
        kinds,
        prop::collection::vec(text(), 0..4),
        text(),
        any::<[bool; 5]>(),
    )
        .prop_map(|(id, tag, kind, labels, value, flags)| Field {
            id,
            tag: tag.into(),
            input_type: kind.into(),
            labels,
            has_value: !value.is_empty(),
            value,
            visible: flags[0],
            readonly: flags[1],
            disabled: flags[2],
            checked: flags[3],
            role: if flags[4] {
                "switch".into()
            } else {
                String::new()
            },
            ..Field::default()
        })
}

fn snapshot() -> impl Strategy<Value = PageSnapshot> {
    let pair =
        (text(), text(), text(), any::<bool>()).prop_map(|(label, value, section, modal)| {
            TextPair {
                label,
                value,
                section,
                modal,
            }
        });
    (
        url(),
        any::<bool>(),
        prop::collection::vec(field(), 0..12),
        prop::collection::vec(pair, 0..12),
        text(),
        0u32..3,
    )
        .prop_map(
            |(url, top_frame, fields, pairs, text, snapshot_id)| PageSnapshot {
                version: 1,
                snapshot_id,
                url,
                top_frame,
                fields,
                pairs,
                text,
                ..PageSnapshot::default()
            },
        )
}

proptest! {
    #[test]
    fn no_snapshot_makes_the_core_panic(s in snapshot(), overwrite: bool, accept: bool, answer in prop::option::of(prop::sample::select(Protocol::ALL.to_vec()))) {
        let pair = vec![KeyPair::parse(&"K".repeat(25), &"S".repeat(50)).expect("test pair")];
        if let Ok(s) = s.clone().checked() {
            let _ = capture_as(&s, accept);
            if let Ok(plan) = plan_fill(&s, &pair, answer, overwrite) {
                prop_assert!(plan.origin == "https://manage.auth0.com");
                let _ = verify(&plan, &FillReport { snapshot_id: s.snapshot_id, ..FillReport::default() });
            }
            let facts = observe(&s);
            let tenant = Tenant { name: "acme".into(), domain: "acme.us.auth0.com".into() };
            let with_tenant = Facts { tenant: Some(tenant), ..facts.clone() };
            let _ = checklist(&with_tenant, &Situation::default());
            for action in [GuideAction::FillCallback, GuideAction::AllowSignIn, GuideAction::ChooseWebApp, GuideAction::EnableApplications, GuideAction::Try] {
                let _ = plan_action(&action, &s, &with_tenant, None, &["Acme Web".to_string()]);
            }
        }
    }

    #[test]
    fn no_bytes_make_snapshot_decoding_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<PageSnapshot>(&bytes).map(|s| s.checked());
    }

    #[test]
    fn captured_values_are_exactly_the_documented_shapes(s in snapshot()) {
        if let Ok(pairs) = capture_as(&s, false) {
            prop_assert!(s.url.origin == "https://apps.twitter.com" || s.url.origin.starts_with("https://developer.") || s.url.origin == "https://console.x.com");
            for pair in pairs {
                for v in [pair.key.expose(), pair.secret.expose()] {
                    match pair.protocol {
                        Protocol::OAuth1 => {
                            prop_assert!(v.bytes().all(|b| b.is_ascii_alphanumeric()));
                            prop_assert!([22, 25, 42, 50].contains(&v.len()));
                        }
                        Protocol::OAuth2 => {
                            prop_assert!(v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
                            prop_assert!((30..=64).contains(&v.len()));
                        }
                    }
                }
            }
        }
    }
}
