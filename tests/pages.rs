//! Classification, capture and fill planning on snapshots the real content script took of the replicas
//! (`tests/fixtures`, recorded by `cargo xtask snapshots`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use keybridge::error::Error;
use keybridge::keys::{KeyPair, KeyPart, Protocol};
use keybridge::page::{
    capture, check_twitter_connection, classify, plan_fill, verify, FieldOutcome, FieldResult,
    FillReport, Target,
};
use keybridge::site::PageKind;
use keybridge::snapshot::PageSnapshot;
use serde::Deserialize;

/// A pair the page shows whole, as the recorder read it from the replica world.
#[derive(Deserialize)]
struct Expected {
    protocol: Protocol,
    key: String,
    secret: String,
}

#[derive(Deserialize)]
struct Fixture {
    page: String,
    kind: Option<PageKind>,
    expected: Option<Vec<Expected>>,
    snapshot: PageSnapshot,
}

fn fixture(name: &str) -> Fixture {
    common::read_fixture(name)
}

/// Every recorded page.
fn all_fixtures() -> Vec<Fixture> {
    common::fixture_names().iter().map(|n| fixture(n)).collect()
}

/// The wasm tests (`tests/js.rs`) decode every fixture through the JS boundary; a new fixture joins them.
#[test]
fn the_wasm_tests_decode_every_fixture() {
    let listed = std::fs::read_to_string(format!("{}/tests/js.rs", env!("CARGO_MANIFEST_DIR")))
        .expect("tests/js.rs");
    let fixtures = all_fixtures();
    let missing: Vec<&str> = fixtures
        .iter()
        .map(|f| f.page.as_str())
        .filter(|page| !listed.contains(&format!("include_str!(\"fixtures/{page}.json\")")))
        .collect();
    assert!(missing.is_empty(), "not in tests/js.rs: {missing:?}");
}

/// Both pairs, as Capture takes them from a page that shows both.
fn test_pair() -> Vec<KeyPair> {
    vec![
        KeyPair::parse(&"K".repeat(25), &"S".repeat(50)).expect("valid consumer pair"),
        KeyPair::parse_as(
            Protocol::OAuth2,
            &format!("{}MTpjaQ", "Q".repeat(28)),
            &format!("{}-_{}", "c".repeat(24), "d".repeat(24)),
        )
        .expect("valid OAuth 2.0 pair"),
    ]
}

/// The plan of a fill, the form's protocol as the admin answered when the form does not say.
fn plan(f: &PageSnapshot, answer: Option<Protocol>) -> Result<keybridge::page::FillPlan, Error> {
    plan_fill(f, &test_pair(), answer, false)
}

#[test]
fn recognises_each_replica_page_as_what_it_is_and_nothing_else() {
    for f in all_fixtures() {
        let snapshot = f.snapshot.clone().checked().expect("fixture within bounds");
        assert_eq!(classify(&snapshot), f.kind, "page {}", f.page);
    }
}

#[test]
fn captures_the_keys_exactly_where_a_page_shows_them() {
    let mut captured = 0;
    for f in all_fixtures() {
        match (&f.expected, capture(&f.snapshot)) {
            (Some(expected), Ok(pairs)) => {
                let got: Vec<(Protocol, &str, &str)> = pairs
                    .iter()
                    .map(|p| (p.protocol, p.key.expose(), p.secret.expose()))
                    .collect();
                let want: Vec<(Protocol, &str, &str)> = expected
                    .iter()
                    .map(|e| (e.protocol, e.key.as_str(), e.secret.as_str()))
                    .collect();
                assert_eq!(got, want, "page {}", f.page);
                captured += 1;
            }
            (None, Err(_)) => {}
            (Some(_), Err(e)) => panic!("page {}: no capture: {e}", f.page),
            (None, Ok(_)) => panic!("page {}: captured keys from a page that shows none", f.page),
        }
    }
    assert_eq!(
        captured, 6,
        "legacy keys tab before and after the access token, the portal's two dialogs, the console's two"
    );
}

