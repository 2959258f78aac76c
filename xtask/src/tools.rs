//! Finds or installs each tool the build and the tests need; says what to do where it cannot.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{root, run, Result};

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|u| u.trim() == "0")
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

pub fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version `Cargo.lock` pins: the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen".into())
}

/// wasm-bindgen-cli at the locked version (also provides wasm-bindgen-test-runner).
pub fn wasm_bindgen() -> Result<PathBuf> {
    let version = locked_wasm_bindgen()?;
    let bin = cargo_bin("wasm-bindgen");
    let have = output(&bin.to_string_lossy(), &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) != Some(version.as_str()) {
        eprintln!("xtask: installing wasm-bindgen-cli {version} (takes a few minutes once)");
        // Not --locked: the CLI's own lock file pins a webpki-roots the registry no longer serves.
        run(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--force",
        ]))?;
    }
    Ok(bin)
}

/// npm packages from the committed lock file.
pub fn npm_packages() -> Result {
    let r = root();
    let stamp = r.join("node_modules/.package-lock.json");
    let fresh = match (
        std::fs::metadata(&stamp),
        std::fs::metadata(r.join("package-lock.json")),
    ) {
        (Ok(s), Ok(l)) => s.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if output("npm", &["--version"]).is_none() {
        return Err(
            "npm is missing: install Node.js 20 or later (Debian: apt-get install nodejs npm)"
                .into(),
        );
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}

/// A Debian package's binary, installed with apt-get when running as root.
fn debian(bin: &str, packages: &[&str]) -> Result<PathBuf> {
    debian_file(&Path::new("/usr/bin").join(bin), packages)
}

/// `path`, installing Debian's `packages` that bring it when it is missing (as root; else says how).
fn debian_file(path: &Path, packages: &[&str]) -> Result<PathBuf> {
    let bin = path.display().to_string();
    let path = path.to_path_buf();
    if path.exists() {
        return Ok(path);
    }
    if !is_root() {
        return Err(format!(
            "{bin} is missing: run `sudo apt-get install {}`",
            packages.join(" ")
        ));
    }
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "apt-get installed {} but {bin} is still missing",
            packages.join(" ")
        ))
    }
}

pub fn chromium() -> Result<PathBuf> {
    debian("chromium", &["chromium", "chromium-driver"])
}

pub fn chromedriver() -> Result<PathBuf> {
    chromium()?;
    debian("chromedriver", &["chromium-driver"])
}

pub fn firefox() -> Result<PathBuf> {
    debian("firefox-esr", &["firefox-esr"])
}

/// Firefox ESR's German language pack: the popup's German is tested in Firefox too (an add-on speaks the
/// browser's interface language).
pub fn firefox_german() -> Result<PathBuf> {
    firefox()?;
    debian_file(
        Path::new(
            "/usr/lib/firefox-esr/browser/extensions/langpack-de@firefox-esr.mozilla.org.xpi",
        ),
        &["firefox-esr-l10n-de"],
    )
}

pub fn openssl() -> Result<PathBuf> {
    debian("openssl", &["openssl"])
}

/// geckodriver is not packaged by Debian: it comes from crates.io.
pub fn geckodriver() -> Result<PathBuf> {
    let bin = cargo_bin("geckodriver");
    if output(&bin.to_string_lossy(), &["--version"]).is_none() {
        eprintln!("xtask: installing geckodriver from crates.io (takes a few minutes once)");
        run(Command::new("cargo").args(["install", "geckodriver", "--locked"]))?;
    }
    Ok(bin)
}
