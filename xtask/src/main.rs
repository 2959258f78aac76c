//! KeyBridge's build script: `cargo xtask build`, `cargo xtask test`, `cargo xtask demo`.
//! Each installs what it needs and says what to do where it cannot.

mod build;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs a command in the repository root, failing with its name when it fails.
fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: {shown}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn npx(bin: &str) -> Command {
    Command::new(root().join("node_modules/.bin").join(bin))
}

/// A step of `cargo xtask test`.
type Step = (&'static str, fn() -> Result);

/// Every test: formatting, lints, native tests, wasm tests in Chromium, packaging lint, end-to-end in
/// Chromium and Firefox. Stops at the first failing step.
const TEST_STEPS: &[Step] = &[
    ("format", || {
        run(Command::new("cargo").args(["fmt", "--all", "--", "--check"]))
    }),
    ("lint", lint),
    ("native tests", || {
        run(Command::new("cargo").args(["test", "--workspace"]))
    }),
    ("wasm tests in Chromium", wasm_tests),
    ("build", build::build),
    ("size budget", size_budget),
    ("web-ext lint", web_ext_lint),
    ("end-to-end in Chromium", chromium_e2e),
    ("end-to-end in Firefox", firefox_e2e),
];

/// The shipped wasm + glue, gzip -9, against the ratchet in `xtask/size-budget.txt` (sizes are
/// deterministic: a change that grows the core raises the budget on purpose, in its own commit).
fn size_budget() -> Result {
    let r = root();
    let budget: usize = std::fs::read_to_string(r.join("xtask/size-budget.txt"))
        .map_err(|e| format!("xtask/size-budget.txt: {e}"))?
        .trim()
        .parse()
        .map_err(|e| format!("xtask/size-budget.txt: {e}"))?;
    let mut total = 0;
    for f in ["core_bg.wasm", "core.js"] {
        let bytes = std::fs::read(r.join("dist/chrome").join(f))
            .map_err(|e| format!("dist/chrome/{f}: {e}"))?;
        total += build::gzip_len(&bytes)?;
    }
    eprintln!("size: shipped wasm + glue {total} B gzip; budget {budget} B");
    if total > budget {
        return Err(format!(
            "the shipped core grew to {total} B gzip, over the {budget} B budget"
        ));
    }
    Ok(())
}

fn lint() -> Result {
    let clippy = |args: &[&str]| {
        run(Command::new("cargo")
            .arg("clippy")
            .args(args)
            .args(["--", "-D", "warnings"]))
    };
    clippy(&["--workspace", "--all-targets"])?;
    tools::wasm_target()?;
    let wasm = [
        "--package",
        "keybridge",
        "--target",
        "wasm32-unknown-unknown",
    ];
    clippy(&[&wasm[..], &["--all-targets"]].concat())
}

fn test() -> Result {
    let total = TEST_STEPS.len();
    for (i, (name, step)) in TEST_STEPS.iter().enumerate() {
        eprintln!("\n== xtask test: {name} ({}/{total})", i + 1);
        if let Err(e) = step() {
            println!("steps: {i} passed, 1 failed");
            return Err(format!("{name}: {e}"));
        }
    }
    println!("steps: {total} passed, 0 failed");
    Ok(())
}

fn chromium_e2e() -> Result {
    tools::openssl()?;
    let chromium = tools::chromium()?;
    run(npx("playwright")
        .args([
            "test",
            "--config",
            "tests/e2e/playwright.config.mjs",
            "--project",
            "chromium",
        ])
        .env("CHROMIUM", chromium))
}

fn wasm_tests() -> Result {
    tools::wasm_target()?;
    tools::wasm_bindgen()?;
    let driver = tools::chromedriver()?;
    run(Command::new("cargo")
        .args([
            "test",
            "--package",
            "keybridge",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CHROMEDRIVER", driver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "60"))
}

fn web_ext_lint() -> Result {
    tools::npm_packages()?;
    let out = npx("web-ext")
        .args([
            "lint",
            "--source-dir",
            "dist/firefox",
            "--output",
            "json",
            "--no-config-discovery",
        ])
        .current_dir(root())
        .output()
        .map_err(|e| format!("could not run web-ext: {e}"))?;
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("web-ext lint printed no report: {e}"))?;
    let count = |k: &str| report["summary"][k].as_u64().unwrap_or(u64::MAX);
    let (errors, warnings) = (count("errors"), count("warnings"));
    for kind in ["errors", "warnings", "notices"] {
        for m in report[kind].as_array().into_iter().flatten() {
            eprintln!(
                "web-ext {kind}: {} {} ({})",
                m["code"], m["message"], m["file"]
            );
        }
    }
    eprintln!("web-ext lint: {errors} errors, {warnings} warnings");
    if errors == 0 && warnings == 0 {
        Ok(())
    } else {
        Err(format!(
            "web-ext lint found {errors} errors and {warnings} warnings"
        ))
    }
}

fn firefox_e2e() -> Result {
    tools::openssl()?;
    let firefox = tools::firefox()?;
    tools::firefox_german()?;
    let geckodriver = tools::geckodriver()?;
    // The specs written for both browsers, in Firefox (the chromium project ran them in Chromium).
    run(npx("playwright")
        .args([
            "test",
            "--config",
            "tests/e2e/playwright.config.mjs",
            "--project",
            "firefox",
        ])
        .env("FIREFOX", firefox)
        .env("GECKODRIVER", geckodriver))
}

/// Builds the release extension and prints the speed and size table (never asserted).
fn bench() -> Result {
    node_script("tests/e2e/bench.mjs", true)
}

/// Runs a script of the replica world in Node with Debian's Chromium, after a build when it drives the
/// extension.
fn node_script(script: &str, needs_build: bool) -> Result {
    if needs_build {
        build::build()?;
    } else {
        tools::npm_packages()?;
    }
    tools::openssl()?;
    run(Command::new("node")
        .arg(script)
        .env("CHROMIUM", tools::chromium()?))
}

/// Runs the property tests (tests/fuzz.rs) over and over for `--seconds N` (default 60).
fn fuzz() -> Result {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 = args
        .iter()
        .position(|a| a == "--seconds")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let end = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut rounds = 0;
    while std::time::Instant::now() < end {
        run(Command::new("cargo")
            .args([
                "test",
                "--release",
                "--package",
                "keybridge",
                "--test",
                "fuzz",
            ])
            .env("PROPTEST_CASES", "20000"))?;
        rounds += 1;
    }
    println!("fuzz: {rounds} rounds of 20000 cases per property, no panic");
    Ok(())
}

/// Re-records the content script's snapshots of the replicas for the native tests.
fn snapshots() -> Result {
    node_script("tests/e2e/record-snapshots.mjs", false)
}

/// Retakes the README's screenshots of the popup (light and dark) from the replica world.
fn screenshots() -> Result {
    node_script("tests/e2e/screenshots.mjs", true)
}

fn demo() -> Result {
    node_script("www/demo.mjs", true)
}

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "build" => build::build(),
        "test" => test(),
        "demo" => demo(),
        "snapshots" => snapshots(),
        "fuzz" => fuzz(),
        "bench" => bench(),
        "screenshots" => screenshots(),
        _ => {
            eprintln!("usage: cargo xtask <task>\n  build  builds dist/chrome, dist/firefox and their zips\n  test   runs every test\n  demo   starts the replica world and opens Chromium with KeyBridge\n  snapshots  re-records tests/fixtures from the replicas\n  screenshots  retakes docs/screenshots\n  fuzz [--seconds N]  runs the property tests for N seconds\n  bench  prints speed and size figures");
            return ExitCode::FAILURE;
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {task}: {e}");
            ExitCode::FAILURE
        }
    }
}