#[test]
fn the_portal_showing_only_hints_says_to_regenerate() {
    let f = fixture("portal-keys-hints-only");
    assert_eq!(capture(&f.snapshot), Err(Error::KeysShownOnce));
}

#[test]
fn the_access_token_block_is_not_mistaken_for_the_consumer_pair() {
    let f = fixture("twitter-legacy-keys-with-token");
    let pairs = capture(&f.snapshot).expect("capture");
    let token = f
        .snapshot
        .pairs
        .iter()
        .find(|p| p.label == "Access Token")
        .expect("the decoy is on the page");
    assert!(pairs.iter().all(|p| p.key.expose() != token.value));
    assert!(f
        .snapshot
        .pairs
        .iter()
        .any(|p| p.section == "Your Access Token"));
}

#[test]
fn refuses_to_capture_from_the_details_tab() {
    let f = fixture("twitter-legacy-details");
    assert!(f
        .snapshot
        .pairs
        .iter()
        .any(|p| p.label == "Consumer Key (API Key)"));
    assert!(matches!(capture(&f.snapshot), Err(Error::NotKeysPage(_))));
}

#[test]
fn refuses_to_capture_from_a_lookalike_origin() {
    let f = fixture("twitter-legacy-keys-lookalike");
    assert!(matches!(capture(&f.snapshot), Err(Error::NotKeysPage(_))));
}

#[test]
fn refuses_to_capture_inside_a_frame() {
    let mut f = fixture("twitter-legacy-keys");
    f.snapshot.top_frame = false;
    assert!(matches!(capture(&f.snapshot), Err(Error::NotKeysPage(_))));
}

#[test]
fn a_masked_key_on_the_page_is_refused_with_a_sentence() {
    let mut f = fixture("twitter-legacy-keys");
    for p in &mut f.snapshot.pairs {
        if p.label.starts_with("Consumer Secret") {
            p.value = "••••••••••••••••••••ab12".into();
        }
    }
    let err = capture(&f.snapshot).expect_err("masked");
    assert_eq!(err.text().id, "errKeyMasked", "{err}");
}

#[test]
fn a_page_without_the_key_rows_says_the_layout_changed() {
    let mut f = fixture("twitter-legacy-keys");
    f.snapshot
        .pairs
        .retain(|p| !p.label.starts_with("Consumer Key"));
    assert_eq!(
        capture(&f.snapshot),
        Err(Error::KeyNotFound(KeyPart::ConsumerKey))
    );
}

#[test]
fn two_different_consumer_keys_are_not_guessed_between() {
    let mut f = fixture("twitter-legacy-keys");
    let mut extra = f.snapshot.pairs[0].clone();
    extra.label = "Consumer Key (API Key)".into();
    extra.value = "A".repeat(25);
    f.snapshot.pairs.push(extra);
    assert_eq!(
        capture(&f.snapshot),
        Err(Error::KeyAmbiguous(KeyPart::ConsumerKey))
    );
}

#[test]
fn plans_the_fill_into_the_labelled_auth0_fields_only() {
    let f = fixture("auth0-connection-settings");
    let plan = plan(&f.snapshot, None).expect("plan");
    assert_eq!(plan.origin, "https://manage.auth0.com");
    let target = |part: KeyPart| {
        let action = plan
            .actions
            .iter()
            .find(|a| a.target == part.into())
            .expect("planned");
        f.snapshot
            .fields
            .iter()
            .find(|fd| fd.id == action.field)
            .expect("field")
            .html_id
            .clone()
    };
    assert_eq!(target(KeyPart::ConsumerKey), "client_id");
    assert_eq!(target(KeyPart::ConsumerSecret), "client_secret");
    assert_eq!(plan.actions.len(), 2);
}

#[test]
fn plans_the_fill_into_the_seed_era_settings_too() {
    let f = fixture("auth0-seed-settings");
    let plan = plan(&f.snapshot, None).expect("plan");
    let ids: Vec<&str> = plan
        .actions
        .iter()
        .filter_map(|a| f.snapshot.fields.iter().find(|fd| fd.id == a.field))
        .map(|fd| fd.html_id.as_str())
        .collect();
    assert_eq!(ids, ["client_id", "client_secret"]);
}

