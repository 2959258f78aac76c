//! Twitter's OAuth 1.0a consumer pair as typed values, parsed once at the edge.

use serde::{Deserialize, Serialize};

use crate::error::KeyError;

/// A value that must not be shown: `Debug` and `Display` mask it; reading it is an explicit call.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    /// The value itself: only for the fill plan.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The first `shown` characters, then one dot per hidden character (at most 12 dots).
    pub fn masked(&self, shown: usize) -> String {
        let visible: String = self.0.chars().take(shown).collect();
        let hidden = self.0.chars().count().saturating_sub(shown).min(12);
        format!("{visible}{}", "•".repeat(hidden))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(••••)")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("••••")
    }
}

/// Which value of the consumer pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyPart {
    ConsumerKey,
    ConsumerSecret,
}

impl KeyPart {
    /// The admin's name for it.
    pub fn label(self) -> &'static str {
        match self {
            KeyPart::ConsumerKey => "Consumer Key",
            KeyPart::ConsumerSecret => "Consumer Secret",
        }
    }

    /// Documented lengths (real-pages.md §3): 25/50 since 2015, 22/42 around 2014.
    fn lengths(self) -> &'static [usize] {
        match self {
            KeyPart::ConsumerKey => &[25, 22],
            KeyPart::ConsumerSecret => &[50, 42],
        }
    }
}

/// Invisible characters a page or a copy may slip into a value; never part of a key.
fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Parses one value of the consumer pair: trims surrounding whitespace, drops zero-width characters,
/// changes nothing else.
pub fn parse_key_part(part: KeyPart, raw: &str) -> Result<Secret, KeyError> {
    let value: String = raw
        .trim_matches(|c: char| c.is_whitespace() || is_zero_width(c))
        .chars()
        .filter(|c| !is_zero_width(*c))
        .collect();
    if value.is_empty() {
        return Err(KeyError::Empty(part));
    }
    if value
        .chars()
        .any(|c| matches!(c, '•' | '*' | '…' | '●' | '·'))
    {
        return Err(KeyError::Masked(part));
    }
    if let Some(c) = value.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(KeyError::Alphabet(part, c));
    }
    let len = value.len();
    if !part.lengths().contains(&len) {
        return Err(KeyError::Length {
            part,
            found: len,
            expected: part.lengths()[0],
        });
    }
    Ok(Secret::new(value))
}

/// The OAuth 1.0a consumer key and secret of a Twitter app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsumerPair {
    pub key: Secret,
    pub secret: Secret,
}

impl ConsumerPair {
    pub fn parse(key: &str, secret: &str) -> Result<Self, KeyError> {
        Ok(Self {
            key: parse_key_part(KeyPart::ConsumerKey, key)?,
            secret: parse_key_part(KeyPart::ConsumerSecret, secret)?,
        })
    }

    pub fn get(&self, part: KeyPart) -> &Secret {
        match part {
            KeyPart::ConsumerKey => &self.key,
            KeyPart::ConsumerSecret => &self.secret,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_whitespace_and_zero_width_characters_and_nothing_else() {
        let key = format!(" \u{200B}{}\u{FEFF}\n", "a".repeat(25));
        assert_eq!(
            parse_key_part(KeyPart::ConsumerKey, &key).map(|s| s.expose().len()),
            Ok(25)
        );
        let inner = format!("{}\u{200B}{}", "a".repeat(10), "b".repeat(15));
        assert_eq!(
            parse_key_part(KeyPart::ConsumerKey, &inner).map(|s| s.expose().to_string()),
            Ok(format!("{}{}", "a".repeat(10), "b".repeat(15)))
        );
    }

    #[test]
    fn each_bad_value_gets_its_own_sentence() {
        let k = KeyPart::ConsumerKey;
        assert_eq!(parse_key_part(k, "  "), Err(KeyError::Empty(k)));
        assert_eq!(parse_key_part(k, "abcd••••••••"), Err(KeyError::Masked(k)));
        assert_eq!(
            parse_key_part(k, &format!("{}-", "a".repeat(24))),
            Err(KeyError::Alphabet(k, '-'))
        );
        assert_eq!(
            parse_key_part(k, "<b>abc</b>"),
            Err(KeyError::Alphabet(k, '<'))
        );
        assert_eq!(
            parse_key_part(k, "abc def"),
            Err(KeyError::Alphabet(k, ' '))
        );
        assert_eq!(
            parse_key_part(k, &"a".repeat(24)),
            Err(KeyError::Length {
                part: k,
                found: 24,
                expected: 25
            })
        );
        let sentence = KeyError::Length {
            part: k,
            found: 24,
            expected: 25,
        }
        .to_string();
        assert_eq!(sentence, "The Consumer Key on the Twitter page has 24 characters; Twitter's have 25. Check that the page shows the whole key.");
    }

    #[test]
    fn accepts_the_documented_lengths_of_both_eras() {
        for (part, len) in [
            (KeyPart::ConsumerKey, 25),
            (KeyPart::ConsumerKey, 22),
            (KeyPart::ConsumerSecret, 50),
            (KeyPart::ConsumerSecret, 42),
        ] {
            assert!(
                parse_key_part(part, &"x".repeat(len)).is_ok(),
                "{part:?} of {len}"
            );
        }
    }

    #[test]
    fn a_secret_never_prints_itself() {
        let s = Secret::new("abcdefghijklmnopqrstuvwxy".into());
        assert_eq!(format!("{s} {s:?}"), "•••• Secret(••••)");
        assert_eq!(s.masked(4), format!("abcd{}", "•".repeat(12)));
        assert_eq!(s.masked(0), "•".repeat(12));
    }
}
