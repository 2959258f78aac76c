//! What the admin reads, as a message id of `extension/_locales/*/messages.json` and its arguments. The
//! core never holds the sentences themselves; the popup translates through the browser's i18n.

use crate::prelude::*;

/// One message: its id and the values for its `$1`, `$2`… placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub id: String,
    pub args: Vec<String>,
}

crate::js_struct!(default Text { id: "id", args: "args" });

impl Text {
    pub fn new(id: &str) -> Self {
        Self {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// A whole number as the admin reads it (`itoa`: no `core::fmt` in the shipped wasm).
    pub fn number(n: i64) -> String {
        itoa::Buffer::new().format(n).into()
    }

    pub fn with<const N: usize>(id: &str, args: [String; N]) -> Self {
        Self {
            id: id.into(),
            args: args.into(),
        }
    }
}