/// The same connection page, saying it is another provider's (or nobody's): the URL and the labels stay
/// Twitter-like, as every social connection's do.
fn as_provider(name: &str, headings: &[&str]) -> Fixture {
    let mut f = fixture(name);
    let said: Vec<String> = headings.iter().map(|h| h.to_string()).collect();
    // A dialog's headings speak for the form in it; the list behind names every provider anyway.
    if f.snapshot.modal_headings.is_empty() {
        f.snapshot.headings = said;
    } else {
        f.snapshot.modal_headings = said;
    }
    f
}

#[test]
fn fills_only_a_connection_whose_page_says_twitter_in_both_eras() {
    for page in [
        "auth0-connection-settings",
        "auth0-seed-settings",
        "auth0-create-twitter",
        "auth0-seed-dialog",
    ] {
        for heading in ["Twitter", "X", "X (formerly Twitter)", "twitter"] {
            let f = as_provider(page, &[heading]);
            assert!(plan(&f.snapshot, None).is_ok(), "{page}: {heading}");
        }
        for (heading, named) in [
            ("GitHub", "GitHub"),
            ("Google / Gmail", "Google"),
            ("google-oauth2", "Google"),
            ("Tumblr", "Tumblr"),
            ("LinkedIn", "LinkedIn"),
            ("Facebook", "Facebook"),
        ] {
            let f = as_provider(page, &[heading]);
            assert_eq!(
                plan(&f.snapshot, None),
                Err(Error::OtherProvider(named.into())),
                "{page}: {heading}"
            );
        }
        for nothing in [&[][..], &["Social connection"], &["Settings", "Attributes"]] {
            let f = as_provider(page, nothing);
            assert_eq!(
                plan(&f.snapshot, None),
                Err(Error::ProviderUnknown),
                "{page}: {nothing:?}"
            );
        }
        let both = as_provider(page, &["Twitter", "GitHub"]);
        assert_eq!(
            plan(&both.snapshot, None),
            Err(Error::ProviderUnclear("GitHub".into())),
            "{page}"
        );
        // A lower-case "x" or a word that merely contains a name is no provider.
        let words = as_provider(page, &["Export", "xylophone", "Githubber"]);
        assert_eq!(
            plan(&words.snapshot, None),
            Err(Error::ProviderUnknown),
            "{page}"
        );
    }
}

#[test]
fn the_applications_tab_is_checked_for_the_provider_too() {
    for page in ["auth0-connection-applications", "auth0-seed-clients"] {
        assert_eq!(check_twitter_connection(&fixture(page).snapshot), Ok(()));
        let f = as_provider(page, &["Tumblr"]);
        assert_eq!(
            check_twitter_connection(&f.snapshot),
            Err(Error::OtherProvider("Tumblr".into())),
            "{page}"
        );
    }
}

#[test]
fn refuses_to_plan_a_fill_outside_the_connection_settings() {
    for name in [
        "auth0-connection-applications",
        "auth0-seed-clients",
        "twitter-legacy-keys",
        "auth0-connection-settings-lookalike",
    ] {
        let f = fixture(name);
        assert!(
            matches!(plan(&f.snapshot, None), Err(Error::NotAuth0Page(_))),
            "{name}"
        );
    }
}

#[test]
fn a_settings_form_not_rendered_yet_asks_to_wait() {
    let mut f = fixture("auth0-connection-settings");
    f.snapshot.fields.retain(|fd| fd.html_id.is_empty());
    assert_eq!(
        plan(&f.snapshot, None),
        Err(Error::FieldNotFound(KeyPart::ConsumerKey))
    );
}

#[test]
fn two_candidate_fields_are_not_guessed_between() {
    let mut f = fixture("auth0-connection-settings");
    let mut twin = field_with_id(&f, "client_id");
    twin.id = 99;
    f.snapshot.fields.push(twin);
    assert_eq!(
        plan(&f.snapshot, None),
        Err(Error::FieldAmbiguous(KeyPart::ConsumerKey))
    );
}

