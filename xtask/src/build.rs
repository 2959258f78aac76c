//! `cargo xtask build`: the core to wasm, bindings, wasm-opt, one manifest per browser, the zips.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::{npx, root, run, tools, Result};

/// Files of `extension/` shipped as they are.
const SHIPPED: &[&str] = &[
    "background.js",
    "content.js",
    "popup.html",
    "popup.js",
    "popup.css",
    "options.html",
    "options.js",
];
const ICON_SIZES: &[u32] = &[16, 32, 48, 128];
const FIREFOX_ID: &str = "keybridge@keybridge.dev";

fn io(what: &str) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{what}: {e}")
}

fn crate_version() -> Result<String> {
    let toml = fs::read_to_string(root().join("Cargo.toml")).map_err(io("Cargo.toml"))?;
    toml.lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .map(|v| v.trim_end_matches('"').to_string())
        .ok_or_else(|| "Cargo.toml has no version".into())
}

/// The manifest for one browser, from the one source `extension/manifest.json`.
fn manifest(browser: &str, version: &str) -> Result<Value> {
    let text = fs::read_to_string(root().join("extension/manifest.json"))
        .map_err(io("extension/manifest.json"))?;
    let mut m: Value =
        serde_json::from_str(&text).map_err(|e| format!("extension/manifest.json: {e}"))?;
    m["version"] = json!(version);
    match browser {
        "chrome" => {
            m["background"] = json!({ "service_worker": "background.js", "type": "module" });
            m["minimum_chrome_version"] = json!("116");
        }
        _ => {
            m["background"] = json!({ "scripts": ["background.js"], "type": "module" });
            m["browser_specific_settings"] = json!({ "gecko": {
                "id": FIREFOX_ID,
                "strict_min_version": "142.0",
                "data_collection_permissions": { "required": ["none"] }
            }});
        }
    }
    Ok(m)
}

pub fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(io("gzip"))?;
    Ok(enc.finish().map_err(io("gzip"))?.len())
}

fn zip_dir(dir: &Path, out: &Path) -> Result {
    let file = fs::File::create(out).map_err(io("zip"))?;
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(io("zip"))? {
            let path = entry.map_err(io("zip"))?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files {
        let name = path
            .strip_prefix(dir)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        zip.start_file(name, opts).map_err(|e| e.to_string())?;
        zip.write_all(&fs::read(&path).map_err(io("zip"))?)
            .map_err(io("zip"))?;
    }
    zip.finish().map_err(|e| e.to_string())?;
    Ok(())
}

pub fn build() -> Result {
    tools::wasm_target()?;
    let wasm_bindgen = tools::wasm_bindgen()?;
    tools::npm_packages()?;
    let r = root();
    // The shipped wasm names no path of this machine (panic locations keep file names only), so with the
    // same toolchain it is byte-identical wherever it is built and the size budget holds on every machine.
    // Flags the caller set (CARGO_ENCODED_RUSTFLAGS or RUSTFLAGS) are kept in front.
    let mut flags: Vec<String> = match std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        Ok(encoded) => encoded.split('\x1f').map(String::from).collect(),
        Err(_) => std::env::var("RUSTFLAGS")
            .unwrap_or_default()
            .split_whitespace()
            .map(String::from)
            .collect(),
    };
    flags.retain(|f| !f.is_empty());
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    if let Some(home) = cargo_home {
        flags.push(format!("--remap-path-prefix={}=/cargo", home.display()));
    }
    flags.push(format!("--remap-path-prefix={}=/keybridge", r.display()));
    let flags = flags.join("\x1f");
    run(Command::new("cargo")
        .args([
            "build",
            "--release",
            "--package",
            "keybridge",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CARGO_ENCODED_RUSTFLAGS", flags))?;
    let bindgen = r.join("target/keybridge-bindgen");
    run(Command::new(wasm_bindgen)
        .arg(r.join("target/wasm32-unknown-unknown/release/keybridge.wasm"))
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "core",
            "--out-dir",
        ])
        .arg(&bindgen))?;
    let wasm = bindgen.join("core_bg.wasm");
    run(npx("wasm-opt")
        .arg("-Oz")
        .arg("--enable-bulk-memory")
        .arg("--enable-reference-types")
        .arg("--enable-nontrapping-float-to-int")
        .arg("--enable-sign-ext")
        .arg("--enable-mutable-globals")
        // Nothing reads the toolchain's name or the feature list at run time.
        .arg("--strip-producers")
        .arg("--strip-target-features")
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm))?;

    let version = crate_version()?;
    let dist = r.join("dist");
    for browser in ["chrome", "firefox"] {
        let out = dist.join(browser);
        if out.exists() {
            fs::remove_dir_all(&out).map_err(io("dist"))?;
        }
        fs::create_dir_all(out.join("icons")).map_err(io("dist"))?;
        for f in SHIPPED {
            fs::copy(r.join("extension").join(f), out.join(f)).map_err(io(f))?;
        }
        for size in ICON_SIZES {
            let name = format!("icons/{size}.png");
            fs::copy(r.join("extension").join(&name), out.join(&name)).map_err(io("icon"))?;
        }
        for locale in fs::read_dir(r.join("extension/_locales")).map_err(io("_locales"))? {
            let locale = locale.map_err(io("_locales"))?.file_name();
            let dir = out.join("_locales").join(&locale);
            fs::create_dir_all(&dir).map_err(io("_locales"))?;
            let from = r
                .join("extension/_locales")
                .join(&locale)
                .join("messages.json");
            fs::copy(from, dir.join("messages.json")).map_err(io("messages.json"))?;
        }
        fs::copy(bindgen.join("core.js"), out.join("core.js")).map_err(io("core.js"))?;
        fs::copy(&wasm, out.join("core_bg.wasm")).map_err(io("core_bg.wasm"))?;
        let m = manifest(browser, &version)?;
        let text = serde_json::to_string_pretty(&m).map_err(|e| e.to_string())?;
        fs::write(out.join("manifest.json"), text + "\n").map_err(io("manifest"))?;
        zip_dir(
            &out,
            &dist.join(format!("keybridge-{browser}-{version}.zip")),
        )?;
    }

    let wasm_bytes = fs::read(&wasm).map_err(io("core_bg.wasm"))?;
    let glue = fs::read(bindgen.join("core.js")).map_err(io("core.js"))?;
    let (wz, gz) = (gzip_len(&wasm_bytes)?, gzip_len(&glue)?);
    println!("built dist/chrome, dist/firefox and their zips (version {version})");
    println!(
        "shipped core: wasm {} B ({} B gzip) + glue {} B ({} B gzip) = {} B gzip",
        wasm_bytes.len(),
        wz,
        glue.len(),
        gz,
        wz + gz
    );
    Ok(())
}
