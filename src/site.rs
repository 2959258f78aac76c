//! The pages KeyBridge serves, as data: origin, path shape and the wordings of each label.

use crate::keys::{KeyPart, Protocol};
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
    /// The X Developer Console's apps list (a new app's keys are shown once, in a dialog, after creating it).
    ConsoleApps,
    /// One app in the X Developer Console: its keys (masked, or once in a dialog), its OAuth 2.0 Client ID
    /// and its user authentication settings; the console's tabs of one app share this kind.
    ConsoleApp,
    /// The console app's "User authentication settings" form (Callback URI / Redirect URL, type of app).
    ConsoleUserAuthSettings,
    /// Twitter's page asking the admin to authorize an app (during "Try").
    TwitterAuthorize,
    /// The Auth0 dashboard's list of social connections (and the current era's catalogue to create one).
    Auth0SocialConnections,
    /// The seed era's list of social connections (`#/connections/social`), whose Twitter settings may open
    /// as a dialog over the list.
    Auth0SeedSocialConnections,
    /// An Auth0 dashboard view of a connection's settings, or the current era's Create Connection form; the
    /// page itself must say it is Twitter's (see `page::check_twitter_connection`).
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
            | ConsoleApps
            | ConsoleApp
            | ConsoleUserAuthSettings
            | TwitterAuthorize => Side::Twitter,
            Auth0SocialConnections
            | Auth0SeedSocialConnections
            | Auth0TwitterConnection
            | Auth0ConnectionApplications
            | Auth0TenantSignIn
            | Auth0ItWorks => Side::Auth0,
        }
    }
}

/// The pages keys are captured from.
pub const KEY_PAGES: &[PageKind] = &[
    PageKind::TwitterLegacyKeys,
    PageKind::PortalKeys,
    PageKind::ConsoleApps,
    PageKind::ConsoleApp,
];
/// The pages keys are filled into.
pub const CONNECTION_PAGES: &[PageKind] = &[
    PageKind::Auth0TwitterConnection,
    PageKind::Auth0SeedSocialConnections,
];
/// The pages with a form for the app's callback URL.
pub const CALLBACK_PAGES: &[PageKind] = &[
    PageKind::TwitterLegacySettings,
    PageKind::TwitterLegacyCreateApp,
    PageKind::PortalUserAuthSettings,
    PageKind::ConsoleUserAuthSettings,
    PageKind::ConsoleApp,
];
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
    /// A provider's strategy name in a route (`twitter`, `github`): 1-40 of `[a-z0-9-]`.
    Word,
    /// Any segments that follow (the sub-pages of one console app); must be last.
    Rest,
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
            Segment::Word => {
                (1..=40).contains(&s.len())
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            }
            Segment::Rest => true,
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

/// A domain name as a custom domain must be (`login.example.com`): two or more labels of letters, digits
/// and `-` (not at either end), 1-63 characters each, 253 in all, lower case. Checked where it is used,
/// not only where the options page saves it.
pub fn is_domain_name(s: &str) -> bool {
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    // The last label is a top-level domain: letters only (`1.2` or `127.1` would be an IP address).
    let tld_ok = s
        .rsplit('.')
        .next()
        .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_lowercase()));
    s.len() <= 253 && s.split('.').count() >= 2 && s.split('.').all(label_ok) && tld_ok
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
/// The X Developer Console (real-pages.md §2b).
const CONSOLE: Origins = Origins::Exact(&["https://console.x.com"]);