#[test]
fn verify_names_each_field_and_notices_what_the_page_did_not_keep() {
    let f = fixture("auth0-connection-settings");
    let plan = plan(&f.snapshot, None).expect("plan");
    let report = FillReport {
        snapshot_id: plan.snapshot_id,
        results: vec![FieldResult {
            field: plan.actions[0].field,
            outcome: FieldOutcome::Filled,
        }],
        refused: None,
    };
    let verdicts = verify(&plan, &report).expect("verify");
    assert_eq!(verdicts[0].outcome, FieldOutcome::Filled);
    assert_eq!(verdicts[1].outcome, FieldOutcome::Missing);
    let stale = FillReport {
        snapshot_id: plan.snapshot_id + 1,
        ..report.clone()
    };
    assert_eq!(verify(&plan, &stale), Err(Error::StalePlan));
    let moved = FillReport {
        refused: Some("wrong-origin".into()),
        ..report
    };
    assert_eq!(verify(&plan, &moved), Err(Error::TabMoved));
}

#[test]
fn a_plan_carrying_a_captured_value_may_go_only_to_the_auth0_dashboard() {
    let f = fixture("auth0-connection-settings");
    let pair = test_pair();
    let mut plan = plan(&f.snapshot, None).expect("plan");
    assert!(plan.may_carry(&pair));
    plan.origin = "https://apps.twitter.com".into();
    assert!(!plan.may_carry(&pair), "a secret bound for another origin");
    plan.actions.clear();
    assert!(
        plan.may_carry(&pair),
        "a plan without captured values may go anywhere"
    );
}

#[test]
fn oversized_snapshots_are_refused() {
    let mut f = fixture("auth0-connection-settings");
    let field = f.snapshot.fields[0].clone();
    f.snapshot.fields = vec![field; keybridge::snapshot::MAX_FIELDS + 1];
    assert_eq!(f.snapshot.checked(), Err(Error::SnapshotTooLarge));
}

#[test]
fn a_snapshot_naming_two_fields_by_one_id_is_refused() {
    let mut f = fixture("auth0-connection-settings");
    let twin = f.snapshot.fields[0].clone();
    f.snapshot.fields.insert(1, twin);
    assert_eq!(f.snapshot.checked(), Err(Error::BadMessage));
}

/// The current era's settings page with its two fields labelled `key` / `secret` (and nothing else said).
fn labelled(key: &str, secret: &str) -> Fixture {
    let mut f = fixture("auth0-connection-settings");
    for fd in &mut f.snapshot.fields {
        match fd.html_id.as_str() {
            "client_id" => fd.labels = vec![key.into()],
            "client_secret" => fd.labels = vec![secret.into()],
            _ => {}
        }
    }
    f
}

/// A copy of the fixture's field of that `id` attribute, to add a twin of it.
fn field_with_id(f: &Fixture, id: &str) -> keybridge::snapshot::Field {
    f.snapshot
        .fields
        .iter()
        .find(|fd| fd.html_id == id)
        .expect("field")
        .clone()
}

fn targets(plan: &keybridge::page::FillPlan) -> Vec<Target> {
    plan.actions.iter().map(|a| a.target.clone()).collect()
}

