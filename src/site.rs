//! The pages KeyBridge serves, as data: origin, path shape and the wordings of each label.

use serde::{Deserialize, Serialize};

use crate::keys::KeyPart;
use crate::snapshot::PageUrl;

/// What a page is, to KeyBridge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PageKind {
    /// The legacy apps.twitter.com "Keys and Access Tokens" tab.
    TwitterLegacyKeys,
    /// An Auth0 dashboard view of the Twitter connection's settings.
    Auth0TwitterConnection,
}

impl PageKind {
    pub fn side(self) -> Side {
        match self {
            PageKind::TwitterLegacyKeys => Side::Twitter,
            PageKind::Auth0TwitterConnection => Side::Auth0,
        }
    }
}

/// Which of the two sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    Twitter,
    Auth0,
}

/// One piece of a path shape.
#[derive(Debug, Clone, Copy)]
enum Segment {
    Literal(&'static str),
    /// A numeric app id.
    Digits,
    /// An Auth0 region (`us`, `eu`, `au`, `jp`, `ca`, `uk`, and localities such as `us-3`).
    Region,
    /// An Auth0 tenant name: 3-63 of `[a-z0-9-]`, not starting or ending with `-`.
    Tenant,
    /// `con_` and 16 letters or digits.
    ConnectionId,
}

impl Segment {
    fn matches(self, s: &str) -> bool {
        match self {
            Segment::Literal(l) => s == l,
            Segment::Digits => {
                !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit())
            }
            Segment::Region => {
                let base = s.split('-').next().unwrap_or(s);
                matches!(base, "us" | "eu" | "au" | "jp" | "ca" | "uk")
                    && s[base.len()..]
                        .trim_start_matches('-')
                        .bytes()
                        .all(|b| b.is_ascii_digit())
            }
            Segment::Tenant => is_tenant_name(s),
            Segment::ConnectionId => s
                .strip_prefix("con_")
                .is_some_and(|id| id.len() == 16 && id.bytes().all(|b| b.is_ascii_alphanumeric())),
        }
    }
}

/// Tenant names: 3-63 characters of lower-case letters, digits and `-`, not starting or ending with `-`.
pub fn is_tenant_name(s: &str) -> bool {
    (3..=63).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Where in the URL a profile's route lives.
#[derive(Debug, Clone, Copy)]
enum Route {
    Path(&'static [Segment]),
    /// A single-page app's hash route on the dashboard root (the seed's era).
    Hash(&'static [Segment]),
}

/// A page KeyBridge serves.
struct PageProfile {
    kind: PageKind,
    origins: &'static [&'static str],
    route: Route,
}

use Segment::*;

const TWITTER_LEGACY_ORIGINS: &[&str] = &["https://apps.twitter.com"];
const AUTH0_ORIGINS: &[&str] = &["https://manage.auth0.com"];

const PROFILES: &[PageProfile] = &[
    PageProfile {
        kind: PageKind::TwitterLegacyKeys,
        origins: TWITTER_LEGACY_ORIGINS,
        route: Route::Path(&[Literal("app"), Digits, Literal("keys")]),
    },
    PageProfile {
        kind: PageKind::Auth0TwitterConnection,
        origins: AUTH0_ORIGINS,
        route: Route::Path(&[
            Literal("dashboard"),
            Region,
            Tenant,
            Literal("connections"),
            Literal("social"),
            ConnectionId,
            Literal("settings"),
        ]),
    },
    PageProfile {
        kind: PageKind::Auth0TwitterConnection,
        origins: AUTH0_ORIGINS,
        // The seed-era route after opening Twitter's Settings [I: the exact hash is inferred].
        route: Route::Hash(&[
            Literal("connections"),
            Literal("social"),
            Literal("twitter"),
            Literal("settings"),
        ]),
    },
];

fn segments_match<'a>(shape: &[Segment], mut segs: impl Iterator<Item = &'a str>) -> bool {
    shape
        .iter()
        .all(|s| segs.next().is_some_and(|seg| s.matches(seg)))
        && segs.next().is_none()
}

/// The kind of page a URL shows, judged by origin and path shape alone.
pub fn kind_for_url(url: &PageUrl) -> Option<PageKind> {
    PROFILES
        .iter()
        .find(|p| {
            p.origins.contains(&url.origin.as_str())
                && match p.route {
                    Route::Path(shape) => segments_match(shape, url.segments()),
                    Route::Hash(shape) => {
                        url.path == "/" && segments_match(shape, url.hash_segments())
                    }
                }
        })
        .map(|p| p.kind)
}

/// The labels a value goes by on each side, lower-case, without punctuation (real-pages.md §1, §2, §4).
pub fn label_synonyms(side: Side, part: KeyPart) -> &'static [&'static str] {
    match (side, part) {
        (Side::Twitter, KeyPart::ConsumerKey) => {
            &["consumer key (api key)", "consumer key", "api key"]
        }
        (Side::Twitter, KeyPart::ConsumerSecret) => &[
            "consumer secret (api secret)",
            "consumer secret",
            "api secret",
            "api secret key",
            "api key secret",
        ],
        (Side::Auth0, KeyPart::ConsumerKey) => &["consumer key", "api key", "client id"],
        (Side::Auth0, KeyPart::ConsumerSecret) => &[
            "consumer secret",
            "api secret key",
            "api secret",
            "client secret",
        ],
    }
}

