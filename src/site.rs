//! The pages KeyBridge serves, as data: origin, path shape and the wordings of each label.

use crate::keys::KeyPart;
use crate::snapshot::PageUrl;

/// What a page is, to KeyBridge: every page of the guide on both sites, in both eras.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PageKind {
    /// apps.twitter.com: the list of the admin's apps.
    TwitterLegacyAppList,
    /// apps.twitter.com/app/new: the Create New App form.
    TwitterLegacyCreateApp,
    /// An app's Details tab.
    TwitterLegacyDetails,
    /// An app's Settings tab (Callback URL, Sign in with Twitter).
    TwitterLegacySettings,
    /// An app's "Keys and Access Tokens" tab.
    TwitterLegacyKeys,
    /// An app's Permissions tab.
    TwitterLegacyPermissions,
    /// The developer portal's dashboard or projects & apps list.
    PortalProjects,
    /// A portal app's "Keys and tokens" page.
    PortalKeys,
    /// A portal app's settings page.
    PortalAppSettings,
    /// A portal app's "User authentication settings" form.
    PortalUserAuthSettings,
    /// Twitter's page asking the admin to authorize an app (during "Try").
    TwitterAuthorize,
    /// The Auth0 dashboard's list of social connections.
    Auth0SocialConnections,
    /// An Auth0 dashboard view of the Twitter connection's settings.
    Auth0TwitterConnection,
    /// The Twitter connection's Clients (seed era) / Applications (current era) tab.
    Auth0ConnectionApplications,
    /// The tenant's own sign-in path (`/authorize`, `/login/callback`): where Auth0 shows sign-in errors.
    Auth0TenantSignIn,
    /// The dashboard's "It works!" page at the end of "Try".
    Auth0ItWorks,
}

impl PageKind {
    pub fn side(self) -> Side {
        use PageKind::*;
        match self {
            TwitterLegacyAppList
            | TwitterLegacyCreateApp
            | TwitterLegacyDetails
            | TwitterLegacySettings
            | TwitterLegacyKeys
            | TwitterLegacyPermissions
            | PortalProjects
            | PortalKeys
            | PortalAppSettings
            | PortalUserAuthSettings
            | TwitterAuthorize => Side::Twitter,
            Auth0SocialConnections
            | Auth0TwitterConnection
            | Auth0ConnectionApplications
            | Auth0TenantSignIn
            | Auth0ItWorks => Side::Auth0,
        }
    }
}

/// The pages keys are captured from.
pub const KEY_PAGES: &[PageKind] = &[PageKind::TwitterLegacyKeys, PageKind::PortalKeys];
/// The pages keys are filled into.
pub const CONNECTION_PAGES: &[PageKind] = &[PageKind::Auth0TwitterConnection];
/// The pages whose facts are in their prose (the page's text): only their snapshots carry it.
pub const PROSE_PAGES: &[PageKind] = &[
    PageKind::Auth0ItWorks,
    PageKind::Auth0TenantSignIn,
    PageKind::TwitterAuthorize,
];

/// Auth0's other social providers, as a page names them (a word of a heading, the title or a logo's text)
/// and as the admin reads them. Every social connection shares the URL shape and, today, the field labels:
/// only these words tell a GitHub connection from Twitter's.
pub const OTHER_PROVIDERS: &[(&str, &str)] = &[
    ("amazon", "Amazon"),
    ("apple", "Apple"),
    ("baidu", "Baidu"),
    ("bitbucket", "Bitbucket"),
    ("daccount", "dAccount"),
    ("discord", "Discord"),
    ("dropbox", "Dropbox"),
    ("dwolla", "Dwolla"),
    ("evernote", "Evernote"),
    ("facebook", "Facebook"),
    ("fitbit", "Fitbit"),
    ("github", "GitHub"),
    ("gmail", "Google"),
    ("google", "Google"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("microsoft", "Microsoft"),
    ("paypal", "PayPal"),
    ("planningcenter", "Planning Center"),
    ("renren", "Renren"),
    ("salesforce", "Salesforce"),
    ("shopify", "Shopify"),
    ("slack", "Slack"),
    ("soundcloud", "SoundCloud"),
    ("spotify", "Spotify"),
    ("thecity", "The City"),
    ("tumblr", "Tumblr"),
    ("twitch", "Twitch"),
    ("vkontakte", "VKontakte"),
    ("weibo", "Weibo"),
    ("windowslive", "Microsoft"),
    ("wordpress", "WordPress"),
    ("yahoo", "Yahoo"),
    ("yammer", "Yammer"),
    ("yandex", "Yandex"),
];

/// The providers a text names: whether it names Twitter (the word "Twitter", or "X" as a word of its
/// own, as X styles itself), and the first other provider it names.
pub fn providers_named(text: &str) -> (bool, Option<&'static str>) {
    let mut twitter = false;
    let mut other = None;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word == "X" || word.eq_ignore_ascii_case("twitter") {
            twitter = true;
        } else if other.is_none() {
            let lower = word.to_lowercase();
            other = OTHER_PROVIDERS
                .iter()
                .find(|(w, _)| *w == lower)
                .map(|(_, name)| *name);
        }
    }
    (twitter, other)
}

