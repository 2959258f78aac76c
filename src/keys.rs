//! Twitter's two credential pairs as typed values, parsed once at the edge: the OAuth 1.0a consumer key and
//! secret (the seed's), and the OAuth 2.0 Client ID and Client Secret (Auth0's docs of 2025-2026).

use serde::{Deserialize, Serialize};

use crate::error::KeyError;

/// A value that must not be shown: `Debug` and `Display` mask it; reading it is an explicit call. It crosses
/// the boundary (as a plain string) only inside a stored capture and a fill plan (see `FillPlan::may_carry`).
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
        let mut out: String = self.0.chars().take(shown).collect();
        let hidden = self.0.chars().count().saturating_sub(shown).min(12);
        out.push_str(&"•".repeat(hidden));
        out
    }
}

impl core::fmt::Debug for Secret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Secret(••••)")
    }
}

impl core::fmt::Display for Secret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("••••")
    }
}

/// Which pair an Auth0 Twitter connection takes: its `protocol` in the Management API (real-pages.md §2c).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Protocol {
    /// The seed's: the consumer key and secret ("API Key and Secret").
    #[default]
    #[serde(rename = "oauth1")]
    OAuth1,
    /// Today's: the OAuth 2.0 Client ID and Client Secret.
    #[serde(rename = "oauth2")]
    OAuth2,
}

impl Protocol {
    pub const ALL: [Protocol; 2] = [Protocol::OAuth1, Protocol::OAuth2];

    /// The two values of this protocol's pair, key first.
    pub fn parts(self) -> [KeyPart; 2] {
        match self {
            Protocol::OAuth1 => [KeyPart::ConsumerKey, KeyPart::ConsumerSecret],
            Protocol::OAuth2 => [KeyPart::ClientId, KeyPart::ClientSecret],
        }
    }
}

/// One value of either pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPart {
    ConsumerKey,
    ConsumerSecret,
    /// The OAuth 2.0 Client ID.
    ClientId,
    /// The OAuth 2.0 Client Secret.
    ClientSecret,
}

impl KeyPart {
    pub const ALL: [KeyPart; 4] = [
        KeyPart::ConsumerKey,
        KeyPart::ConsumerSecret,
        KeyPart::ClientId,
        KeyPart::ClientSecret,
    ];

    /// The admin's name for it.
    pub fn label(self) -> &'static str {
        match self {
            KeyPart::ConsumerKey => "Consumer Key",
            KeyPart::ConsumerSecret => "Consumer Secret",
            KeyPart::ClientId => "OAuth 2.0 Client ID",
            KeyPart::ClientSecret => "OAuth 2.0 Client Secret",
        }
    }

    pub fn protocol(self) -> Protocol {
        match self {
            KeyPart::ConsumerKey | KeyPart::ConsumerSecret => Protocol::OAuth1,
            KeyPart::ClientId | KeyPart::ClientSecret => Protocol::OAuth2,
        }
    }

    /// The key of its pair (not the secret).
    pub fn is_key(self) -> bool {
        matches!(self, KeyPart::ConsumerKey | KeyPart::ClientId)
    }

    /// Whether a value has a documented length (real-pages.md §3): 25/50 since 2015 and 22/42 around 2014
    /// for the consumer pair; 34 for a Client ID; 50 for a Client Secret (a little latitude for both, whose
    /// lengths are documented only by samples).
    fn length_ok(self, len: usize) -> bool {
        match self {
            KeyPart::ConsumerKey => matches!(len, 25 | 22),
            KeyPart::ConsumerSecret => matches!(len, 50 | 42),
            KeyPart::ClientId => (30..=40).contains(&len),
            KeyPart::ClientSecret => (40..=64).contains(&len),
        }
    }

    /// The length the admin is told to expect.
    fn expected_len(self) -> usize {
        match self {
            KeyPart::ConsumerKey => 25,
            KeyPart::ConsumerSecret | KeyPart::ClientSecret => 50,
            KeyPart::ClientId => 34,
        }
    }

    /// The characters a value may have: letters and digits; an OAuth 2.0 Client Secret also `-` and `_`.
    fn allows(self, c: char) -> bool {
        c.is_ascii_alphanumeric() || (self == KeyPart::ClientSecret && matches!(c, '-' | '_'))
    }
}

/// A value of another kind that can be offered where a consumer key or secret belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookalike {
    AccessToken,
    AccessTokenSecret,
    OAuth2ClientId,
    OAuth2ClientSecret,
    BearerToken,
}

impl Lookalike {
    /// The message that names it and what gives it away (real-pages.md §3).
    pub fn message_id(self) -> &'static str {
        match self {
            Lookalike::AccessToken => "errKeyLooksLikeAccessToken",
            Lookalike::AccessTokenSecret => "errKeyLooksLikeAccessTokenSecret",
            Lookalike::OAuth2ClientId => "errKeyLooksLikeOAuth2ClientId",
            Lookalike::OAuth2ClientSecret => "errKeyLooksLikeOAuth2ClientSecret",
            Lookalike::BearerToken => "errKeyLooksLikeBearerToken",
        }
    }
}