/// Lower-case, single-spaced, without a trailing `:` or `*` marker.
pub fn normalize_label(label: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    let joined = words.join(" ").to_lowercase();
    joined.trim_end_matches([':', '*', ' ']).to_string()
}

/// Whether a label names `part` on `side`: the whole label, or the label without a trailing parenthesis.
pub fn label_names(side: Side, part: KeyPart, label: &str) -> bool {
    let label = normalize_label(label);
    let bare = match label.find(" (") {
        Some(i) if label.ends_with(')') => &label[..i],
        _ => label.as_str(),
    };
    label_synonyms(side, part)
        .iter()
        .any(|s| *s == label || *s == bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> PageUrl {
        let (origin, rest) = match s
            .find("://")
            .and_then(|i| s[i + 3..].find('/').map(|j| i + 3 + j))
        {
            Some(i) => (&s[..i], &s[i..]),
            None => (s, "/"),
        };
        let (path, hash) = rest.split_once('#').map_or((rest, ""), |(p, h)| (p, h));
        PageUrl {
            origin: origin.into(),
            path: path.into(),
            hash: if hash.is_empty() {
                String::new()
            } else {
                format!("#{hash}")
            },
        }
    }

    #[test]
    fn knows_the_legacy_keys_tab_by_origin_and_path() {
        assert_eq!(
            kind_for_url(&url("https://apps.twitter.com/app/12345/keys")),
            Some(PageKind::TwitterLegacyKeys)
        );
        for other in [
            "https://apps.twitter.com/app/12345/show",
            "https://apps.twitter.com/app/12345/keys/extra",
            "https://apps.twitter.com/app/abc/keys",
            "http://apps.twitter.com/app/12345/keys",
            "https://apps.twitter.com:8443/app/12345/keys",
            "https://apps.twitter.com.evil.test/app/12345/keys",
            "https://evil.test/app/12345/keys",
        ] {
            assert_eq!(kind_for_url(&url(other)), None, "{other}");
        }
    }

    #[test]
    fn knows_the_auth0_connection_settings_in_both_eras() {
        for ok in [
            "https://manage.auth0.com/dashboard/us/acme-demo/connections/social/con_ABCDEFGH12345678/settings",
            "https://manage.auth0.com/dashboard/eu-2/acme/connections/social/con_ABCDEFGH12345678/settings",
            "https://manage.auth0.com/#/connections/social/twitter/settings",
        ] {
            assert_eq!(kind_for_url(&url(ok)), Some(PageKind::Auth0TwitterConnection), "{ok}");
        }
        for other in [
            "https://manage.auth0.com/dashboard/us/acme-demo/connections/social/con_ABCDEFGH12345678/applications",
            "https://manage.auth0.com/dashboard/xx/acme-demo/connections/social/con_ABCDEFGH12345678/settings",
            "https://manage.auth0.com/dashboard/us/-acme/connections/social/con_ABCDEFGH12345678/settings",
            "https://manage.auth0.com/dashboard/us/acme/connections/social/con_SHORT/settings",
            "https://manage-auth0.evil.test/dashboard/us/acme/connections/social/con_ABCDEFGH12345678/settings",
        ] {
            assert_eq!(kind_for_url(&url(other)), None, "{other}");
        }
    }

    #[test]
    fn matches_every_documented_wording_of_the_labels() {
        assert!(label_names(
            Side::Twitter,
            KeyPart::ConsumerKey,
            "Consumer Key (API Key)"
        ));
        assert!(label_names(
            Side::Twitter,
            KeyPart::ConsumerKey,
            "  API key: "
        ));
        assert!(label_names(
            Side::Twitter,
            KeyPart::ConsumerSecret,
            "API secret key"
        ));
        assert!(!label_names(
            Side::Twitter,
            KeyPart::ConsumerKey,
            "Access Token"
        ));
        assert!(!label_names(
            Side::Twitter,
            KeyPart::ConsumerSecret,
            "Access Token Secret"
        ));
        assert!(label_names(
            Side::Auth0,
            KeyPart::ConsumerKey,
            "Client ID *"
        ));
        assert!(label_names(
            Side::Auth0,
            KeyPart::ConsumerSecret,
            "API Secret Key"
        ));
        assert!(!label_names(Side::Auth0, KeyPart::ConsumerKey, "Search"));
    }

    #[test]
    fn tenant_names_follow_auth0s_rules() {
        assert!(is_tenant_name("acme-demo"));
        assert!(!is_tenant_name("ab"));
        assert!(!is_tenant_name("Acme"));
        assert!(!is_tenant_name("acme-"));
    }
}
