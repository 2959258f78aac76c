//! KeyBridge's core: recognises the Twitter and Auth0 pages, captures the consumer keys, plans the fill,
//! verifies it, and renders the popup. Runs only in extension contexts (background and popup).

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
