//! KeyBridge's core: recognises the Twitter and Auth0 pages, captures the consumer keys, plans the fill,
//! verifies it, and renders the popup. Runs only in extension contexts (background and popup).

pub mod background;
pub mod error;
pub mod export;
pub mod flow;
pub mod guide;
pub mod keys;
pub mod page;
pub mod popup;
pub mod site;
pub mod snapshot;
pub mod text;
pub mod wire;

/// Runs once when the wasm is instantiated (background and popup alike): a panic is a bug, and its
/// message reaches the extension's console instead of a bare `unreachable` trap.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