#[test]
fn the_form_says_which_pair_it_wants_or_the_admin_is_asked() {
    use keybridge::page::form_protocol;
    for (key, secret, said) in [
        ("Consumer Key", "Consumer Secret", Some(Protocol::OAuth1)),
        ("API Key", "API Secret Key", Some(Protocol::OAuth1)),
        (
            "OAuth 2.0 Client ID",
            "OAuth 2.0 Client Secret",
            Some(Protocol::OAuth2),
        ),
        (
            "Client ID (OAuth 2.0)",
            "Client Secret",
            Some(Protocol::OAuth2),
        ),
        ("Client ID", "Client Secret", None),
        ("API Key", "OAuth 2.0 Client Secret", None),
    ] {
        let f = labelled(key, secret);
        assert_eq!(form_protocol(&f.snapshot), said, "{key} / {secret}");
        match said {
            Some(p) => {
                let plan = plan(&f.snapshot, None).expect("plan");
                let [k, s] = p.parts();
                assert_eq!(targets(&plan), [Target::from(k), Target::from(s)], "{key}");
                // The admin's other answer does not override what the form says.
                let other = if p == Protocol::OAuth1 {
                    Protocol::OAuth2
                } else {
                    Protocol::OAuth1
                };
                assert_eq!(
                    plan_fill_with(&f, Some(other)),
                    Err(Error::ProtocolContradicts(p))
                );
            }
            None => {
                assert_eq!(
                    plan(&f.snapshot, None),
                    Err(Error::ProtocolUnknown),
                    "{key}"
                );
                let answered = plan(&f.snapshot, Some(Protocol::OAuth2)).expect("answered");
                assert_eq!(targets(&answered), [Target::ClientId, Target::ClientSecret]);
            }
        }
    }
    // A help text tied to the field, or a protocol control, says it too.
    let mut help = labelled("Client ID", "Client Secret");
    for fd in &mut help.snapshot.fields {
        if fd.html_id == "client_id" {
            fd.labels
                .push("The OAuth 2.0 Client ID of your X app (Keys and tokens).".into());
        }
    }
    assert_eq!(form_protocol(&help.snapshot), Some(Protocol::OAuth2));
    let mut control = labelled("Client ID", "Client Secret");
    let mut select = control.snapshot.fields[0].clone();
    select.id = 77;
    select.tag = "select".into();
    select.input_type = String::new();
    select.labels = vec!["Protocol".into()];
    select.value = "oauth1".into();
    control.snapshot.fields.push(select);
    assert_eq!(form_protocol(&control.snapshot), Some(Protocol::OAuth1));
}

fn plan_fill_with(
    f: &Fixture,
    answer: Option<Protocol>,
) -> Result<keybridge::page::FillPlan, Error> {
    plan(&f.snapshot, answer)
}

#[test]
fn a_pair_the_form_wants_but_nobody_captured_is_never_replaced_by_the_other() {
    let f = labelled("OAuth 2.0 Client ID", "OAuth 2.0 Client Secret");
    let consumer_only = vec![test_pair().remove(0)];
    assert_eq!(
        plan_fill(&f.snapshot, &consumer_only, None, false),
        Err(Error::PairNotCaptured(Protocol::OAuth2))
    );
    let g = labelled("Client ID", "Client Secret");
    assert_eq!(
        plan_fill(&g.snapshot, &consumer_only, None, false),
        Err(Error::ProtocolUnknown),
        "one pair captured is no answer to which pair the form wants"
    );
    let oauth2_only = vec![test_pair().remove(1)];
    let h = labelled("Consumer Key", "Consumer Secret");
    assert_eq!(
        plan_fill(&h.snapshot, &oauth2_only, None, false),
        Err(Error::PairNotCaptured(Protocol::OAuth1))
    );
}

#[test]
fn the_console_shows_keys_once_and_the_dialog_is_what_is_captured() {
    assert_eq!(
        capture(&fixture("console-app").snapshot),
        Err(Error::KeysShownOnce)
    );
    assert_eq!(
        capture(&fixture("console-apps").snapshot),
        Err(Error::KeysShownOnce)
    );
    // Over the app page (its Consumer Key masked, its Client ID in plain text), the dialog's pair alone.
    let f = fixture("console-app-oauth2-revealed");
    assert!(f
        .snapshot
        .pairs
        .iter()
        .any(|p| !p.modal && p.label == "Consumer Key"));
    let pairs = capture(&f.snapshot).expect("the OAuth 2.0 pair");
    assert_eq!(
        pairs.iter().map(|p| p.protocol).collect::<Vec<_>>(),
        [Protocol::OAuth2]
    );
    // The bearer token beside the new app's keys is never taken for either pair.
    let created = fixture("console-app-created");
    let bearer = created
        .snapshot
        .pairs
        .iter()
        .find(|p| p.label == "Bearer Token")
        .expect("the bearer token is shown");
    let pairs = capture(&created.snapshot).expect("the consumer pair");
    assert!(pairs
        .iter()
        .all(|p| p.key.expose() != bearer.value && p.secret.expose() != bearer.value));
}

