//! KeyBridge's core: recognises the Twitter and Auth0 pages, captures the consumer keys, plans the fill,
//! verifies it, and renders the popup. Runs only in extension contexts (background and popup).
//!
//! The shipped wasm is built without the `std` feature: the crate is then `no_std` (see `lean`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod background;
pub mod error;
pub mod export;
pub mod flow;
pub mod guide;
pub mod js;
pub mod keys;
pub mod page;
pub mod popup;
pub mod site;
pub mod snapshot;
pub mod text;

/// What every module uses from `alloc` (the standard prelude's share of it, for `no_std`).
mod prelude {
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

#[cfg(all(not(feature = "std"), not(target_arch = "wasm32")))]
compile_error!("without `std`, KeyBridge builds only for wasm32 (it brings the wasm's own panic handler and allocator)");

/// The shipped wasm's runtime, in place of std's.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
mod lean {
    /// A panic is a bug: trap at once, as `panic = "abort"` would, without formatting a message that
    /// the extension would have nowhere to print. (std's handler is what pulls `core::fmt` in.)
    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
        core::arch::wasm32::unreachable()
    }

    /// talc in place of std's dlmalloc: smaller, and grows the wasm memory as it needs.
    #[global_allocator]
    static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
}