/// The only origins a plan may be applied in (the Twitter sites' settings pages and the Auth0 dashboard);
/// `content.js` checks its own origin against the same list (a native test keeps the two equal).
pub const FILL_ORIGINS: &[&str] = &[
    "https://manage.auth0.com",
    "https://apps.twitter.com",
    "https://developer.x.com",
    "https://developer.twitter.com",
    "https://console.x.com",
];
/// A portal project's apps: `/en/portal/projects/<project id>/apps`, then an app id or `new`.
const PORTAL_APPS: [Segment; 5] = [
    Literal("en"),
    Literal("portal"),
    Literal("projects"),
    ProjectId,
    Literal("apps"),
];
const TENANT: [Segment; 3] = [Literal("dashboard"), Region, Tenant];
/// `/accounts/<account id>/apps/<app id>` [V]; account ids have 19 digits, app ids are numbers.
const CONSOLE_APP: [Segment; 4] = [Literal("accounts"), Digits, Literal("apps"), Digits];

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
        Route::Path(&PORTAL_APPS, &[Digits, Literal("keys")]),
    ),
    profile(
        PageKind::PortalAppSettings,
        PORTAL,
        Route::Path(&PORTAL_APPS, &[Digits, Literal("settings")]),
    ),
    // The 2021-2023 portal shows a new app's keys right after "add app"; the 2020 sign-up ended on
    // "Here are your keys." (real-pages.md §2b, [V]).
    profile(
        PageKind::PortalKeys,
        PORTAL,
        Route::Path(&PORTAL_APPS, &[Literal("new")]),
    ),
    profile(
        PageKind::PortalKeys,
        PORTAL,
        Route::Path(
            &[],
            &[
                Literal("en"),
                Literal("portal"),
                Literal("register"),
                Literal("keys"),
            ],
        ),
    ),
    // [I] the path of the user authentication settings form.
    profile(
        PageKind::PortalUserAuthSettings,
        PORTAL,
        Route::Path(&PORTAL_APPS, &[Digits, Literal("auth-settings")]),
    ),
    profile(
        PageKind::ConsoleApps,
        CONSOLE,
        Route::Path(&[], &[Literal("accounts"), Digits, Literal("apps")]),
    ),
    profile(PageKind::ConsoleApps, CONSOLE, Route::Path(&[], &[])),
    // [I] the path of the user authentication settings form; before the app's other pages.
    profile(
        PageKind::ConsoleUserAuthSettings,
        CONSOLE,
        Route::Path(&CONSOLE_APP, &[Literal("auth-settings")]),
    ),
    // The app's page and whatever tabs it has under its path ([I] their names).
    profile(
        PageKind::ConsoleApp,
        CONSOLE,
        Route::Path(&CONSOLE_APP, &[Rest]),
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
    // The current era's Create Connection catalogue and a provider's setup form (real-pages.md §4).
    profile(
        PageKind::Auth0SocialConnections,
        DASHBOARD,
        Route::Path(
            &TENANT,
            &[Literal("connections"), Literal("social"), Literal("create")],
        ),
    ),
    profile(
        PageKind::Auth0TwitterConnection,
        DASHBOARD,
        Route::Path(
            &TENANT,
            &[
                Literal("connections"),
                Literal("social"),
                Literal("create"),
                Word,
                Literal("setup"),
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
        PageKind::Auth0SeedSocialConnections,
        DASHBOARD,
        Route::Hash(&[Literal("connections"), Literal("social")]),
    ),
    profile(
        PageKind::Auth0SocialConnections,
        DASHBOARD,
        Route::Hash(&[Literal("connections"), Literal("social"), Literal("create")]),
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
    shape: impl Iterator<Item = &'s Segment>,
    mut segs: impl Iterator<Item = &'a str>,
) -> bool {
    for s in shape {
        if matches!(s, Segment::Rest) {
            return true;
        }
        if !segs.next().is_some_and(|seg| s.matches(seg)) {
            return false;
        }
    }
    segs.next().is_none()
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

/// The address of the page of `kind` that belongs with the page at `url`: the same app's or connection's,
/// on the same site and in the same era. The ids `url` carries (app, project, account, region, tenant,
/// connection) are put in the shape of `kind`'s route; every segment before the last id must be `url`'s
/// too. `None` when `url` carries no such ids, or is another site's or era's page.
pub fn sibling_url(url: &PageUrl, kind: PageKind) -> Option<String> {
    let hash_routed = url.path == "/" && url.hash_segments().next().is_some();
    PROFILES
        .iter()
        .filter(|p| p.kind == kind && p.origins.contains(&url.origin))
        .find_map(|p| {
            let (shape, segs, hash): (Vec<Segment>, Vec<&str>, bool) = match p.route {
                Route::Path(prefix, rest) => (
                    prefix.iter().chain(rest).copied().collect(),
                    url.segments().collect(),
                    false,
                ),
                Route::Hash(shape) => (shape.to_vec(), url.hash_segments().collect(), true),
            };
            if hash != hash_routed {
                return None;
            }
            let last_id = shape.iter().rposition(|s| !matches!(s, Literal(_) | Rest));
            let mut out = Vec::new();
            for (i, s) in shape.iter().enumerate() {
                match s {
                    Rest => break,
                    Literal(l) if last_id.is_none_or(|last| i > last) => out.push(*l),
                    _ => {
                        let seg = segs.get(i).filter(|seg| s.matches(seg))?;
                        out.push(seg);
                    }
                }
            }
            let route = if hash { "/#/" } else { "/" };
            Some([url.origin.as_str(), route, &out.join("/")].concat())
        })
}

/// The labels a value goes by on Twitter's pages, lower-case, without punctuation (real-pages.md §1, §2,
/// §2b): the portal's "API Key", the console's "Consumer Key" / "Secret Key", the OAuth 2.0 section's
/// "Client ID" / "Client Secret".
pub fn twitter_labels(part: KeyPart) -> &'static [&'static str] {
    match part {
        KeyPart::ConsumerKey => &[
            "consumer key (api key)",
            "consumer key",
            "api key",
            // German, as the catalogue's other language and as a browser's page translation says them.
            "verbraucherschlüssel",
            "api-schlüssel",
        ],
        KeyPart::ConsumerSecret => &[
            "consumer secret (api secret)",
            "consumer secret",
            "secret key",
            "api secret",
            "api secret key",
            "api key secret",
            "verbrauchergeheimnis",
            "geheimer schlüssel",
            "api-geheimschlüssel",
            "api-schlüsselgeheimnis",
        ],
        KeyPart::ClientId => &[
            "client id",
            "oauth 2.0 client id",
            "oauth2 client id",
            "client-id",
            "oauth 2.0-client-id",
        ],
        KeyPart::ClientSecret => &[
            "client secret",
            "oauth 2.0 client secret",
            "oauth2 client secret",
            "client-geheimnis",
            "clientgeheimnis",
        ],
    }
}

/// The labels of the Auth0 form's two fields by era (real-pages.md §4), with the protocol a label
/// implies: "Consumer Key" and "API Key" are the consumer pair's; "Client ID" alone says nothing (Auth0's
/// docs use it for the OAuth 2.0 pair, and its API calls the consumer key `client_id` too).
const AUTH0_KEY_LABELS: &[(&str, Option<Protocol>)] = &[
    ("consumer key", Some(Protocol::OAuth1)),
    ("api key", Some(Protocol::OAuth1)),
    ("verbraucherschlüssel", Some(Protocol::OAuth1)),
    ("api-schlüssel", Some(Protocol::OAuth1)),
    ("client id", None),
    ("client-id", None),
    ("oauth 2.0 client id", Some(Protocol::OAuth2)),
    ("oauth2 client id", Some(Protocol::OAuth2)),
];
const AUTH0_SECRET_LABELS: &[(&str, Option<Protocol>)] = &[
    ("consumer secret", Some(Protocol::OAuth1)),
    ("api secret key", Some(Protocol::OAuth1)),
    ("api secret", Some(Protocol::OAuth1)),
    ("verbrauchergeheimnis", Some(Protocol::OAuth1)),
    ("api-geheimschlüssel", Some(Protocol::OAuth1)),
    ("client secret", None),
    ("client-geheimnis", None),
    ("oauth 2.0 client secret", Some(Protocol::OAuth2)),
    ("oauth2 client secret", Some(Protocol::OAuth2)),
];

/// Whether a label names the Auth0 form's key field (`key`) or its secret field, and the protocol the
/// label implies, if any.
pub fn auth0_field_label(key: bool, label: &str) -> Option<Option<Protocol>> {
    let table = if key {
        AUTH0_KEY_LABELS
    } else {
        AUTH0_SECRET_LABELS
    };
    let label = normalize_label(label);
    let bare = bare_label(&label);
    table
        .iter()
        .find(|(name, _)| *name == label || *name == bare)
        .map(|(_, p)| *p)
}

/// The protocols a text names: "OAuth 1.0a" / "OAuth1" and "OAuth 2.0" / "OAuth2", any case.
pub fn protocols_named(text: &str) -> (bool, bool) {
    let lower = text.to_ascii_lowercase();
    let named =
        |p: &str| lower.contains(&["oauth ", p].concat()) || lower.contains(&["oauth", p].concat());
    (named("1"), named("2"))
}

/// Lower-case, single-spaced, without a trailing `:` or `*` marker.
pub fn normalize_label(label: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    // ASCII lower-casing: every label KeyBridge matches is ASCII, and it keeps Unicode tables out of the wasm.
    let joined = words.join(" ").to_ascii_lowercase();
    joined.trim_end_matches([':', '*', ' ']).to_string()
}

/// Whether a label on a Twitter page names `part`.
pub fn twitter_label_names(part: KeyPart, label: &str) -> bool {
    label_is(label, twitter_labels(part))
}

/// A normalized label without a trailing parenthesis (" (API Key)", " (required)").
fn bare_label(label: &str) -> &str {
    match label.split_once(" (") {
        Some((bare, _)) if label.ends_with(')') => bare,
        _ => label,
    }
}

/// Whether a page's label is one of `names` (normalized): the whole label, or the label without a
/// trailing parenthesis (" (API Key)", " (required)").
pub fn label_is(label: &str, names: &[&str]) -> bool {
    let label = normalize_label(label);
    let bare = bare_label(&label);
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
        use KeyPart::*;
        assert!(twitter_label_names(ConsumerKey, "Consumer Key (API Key)"));
        assert!(twitter_label_names(ConsumerKey, "  API key: "));
        assert!(twitter_label_names(ConsumerSecret, "API secret key"));
        assert!(twitter_label_names(ConsumerSecret, "Secret Key"));
        assert!(twitter_label_names(ClientId, "Client ID"));
        assert!(twitter_label_names(ClientSecret, "OAuth 2.0 Client Secret"));
        assert!(!twitter_label_names(ConsumerKey, "Access Token"));
        assert!(!twitter_label_names(ConsumerSecret, "Access Token Secret"));
        assert!(!twitter_label_names(ConsumerKey, "Client ID"));
        assert_eq!(auth0_field_label(true, "Client ID *"), Some(None));
        assert_eq!(
            auth0_field_label(false, "API Secret Key"),
            Some(Some(Protocol::OAuth1))
        );
        assert_eq!(
            auth0_field_label(true, "OAuth 2.0 Client ID (required)"),
            Some(Some(Protocol::OAuth2))
        );
        assert_eq!(auth0_field_label(true, "Search"), None);
        assert_eq!(auth0_field_label(false, "Consumer Key"), None);
        assert_eq!(protocols_named("Uses OAuth 2.0"), (false, true));
        assert_eq!(protocols_named("OAuth1 (legacy)"), (true, false));
        assert_eq!(protocols_named("Twitter"), (false, false));
    }

    #[test]
    fn knows_the_console_the_create_flow_and_the_seed_list() {
        for (u, kind) in [
            ("https://console.x.com/accounts/1234567890123456789/apps", PageKind::ConsoleApps),
            ("https://console.x.com/accounts/1234567890123456789/apps/29876543", PageKind::ConsoleApp),
            ("https://console.x.com/accounts/1234567890123456789/apps/29876543/keys", PageKind::ConsoleApp),
            ("https://console.x.com/accounts/1234567890123456789/apps/29876543/auth-settings", PageKind::ConsoleUserAuthSettings),
            ("https://developer.x.com/en/portal/projects/1234567890123456789/apps/new", PageKind::PortalKeys),
            ("https://developer.twitter.com/en/portal/register/keys", PageKind::PortalKeys),
            ("https://manage.auth0.com/dashboard/us/acme/connections/social/create/twitter/setup", PageKind::Auth0TwitterConnection),
            ("https://manage.auth0.com/dashboard/us/acme/connections/social/create", PageKind::Auth0SocialConnections),
            ("https://manage.auth0.com/#/connections/social", PageKind::Auth0SeedSocialConnections),
        ] {
            assert_eq!(kind_for_url(&url(u)), Some(kind), "{u}");
        }
        for other in [
            "https://console.x.com.evil.test/accounts/1234567890123456789/apps",
            "https://console.x.com/accounts/abc/apps/1",
            "https://manage.auth0.com/dashboard/us/acme/connections/social/create/Twitter!/setup",
        ] {
            assert_eq!(kind_for_url(&url(other)), None, "{other}");
        }
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
    fn a_custom_domain_is_a_domain_name_and_nothing_else() {
        assert!(is_domain_name("login.example.com"));
        assert!(is_domain_name("auth.acme-corp.co.uk"));
        for bad in [
            "",
            "localhost",
            "evil.example.com/login/callback?x=",
            "evil.example.com:8443",
            "https://evil.example.com",
            "Login.Example.com",
            "-a.example.com",
            "a..example.com",
            "user@evil.example.com",
            "127.1",
            "1.2",
            "example.c0m",
        ] {
            assert!(!is_domain_name(bad), "{bad}");
        }
    }

    #[test]
    fn tenant_names_follow_auth0s_rules() {
        assert!(is_tenant_name("acme-demo"));
        assert!(!is_tenant_name("ab"));
        assert!(!is_tenant_name("Acme"));
        assert!(!is_tenant_name("acme-"));
    }
}
