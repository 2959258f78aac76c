//! What the admin reads, as a message id of `extension/_locales/*/messages.json` and its arguments. The
//! core never holds the sentences themselves; the popup translates through the browser's i18n.

use serde::{Deserialize, Serialize};

/// One message: its id and the values for its `$1`, `$2`… placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Text {
    pub id: String,
    pub args: Vec<String>,
}

impl Text {
    pub fn new(id: &str) -> Self {
        Self {
            id: id.into(),
            args: Vec::new(),
        }
    }

    pub fn with<const N: usize>(id: &str, args: [String; N]) -> Self {
        Self {
            id: id.into(),
            args: args.into(),
        }
    }
}

/// The id and its arguments (`errKeyLength(Consumer Key, 24, 25)`): what a log or a test shows. The
/// sentence itself lives only in the catalogue.
impl core::fmt::Display for Text {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.id)?;
        if !self.args.is_empty() {
            write!(f, "({})", self.args.join(", "))?;
        }
        Ok(())
    }
}
