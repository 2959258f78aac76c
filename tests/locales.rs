//! The message catalogues: every id the core, the popup and the manifest use exists in English; every other
//! language only translates ids that exist, with the same placeholders.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

fn catalogue(lang: &str) -> serde_json::Map<String, serde_json::Value> {
    let path = format!(
        "{}/extension/_locales/{lang}/messages.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn placeholders(entry: &serde_json::Value) -> BTreeSet<String> {
    entry["placeholders"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Ids quoted in the Rust sources as message ids: `Text::new("…")`, `Text::with("…"`, `self.t("…")`, and
/// the ids returned by the `*_id` functions and tables (camelCase words starting with a known prefix).
fn ids_in_sources() -> BTreeSet<String> {
    const PREFIXES: &[&str] = &[
        "err",
        "why",
        "tryFail",
        "step",
        "state",
        "action",
        "section",
        "tab",
        "term",
        "notice",
        "outcome",
        "choice",
        "expires",
        "captureKeys",
        "fillAuth0",
        "captureAnyway",
        "replaceInAuth0",
        "forgetKeys",
        "export",
        "revealKey",
        "goToTab",
        "open",
        "guideTitle",
        "lede",
        "extName",
    ];
    let mut ids = BTreeSet::new();
    let dir = format!("{}/src", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&dir).expect("src") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("source");
        let parts: Vec<&str> = text.split('"').collect();
        for (before, quoted) in parts.iter().zip(parts.iter().skip(1)).step_by(2) {
            // `field: "key"` maps a struct field to its JS key (`src/js.rs`): not a message.
            let js_key = before
                .strip_suffix(": ")
                .and_then(|b| {
                    b.rsplit(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                        .next()
                })
                .is_some_and(|field| !field.is_empty());
            let is_id = !js_key
                && !quoted.is_empty()
                && quoted.chars().all(|c| c.is_ascii_alphanumeric())
                && quoted
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_lowercase())
                && quoted.chars().any(|c| c.is_ascii_uppercase())
                && PREFIXES.iter().any(|p| quoted.starts_with(p));
            if is_id {
                ids.insert(quoted.to_string());
            }
        }
    }
    ids
}

#[test]
fn every_message_the_core_uses_exists_in_english() {
    let en = catalogue("en");
    let ids = ids_in_sources();
    assert!(ids.len() > 80, "found only {} ids", ids.len());
    let missing: Vec<&String> = ids.iter().filter(|id| !en.contains_key(*id)).collect();
    assert!(missing.is_empty(), "not in _locales/en: {missing:?}");
    let manifest = std::fs::read_to_string(format!(
        "{}/extension/manifest.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("manifest");
    for part in manifest.split("__MSG_").skip(1) {
        let id = part.split("__").next().unwrap_or_default();
        assert!(en.contains_key(id), "manifest message {id} missing");
    }
}

/// German is complete: an admin who reads German reads no English sentence of KeyBridge's (the sites'
/// own words, such as a button's name, stay as the sites show them).
#[test]
fn german_translates_every_message_with_the_same_placeholders() {
    let en = catalogue("en");
    let de = catalogue("de");
    let untranslated: Vec<&String> = en.keys().filter(|id| !de.contains_key(*id)).collect();
    assert!(
        untranslated.is_empty(),
        "not in _locales/de: {untranslated:?}"
    );
    for (id, entry) in &de {
        let english = en
            .get(id)
            .unwrap_or_else(|| panic!("de has {id}, en does not"));
        assert_eq!(
            placeholders(entry),
            placeholders(english),
            "placeholders of {id}"
        );
        assert!(
            entry["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{id} is empty"
        );
    }
}

/// German speaks to the admin one way, formally ("Sie"): the informal pronouns and imperatives are not used.
#[test]
fn german_addresses_the_admin_formally() {
    const INFORMAL: &[&str] = &[
        "du",
        "dich",
        "dir",
        "dein",
        "deine",
        "deinen",
        "deinem",
        "deiner",
        "deines",
        "wähle",
        "öffne",
        "klicke",
        "fülle",
        "speichere",
        "prüfe",
        "teste",
        "versuche",
        "übernimm",
        "lade",
    ];
    let de = catalogue("de");
    let informal: Vec<String> = de
        .iter()
        .filter_map(|(id, entry)| {
            let message = entry["message"].as_str()?.to_lowercase();
            let word = message
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| INFORMAL.contains(w))?;
            Some(format!("{id}: {word}"))
        })
        .collect();
    assert!(informal.is_empty(), "informal German: {informal:?}");
}
