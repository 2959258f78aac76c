//! Property tests over everything that reads what a page sends: snapshot decoding and bounds,
//! classification, capture, fill planning, the guide's facts and actions. No input may panic, and none may
//! make KeyBridge capture a value no label names, plan a secret into anything but a visible text field, or
//! click a submit button. Hostile shapes too: labels broken by zero-width, bidi or look-alike letters,
//! labels imitating buttons and other credentials, other scripts, texts at the bounds, 400 fields and values.
//! A short run is part of `cargo xtask test`; `cargo xtask fuzz --seconds N` runs it for longer.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use keybridge::guide::{checklist, observe, plan_action, Facts, GuideAction, Situation, Tenant};
use keybridge::keys::{KeyPair, Protocol};
use keybridge::page::{capture_as, plan_fill, verify, FillReport, Op};
use keybridge::site::twitter_label_names;
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
        hostile_text(),
    ]
}

/// What a hostile page writes: key labels broken by zero-width, bidi or look-alike letters, labels that
/// imitate buttons or name other credentials, other scripts, and texts at the bounds' length.
fn hostile_text() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        Just("Consumer Key"),
        Just("API Key"),
        Just("API Key Secret"),
        Just("Client Secret"),
        Just("Secret Key"),
    ];
    let breaker = prop_oneof![
        Just("\u{200B}"),
        Just("\u{2060}"),
        Just("\u{202E}"),
        Just("\u{2066}"),
        Just("\u{200F}"),
        Just("\u{00A0}"),
        Just("\u{0421}"), // Cyrillic С
        Just("\u{043E}"), // Cyrillic о
    ];
    prop_oneof![
        (label, breaker, 0usize..12).prop_map(|(l, b, at)| {
            let at = (0..=at.min(l.len()))
                .rev()
                .find(|i| l.is_char_boundary(*i))
                .unwrap_or(0);
            [&l[..at], b, &l[at..]].concat()
        }),
        prop::sample::select(
            &[
                "Copy",
                "Regenerate",
                "More actions",
                "Save Changes",
                "Access Token",
                "Access Token Secret",
                "Bearer Token",
                "Consumer Key Copy",
            ][..]
        )
        .prop_map(str::to_string),
        "[\u{0400}-\u{04FF}\u{3040}-\u{30FF}\u{0600}-\u{06FF}a-z \u{200B}\u{202A}-\u{202E}]{0,40}",
        "[A-Za-z0-9\u{200B}]{500,512}",
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
        Just("search"),
        Just("submit"),
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

/// Field ids as `content.js` gives them: counted up from 1 in page order.
fn number(fields: &mut [Field]) -> &mut [Field] {
    for (i, f) in fields.iter_mut().enumerate() {
        f.id = i as u32 + 1;
    }
    fields
}

fn snapshot() -> impl Strategy<Value = PageSnapshot> {
    sized_snapshot(12)
}

/// A snapshot of up to `most` fields and values each.
fn sized_snapshot(most: usize) -> impl Strategy<Value = PageSnapshot> {
    let pair =
        (text(), text(), text(), any::<bool>()).prop_map(|(label, value, section, modal)| {
            TextPair {
                label,
                value,
                section,
                modal,
                ..TextPair::default()
            }
        });
    (
        url(),
        any::<bool>(),
        prop::collection::vec(field(), 0..most),
        prop::collection::vec(pair, 0..most),
        text(),
        0u32..3,
        prop::collection::vec(text(), 0..4),
    )
        .prop_map(
            |(url, top_frame, mut fields, pairs, text, snapshot_id, headings)| PageSnapshot {
                fields: number(&mut fields).to_vec(),
                version: 1,
                snapshot_id,
                url,
                top_frame,
                pairs,
                text,
                headings,
                ..PageSnapshot::default()
            },
        )
}

#[derive(serde::Deserialize)]
struct Recorded {
    snapshot: PageSnapshot,
}

/// Every page of the replica world as recorded (`tests/fixtures`): the shapes KeyBridge must read.
fn recorded() -> Vec<PageSnapshot> {
    common::fixture_names()
        .iter()
        .map(|n| common::read_fixture::<Recorded>(n).snapshot)
        .collect()
}

fn text_pair() -> impl Strategy<Value = TextPair> {
    (text(), text(), text(), any::<bool>()).prop_map(|(label, value, section, modal)| TextPair {
        fingerprint: String::new(),
        label,
        value,
        section,
        modal,
    })
}

/// A recorded page with what a hostile page adds anywhere in it: values under broken or imitating labels,
/// more fields (decoys, buttons, submit buttons), more headings. Unlike fully random snapshots, most of
/// these are real keys pages and Auth0 forms, so captures and plans are made and checked.
fn recorded_with_noise() -> impl Strategy<Value = PageSnapshot> {
    (
        prop::sample::select(recorded()),
        prop::collection::vec((any::<prop::sample::Index>(), text_pair()), 0..4),
        prop::collection::vec((any::<prop::sample::Index>(), field()), 0..4),
        prop::collection::vec(hostile_text(), 0..3),
    )
        .prop_map(|(mut s, pairs, fields, headings)| {
            for (at, p) in pairs {
                let i = at.index(s.pairs.len() + 1);
                s.pairs.insert(i, p);
            }
            for (at, f) in fields {
                let i = at.index(s.fields.len() + 1);
                s.fields.insert(i, f);
            }
            number(&mut s.fields);
            s.headings.extend(headings);
            s
        })
}

/// The core's whole reading of one snapshot: capture, a fill plan, the facts, every guide action. What a
/// plan or capture holds is checked against the snapshot it came from.
fn read_everything(
    s: &PageSnapshot,
    overwrite: bool,
    accept: bool,
    answer: Option<Protocol>,
) -> Result<(), TestCaseError> {
    let pair = vec![KeyPair::parse(&"K".repeat(25), &"S".repeat(50)).expect("test pair")];
    let Ok(s) = s.clone().checked() else {
        return Ok(());
    };
    if let Ok(pairs) = capture_as(&s, accept) {
        // Each captured value is shown on the page under a label that names its part, and never under
        // another credential's (an access or bearer token).
        for p in pairs {
            let [k, sec] = p.protocol.parts();
            for (part, value) in [(k, p.key.expose()), (sec, p.secret.expose())] {
                let shown = s.pairs.iter().any(|t| {
                    twitter_label_names(part, &t.label)
                        && t.value
                            .replace(['\u{200B}', '\u{FEFF}', '\u{2060}'], "")
                            .contains(value)
                });
                prop_assert!(shown, "{part:?} captured from no pair that names it");
            }
        }
    }
    if let Ok(plan) = plan_fill(&s, &pair, answer, overwrite) {
        prop_assert!(plan.origin == "https://manage.auth0.com");
        for action in &plan.actions {
            let f = s.fields.iter().find(|f| f.id == action.field);
            prop_assert!(f.is_some(), "a plan names a field the page does not have");
            if let (Some(f), Op::Set(_)) = (f, &action.op) {
                // Only a visible, enabled text field: never a hidden input, a search box or a button.
                let text = f.tag == "textarea"
                    || (f.tag == "input"
                        && ["", "text", "password", "url"].contains(&f.input_type.as_str()));
                prop_assert!(
                    text && f.visible && !f.disabled && !f.readonly,
                    "secret planned into {f:?}"
                );
            }
        }
        let _ = verify(
            &plan,
            &FillReport {
                snapshot_id: s.snapshot_id,
                ..FillReport::default()
            },
        );
    }
    let facts = observe(&s);
    let tenant = Tenant {
        name: "acme".into(),
        domain: "acme.us.auth0.com".into(),
    };
    let with_tenant = Facts {
        tenant: Some(tenant),
        ..facts.clone()
    };
    let _ = checklist(&with_tenant, &Situation::default());
    for action in [
        GuideAction::FillCallback,
        GuideAction::AllowSignIn,
        GuideAction::ChooseWebApp,
        GuideAction::EnableApplications,
        GuideAction::Try,
    ] {
        if let Some(plan) = plan_action(&action, &s, &with_tenant, None, &["Acme Web".to_string()])
        {
            for a in plan.actions.iter().filter(|a| a.op == Op::Click) {
                let f = s.fields.iter().find(|f| f.id == a.field);
                prop_assert!(
                    f.is_some_and(|f| f.input_type != "submit"),
                    "a guide action clicks a submit button"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    // Pages at the bounds: as many fields and values as a snapshot may carry (400 each). Fewer cases: each
    // is large; a hang shows as this test never ending.
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn no_snapshot_at_the_bounds_makes_the_core_panic_hang_or_misread(s in sized_snapshot(400), overwrite: bool, accept: bool) {
        read_everything(&s, overwrite, accept, None)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn no_hostile_addition_to_a_real_page_makes_the_core_misread(s in recorded_with_noise(), overwrite: bool, accept: bool, answer in prop::option::of(prop::sample::select(Protocol::ALL.to_vec()))) {
        read_everything(&s, overwrite, accept, answer)?;
    }
}

proptest! {
    #[test]
    fn no_snapshot_makes_the_core_panic_or_misread(s in snapshot(), overwrite: bool, accept: bool, answer in prop::option::of(prop::sample::select(Protocol::ALL.to_vec()))) {
        read_everything(&s, overwrite, accept, answer)?;
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