#[test]
fn the_create_flow_and_the_seed_dialog_are_filled_only_when_they_are_twitters() {
    use keybridge::page::form_protocol;
    let create = fixture("auth0-create-twitter");
    assert_eq!(
        form_protocol(&create.snapshot),
        Some(Protocol::OAuth2),
        "its help text says so"
    );
    let plan_ = plan(&create.snapshot, None).expect("plan");
    assert_eq!(targets(&plan_), [Target::ClientId, Target::ClientSecret]);
    assert_eq!(
        plan(&fixture("auth0-create-github").snapshot, None),
        Err(Error::OtherProvider("GitHub".into()))
    );
    let dialog = fixture("auth0-seed-dialog");
    let plan_ = plan(&dialog.snapshot, None).expect("plan");
    assert_eq!(
        targets(&plan_),
        [Target::ConsumerKey, Target::ConsumerSecret]
    );
    assert!(plan_.actions.iter().all(|a| dialog
        .snapshot
        .fields
        .iter()
        .any(|f| f.id == a.field && f.modal)));
    assert_eq!(
        plan(&fixture("auth0-seed-dialog-github").snapshot, None),
        Err(Error::OtherProvider("GitHub".into()))
    );
    assert_eq!(
        plan(&fixture("auth0-seed-social").snapshot, None),
        Err(Error::SettingsNotOpen)
    );
}

#[test]
fn a_translated_dashboard_is_filled_by_its_fields_names_and_only_those() {
    // The browser's page translation rewrote the labels; the inputs still say client_id / client_secret.
    let mut f = labelled("Kunden-Kennung", "Kundengeheimnis");
    let plan_ = plan(&f.snapshot, Some(Protocol::OAuth1)).expect("plan by name");
    let ids: Vec<&str> = plan_
        .actions
        .iter()
        .filter_map(|a| f.snapshot.fields.iter().find(|fd| fd.id == a.field))
        .map(|fd| fd.html_id.as_str())
        .collect();
    assert_eq!(ids, ["client_id", "client_secret"]);
    // German labels of the catalogue's language are labels too, and say the pair.
    let de = labelled("API-Schlüssel", "API-Geheimschlüssel");
    assert_eq!(
        keybridge::page::form_protocol(&de.snapshot),
        Some(Protocol::OAuth1)
    );
    // A visible search box or a second field hinted the same way is never guessed.
    let mut twin = field_with_id(&f, "client_id");
    twin.id = 98;
    twin.html_id = "search_client_id".into();
    twin.name = String::new();
    f.snapshot.fields.push(twin);
    assert_eq!(
        plan(&f.snapshot, Some(Protocol::OAuth1)),
        Err(Error::FieldAmbiguous(KeyPart::ConsumerKey))
    );
}

#[test]
fn a_masked_or_partial_copy_beside_the_value_does_not_hide_it() {
    let mut f = fixture("twitter-legacy-keys");
    let real = capture(&f.snapshot).expect("capture");
    let mut hint = f.snapshot.pairs[0].clone();
    hint.label = "Consumer Key (API Key)".into();
    hint.value = "abcd••••••••".into();
    f.snapshot.pairs.insert(0, hint);
    assert_eq!(capture(&f.snapshot), Ok(real));
}

#[test]
fn a_settings_page_still_loading_is_waited_for_not_refused() {
    // The dashboard's spinner: neither the form nor the heading naming Twitter yet.
    let mut f = fixture("auth0-connection-settings");
    f.snapshot.fields.clear();
    f.snapshot.headings.clear();
    f.snapshot.title = "Auth0 Dashboard".into();
    assert!(matches!(
        plan(&f.snapshot, None),
        Err(Error::FieldNotFound(_))
    ));
    // Once fields show, the provider decides.
    let mut f = fixture("auth0-connection-settings");
    f.snapshot.headings.clear();
    f.snapshot.title = "Auth0 Dashboard".into();
    assert_eq!(plan(&f.snapshot, None).err(), Some(Error::ProviderUnknown));
}