/// Which of the two sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Twitter,
    Auth0,
}

/// One piece of a path shape.
#[derive(Debug, Clone, Copy)]
enum Segment {
    Literal(&'static str),
    /// A numeric id (an app id).
    Digits,
    /// A portal project id: 19 digits.
    ProjectId,
    /// An Auth0 region (`us`, `eu`, `au`, `jp`, `ca`, `uk`, and localities such as `us-3`).
    Region,
    /// An Auth0 tenant name: 3-63 of `[a-z0-9-]`, not starting or ending with `-`.
    Tenant,
    /// `con_` and 16 letters or digits.
    ConnectionId,
}

impl Segment {
    fn matches(self, s: &str) -> bool {
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        match self {
            Segment::Literal(l) => s == l,
            Segment::Digits => !s.is_empty() && s.len() <= 20 && digits(s),
            Segment::ProjectId => s.len() == 19 && digits(s),
            Segment::Region => is_region(s),
            Segment::Tenant => is_tenant_name(s),
            Segment::ConnectionId => s
                .strip_prefix("con_")
                .is_some_and(|id| id.len() == 16 && id.bytes().all(|b| b.is_ascii_alphanumeric())),
        }
    }
}

/// Auth0 regions and their numbered localities (`us`, `eu-2`, `us-3`).
pub fn is_region(s: &str) -> bool {
    let (base, number) = s.split_once('-').unwrap_or((s, ""));
    matches!(base, "us" | "eu" | "au" | "jp" | "ca" | "uk")
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// Tenant names: 3-63 characters of lower-case letters, digits and `-`, not starting or ending with `-`.
pub fn is_tenant_name(s: &str) -> bool {
    (3..=63).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// `https://<tenant>.auth0.com` or `https://<tenant>.<region>.auth0.com`.
pub fn is_tenant_origin(origin: &str) -> bool {
    let Some(host) = origin
        .strip_prefix("https://")
        .and_then(|h| h.strip_suffix(".auth0.com"))
    else {
        return false;
    };
    match host.split_once('.') {
        None => is_tenant_name(host),
        Some((tenant, region)) => is_tenant_name(tenant) && is_region(region),
    }
}

/// Which origins a profile serves.
#[derive(Debug, Clone, Copy)]
enum Origins {
    Exact(&'static [&'static str]),
    /// Any Auth0 tenant domain.
    TenantDomain,
}

impl Origins {
    fn contains(self, origin: &str) -> bool {
        match self {
            Origins::Exact(list) => list.contains(&origin),
            Origins::TenantDomain => is_tenant_origin(origin),
        }
    }
}

/// Where in the URL a profile's route lives.
#[derive(Debug, Clone, Copy)]
enum Route {
    /// A shared prefix (an app's or a tenant's path), then the page's own segments.
    Path(&'static [Segment], &'static [Segment]),
    /// A single-page app's hash route on the site's root (the seed-era dashboard).
    Hash(&'static [Segment]),
}

/// A page KeyBridge knows.
struct PageProfile {
    kind: PageKind,
    origins: Origins,
    route: Route,
}

use Segment::*;

const LEGACY: Origins = Origins::Exact(&["https://apps.twitter.com"]);
const PORTAL: Origins =
    Origins::Exact(&["https://developer.x.com", "https://developer.twitter.com"]);
const TWITTER_API: Origins = Origins::Exact(&["https://api.twitter.com"]);
const DASHBOARD: Origins = Origins::Exact(&["https://manage.auth0.com"]);

/// The only origins a plan may be applied in (the Twitter sites' settings pages and the Auth0 dashboard);
/// `content.js` checks its own origin against the same list (a native test keeps the two equal).
pub const FILL_ORIGINS: &[&str] = &[
    "https://manage.auth0.com",
    "https://apps.twitter.com",
    "https://developer.x.com",
    "https://developer.twitter.com",
];
const PORTAL_APP: [Segment; 6] = [
    Literal("en"),
    Literal("portal"),
    Literal("projects"),
    ProjectId,
    Literal("apps"),
    Digits,
];
const TENANT: [Segment; 3] = [Literal("dashboard"), Region, Tenant];

const fn profile(kind: PageKind, origins: Origins, route: Route) -> PageProfile {
    PageProfile {
        kind,
        origins,
        route,
    }
}

const PROFILES: &[PageProfile] = &[
    profile(
        PageKind::TwitterLegacyAppList,
        LEGACY,
        Route::Path(&[], &[]),
    ),
    profile(
        PageKind::TwitterLegacyCreateApp,
        LEGACY,
        Route::Path(&[], &[Literal("app"), Literal("new")]),
    ),
    profile(
        PageKind::TwitterLegacyDetails,
        LEGACY,
        Route::Path(&[], &[Literal("app"), Digits]),
    ),
    profile(
        PageKind::TwitterLegacyDetails,
        LEGACY,
        Route::Path(&[], &[Literal("app"), Digits, Literal("show")]),
    ),
    profile(
        PageKind::TwitterLegacySettings,
        LEGACY,
        Route::Path(&[], &[Literal("app"), Digits, Literal("settings")]),
    ),
    profile(
        PageKind::TwitterLegacyKeys,
        LEGACY,
        Route::Path(&[], &[Literal("app"), Digits, Literal("keys")]),
    ),
    profile(
        PageKind::TwitterLegacyPermissions,
        LEGACY,
        Route::Path(&[], &[Literal("app"), Digits, Literal("permissions")]),
    ),
    profile(
        PageKind::PortalProjects,
        PORTAL,
        Route::Path(
            &[],
            &[Literal("en"), Literal("portal"), Literal("dashboard")],
        ),
    ),
    profile(
        PageKind::PortalProjects,
        PORTAL,
        Route::Path(
            &[],
            &[
                Literal("en"),
                Literal("portal"),
                Literal("projects-and-apps"),
            ],
        ),
    ),
    profile(
        PageKind::PortalKeys,
        PORTAL,
        Route::Path(&PORTAL_APP, &[Literal("keys")]),
    ),
    profile(
        PageKind::PortalAppSettings,
        PORTAL,
        Route::Path(&PORTAL_APP, &[Literal("settings")]),
    ),
    // [I] the path of the user authentication settings form.
    profile(
        PageKind::PortalUserAuthSettings,
        PORTAL,
        Route::Path(&PORTAL_APP, &[Literal("auth-settings")]),
    ),
    profile(
        PageKind::TwitterAuthorize,
        TWITTER_API,
        Route::Path(&[], &[Literal("oauth"), Literal("authenticate")]),
    ),
    profile(
        PageKind::TwitterAuthorize,
        TWITTER_API,
        Route::Path(&[], &[Literal("oauth"), Literal("authorize")]),
    ),
    profile(
        PageKind::Auth0SocialConnections,
        DASHBOARD,
        Route::Path(&TENANT, &[Literal("connections"), Literal("social")]),
    ),
    profile(
        PageKind::Auth0TwitterConnection,
        DASHBOARD,
        Route::Path(
            &TENANT,
            &[
                Literal("connections"),
                Literal("social"),
                ConnectionId,
                Literal("settings"),
            ],
        ),
    ),
    // [I] the applications tab's path.
    profile(
        PageKind::Auth0ConnectionApplications,
        DASHBOARD,
        Route::Path(
            &TENANT,
            &[
                Literal("connections"),
                Literal("social"),
                ConnectionId,
                Literal("applications"),
            ],
        ),
    ),
    profile(
        PageKind::Auth0SocialConnections,
        DASHBOARD,
        Route::Hash(&[Literal("connections"), Literal("social")]),
    ),
    // [I] the seed era's hash routes of the Twitter settings and Clients views.
    profile(
        PageKind::Auth0TwitterConnection,
        DASHBOARD,
        Route::Hash(&[
            Literal("connections"),
            Literal("social"),
            Literal("twitter"),
            Literal("settings"),
        ]),
    ),
    profile(
        PageKind::Auth0ConnectionApplications,
        DASHBOARD,
        Route::Hash(&[
            Literal("connections"),
            Literal("social"),
            Literal("twitter"),
            Literal("clients"),
        ]),
    ),
    profile(
        PageKind::Auth0ItWorks,
        DASHBOARD,
        Route::Path(&[], &[Literal("tester"), Literal("callback")]),
    ),
    profile(
        PageKind::Auth0TenantSignIn,
        Origins::TenantDomain,
        Route::Path(&[], &[Literal("authorize")]),
    ),
    profile(
        PageKind::Auth0TenantSignIn,
        Origins::TenantDomain,
        Route::Path(&[], &[Literal("login"), Literal("callback")]),
    ),
];

fn segments_match<'a, 's>(
    mut shape: impl Iterator<Item = &'s Segment>,
    mut segs: impl Iterator<Item = &'a str>,
) -> bool {
    shape.all(|s| segs.next().is_some_and(|seg| s.matches(seg))) && segs.next().is_none()
}

/// The kind of page a URL shows, judged by origin and path shape alone.
pub fn kind_for_url(url: &PageUrl) -> Option<PageKind> {
    let has_hash_route = url.hash_segments().next().is_some();
    PROFILES
        .iter()
        .find(|p| {
            p.origins.contains(&url.origin)
                && match p.route {
                    // A path route on a page that also carries a hash route is that hash route's page.
                    Route::Path(prefix, rest) => {
                        !(has_hash_route && url.path == "/")
                            && segments_match(prefix.iter().chain(rest), url.segments())
                    }
                    Route::Hash(shape) => {
                        url.path == "/" && segments_match(shape.iter(), url.hash_segments())
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
    // ASCII lower-casing: every label KeyBridge matches is ASCII, and it keeps Unicode tables out of the wasm.
    let joined = words.join(" ").to_ascii_lowercase();
    joined.trim_end_matches([':', '*', ' ']).to_string()
}

/// Whether a label names `part` on `side`.
pub fn label_names(side: Side, part: KeyPart, label: &str) -> bool {
    label_is(label, label_synonyms(side, part))
}

/// Whether a page's label is one of `names` (normalized): the whole label, or the label without a
/// trailing parenthesis (" (API Key)", " (required)").
pub fn label_is(label: &str, names: &[&str]) -> bool {
    let label = normalize_label(label);
    let bare = match label.split_once(" (") {
        Some((bare, _)) if label.ends_with(')') => bare,
        _ => label.as_str(),
    };
    names.iter().any(|s| *s == label || *s == bare)
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
        assert_eq!(
            kind_for_url(&url("https://apps.twitter.com/app/12345/show")),
            Some(PageKind::TwitterLegacyDetails)
        );
        for other in [
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
        assert_eq!(
            kind_for_url(&url("https://manage.auth0.com/dashboard/us/acme-demo/connections/social/con_ABCDEFGH12345678/applications")),
            Some(PageKind::Auth0ConnectionApplications)
        );
        for other in [
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
    fn knows_tenant_domains_and_nothing_like_them() {
        assert!(is_tenant_origin("https://acme-demo.us.auth0.com"));
        assert!(is_tenant_origin("https://acme.auth0.com"));
        assert!(is_tenant_origin("https://acme.eu-2.auth0.com"));
        assert!(!is_tenant_origin("http://acme.us.auth0.com"));
        assert!(!is_tenant_origin("https://manage.auth0.com.evil.test"));
        assert!(!is_tenant_origin("https://acme.evil.auth0.com"));
        assert!(!is_tenant_origin("https://a.b.us.auth0.com"));
        assert_eq!(
            kind_for_url(&url("https://acme.us.auth0.com/login/callback")),
            Some(PageKind::Auth0TenantSignIn)
        );
    }

    #[test]
    fn tenant_names_follow_auth0s_rules() {
        assert!(is_tenant_name("acme-demo"));
        assert!(!is_tenant_name("ab"));
        assert!(!is_tenant_name("Acme"));
        assert!(!is_tenant_name("acme-"));
    }
}
