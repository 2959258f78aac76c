//! `content.js`, `background.js` and the core agree: the snapshot's bounds and version, and the origins a plan may land in,
//! are written in both languages; this keeps the two copies equal.

use keybridge::site::FILL_ORIGINS;
use keybridge::snapshot::{
    MAX_ALERTS, MAX_FIELDS, MAX_HEADINGS, MAX_LABELS, MAX_PAGE_TEXT, MAX_PAIRS, MAX_TEXT,
    SNAPSHOT_VERSION,
};

const CONTENT_JS: &str = include_str!("../extension/content.js");

/// The right-hand side of `const NAME = …;` in content.js.
fn constant(name: &str) -> &'static str {
    let start = format!("const {name} = ");
    let at = CONTENT_JS
        .find(&start)
        .unwrap_or_else(|| panic!("content.js has no const {name}"))
        + start.len();
    let end = CONTENT_JS[at..].find(';').expect("a semicolon") + at;
    CONTENT_JS[at..end].trim()
}

fn number(name: &str) -> usize {
    constant(name)
        .replace('_', "")
        .parse()
        .unwrap_or_else(|e| panic!("content.js {name}: {e}"))
}

#[test]
fn the_content_script_bounds_the_snapshot_as_the_core_checks_it() {
    assert_eq!(number("VERSION"), SNAPSHOT_VERSION as usize);
    assert_eq!(number("MAX_FIELDS"), MAX_FIELDS);
    assert_eq!(number("MAX_PAIRS"), MAX_PAIRS);
    assert_eq!(number("MAX_LABELS"), MAX_LABELS);
    assert_eq!(number("MAX_TEXT"), MAX_TEXT);
    assert_eq!(number("MAX_PAGE_TEXT"), MAX_PAGE_TEXT);
    assert_eq!(number("MAX_HEADINGS"), MAX_HEADINGS);
    assert_eq!(number("MAX_ALERTS"), MAX_ALERTS);
}

#[test]
fn the_content_script_applies_plans_only_where_the_core_sends_them() {
    let list = constant("FILL_ORIGINS");
    let origins: Vec<&str> = list
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|o| o.trim().trim_matches('\''))
        .filter(|o| !o.is_empty())
        .collect();
    assert_eq!(origins, FILL_ORIGINS);
}

#[test]
fn background_js_lends_every_browser_call_the_core_makes() {
    let core = include_str!("../src/background.rs");
    let js = include_str!("../extension/background.js");
    let methods: Vec<&str> = core
        .lines()
        .filter(|l| l.trim_start().starts_with("#[wasm_bindgen(method"))
        .collect();
    let names: Vec<String> = methods
        .iter()
        .map(|l| {
            let at = l
                .find("js_name = ")
                .unwrap_or_else(|| panic!("every BrowserApi method names its JS side: {l}"));
            l[at + 10..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect()
        })
        .collect();
    assert!(names.len() >= 8, "found {names:?}");
    for name in &names {
        let lent = js.contains(&format!("  {name}: ")) || js.contains(&format!("  async {name}("));
        assert!(lent, "background.js lends no {name}");
    }
}

/// Least privilege: the hosts KeyBridge reads or fills on every run are required (the sites a plan may land
/// in); the pages where a Try ends are optional, asked for when the admin clicks Try connection.
#[test]
fn the_manifest_requires_only_the_sites_keybridge_fills() {
    let manifest: serde_json::Value =
        serde_json::from_str(include_str!("../extension/manifest.json")).expect("manifest JSON");
    // A list of host patterns, sorted.
    let list = |v: &serde_json::Value| -> Vec<String> {
        let mut v: Vec<String> = v
            .as_array()
            .expect("a list of host patterns")
            .iter()
            .map(|h| h.as_str().expect("a host pattern").to_string())
            .collect();
        v.sort();
        v
    };
    let mut fill: Vec<String> = FILL_ORIGINS.iter().map(|o| format!("{o}/*")).collect();
    fill.sort();
    assert_eq!(list(&manifest["host_permissions"]), fill);
    assert_eq!(
        list(&manifest["optional_host_permissions"]),
        ["https://*.auth0.com/*", "https://api.twitter.com/*"]
    );
    assert_eq!(
        list(&manifest["content_scripts"][0]["matches"]),
        fill,
        "a content script on every site a plan may land in, and only there"
    );
}
