//! Reading the recorded snapshots (`tests/fixtures`, written by `cargo xtask snapshots`), for the native tests.

use serde::de::DeserializeOwned;

/// The fixture `tests/fixtures/<name>.json`, as `T`.
pub fn read_fixture<T: DeserializeOwned>(name: &str) -> T {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The names of every recorded page, sorted.
pub fn fixture_names() -> Vec<String> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(String::from)
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 20,
        "expected a fixture for every page of the replica world, found {}",
        names.len()
    );
    names
}