/// Recognises the values of the other pairs by their documented formats.
pub fn lookalike(value: &str) -> Option<Lookalike> {
    let alnum = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if value.starts_with("AAAAAAAAAA") && value.contains("%3D") {
        return Some(Lookalike::BearerToken);
    }
    if let Some((id, rest)) = value.split_once('-') {
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && alnum(rest) {
            return Some(Lookalike::AccessToken);
        }
    }
    if value.len() == 34 && value.ends_with("MTpjaQ") && alnum(value) {
        return Some(Lookalike::OAuth2ClientId);
    }
    if value.len() == 50
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !alnum(value)
    {
        return Some(Lookalike::OAuth2ClientSecret);
    }
    if value.len() == 45 && alnum(value) {
        return Some(Lookalike::AccessTokenSecret);
    }
    None
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
    parse_key_part_as(part, raw, false)
}

/// Like [`parse_key_part`]; with `accept_lookalike`, a value that looks like another kind of value is
/// taken as it is, because the admin decided so after the warning.
pub fn parse_key_part_as(
    part: KeyPart,
    raw: &str,
    accept_lookalike: bool,
) -> Result<Secret, KeyError> {
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
    let len = value.len();
    let valid = value.chars().all(|c| part.allows(c)) && part.length_ok(len);
    // Only the consumer pair has look-alikes worth a warning: an OAuth 2.0 value under an OAuth 2.0 label
    // is what it says, and the other pairs' values fail its alphabet or length anyway.
    if !valid && part.protocol() == Protocol::OAuth1 {
        if let Some(other) = lookalike(&value) {
            if accept_lookalike {
                return Ok(Secret::new(value));
            }
            return Err(KeyError::LooksLike { part, other });
        }
    }
    if let Some(c) = value.chars().find(|c| !part.allows(*c)) {
        return Err(KeyError::Alphabet(part, c));
    }
    if !part.length_ok(len) {
        return Err(KeyError::Length {
            part,
            found: len,
            expected: part.expected_len(),
        });
    }
    Ok(Secret::new(value))
}

/// One credential pair of a Twitter app: the consumer key and secret, or the OAuth 2.0 Client ID and secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPair {
    pub protocol: Protocol,
    pub key: Secret,
    pub secret: Secret,
}

impl KeyPair {
    /// The consumer pair (OAuth 1.0a).
    pub fn parse(key: &str, secret: &str) -> Result<Self, KeyError> {
        Self::parse_as(Protocol::OAuth1, key, secret)
    }

    pub fn parse_as(protocol: Protocol, key: &str, secret: &str) -> Result<Self, KeyError> {
        let [k, s] = protocol.parts();
        Ok(Self {
            protocol,
            key: parse_key_part(k, key)?,
            secret: parse_key_part(s, secret)?,
        })
    }

    /// Whether `value` is one of this pair's values.
    pub fn holds(&self, value: &Secret) -> bool {
        value == &self.key || value == &self.secret
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

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
        let text = KeyError::Length {
            part: k,
            found: 24,
            expected: 25,
        }
        .text();
        assert_eq!(
            text,
            Text::with(
                "errKeyLength",
                ["Consumer Key".into(), "24".into(), "25".into()]
            )
        );
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
    fn values_of_the_other_pairs_get_a_warning_naming_them() {
        let k = KeyPart::ConsumerKey;
        let client_id = format!("{}MTpjaQ", "Q".repeat(28));
        assert_eq!(
            parse_key_part(k, &client_id),
            Err(KeyError::LooksLike {
                part: k,
                other: Lookalike::OAuth2ClientId
            })
        );
        let token = format!("1234567890-{}", "a".repeat(39));
        assert_eq!(
            parse_key_part(k, &token),
            Err(KeyError::LooksLike {
                part: k,
                other: Lookalike::AccessToken
            })
        );
        let s = KeyPart::ConsumerSecret;
        let client_secret = format!("{}-_{}", "a".repeat(24), "b".repeat(24));
        assert_eq!(
            parse_key_part(s, &client_secret),
            Err(KeyError::LooksLike {
                part: s,
                other: Lookalike::OAuth2ClientSecret
            })
        );
        assert_eq!(
            parse_key_part(s, &"c".repeat(45)),
            Err(KeyError::LooksLike {
                part: s,
                other: Lookalike::AccessTokenSecret
            })
        );
        let bearer = format!("{}{}%3D{}", "A".repeat(22), "x".repeat(20), "y".repeat(20));
        assert_eq!(
            parse_key_part(k, &bearer),
            Err(KeyError::LooksLike {
                part: k,
                other: Lookalike::BearerToken
            })
        );
        // A real consumer secret of 50 letters and digits is not mistaken for an OAuth 2.0 secret.
        assert!(parse_key_part(s, &"d".repeat(50)).is_ok());
        // The admin decides: after the warning, the value is taken as it is.
        assert_eq!(
            parse_key_part_as(k, &client_id, true).map(|v| v.expose().to_string()),
            Ok(client_id.clone())
        );
        let text = parse_key_part(k, &client_id).expect_err("warning").text();
        assert_eq!(
            text,
            Text::with("errKeyLooksLikeOAuth2ClientId", ["Consumer Key".into()])
        );
    }

    #[test]
    fn a_secret_never_prints_itself() {
        let s = Secret::new("abcdefghijklmnopqrstuvwxy".into());
        assert_eq!(format!("{s} {s:?}"), "•••• Secret(••••)");
        assert_eq!(s.masked(4), format!("abcd{}", "•".repeat(12)));
        assert_eq!(s.masked(0), "•".repeat(12));
    }
}
