//! The flow's state and the messages that move it: what the background keeps, what the popup shows.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::export::Export;
use crate::guide::{tenant_in_url, Application, Facts, GuideAction, Step, StepId, Tenant};
use crate::keys::{KeyPair, Protocol};
use crate::page::{FieldOutcome, FieldVerdict, FillPlan};
use crate::site::{kind_for_url, sibling_url, PageKind, Side, CONNECTION_PAGES, KEY_PAGES};
use crate::snapshot::PageUrl;
use crate::text::Text;

/// How long captured keys live before they are forgotten.
pub const CAPTURE_LIFETIME_MS: f64 = 10.0 * 60.0 * 1000.0;

/// The two tabs the flow works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// The Twitter tab the keys are captured from.
    Keys,
    /// The Auth0 tab the keys are filled into.
    Connection,
}

impl Role {
    pub fn kinds(self) -> &'static [PageKind] {
        match self {
            Role::Keys => KEY_PAGES,
            Role::Connection => CONNECTION_PAGES,
        }
    }
}

/// What the popup asks the background: `{"kind": "capture", "acceptLookalike": true}`, a missing flag
/// or list taken as false/empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Request {
    Status,
    /// The state without reading any page (the checklist as last seen): the popup's first answer.
    Glance,
    Capture {
        /// The admin read the warning and takes a value that looks like another pair.
        #[serde(default)]
        accept_lookalike: bool,
    },
    Fill {
        #[serde(default)]
        overwrite: bool,
        /// The admin's answer when the form does not say which pair it wants.
        #[serde(default)]
        protocol: Option<Protocol>,
    },
    Forget,
    /// Use this tab for `role` while it lives.
    Choose {
        role: Role,
        tab: i32,
    },
    /// Bring this tab and its window to the front.
    GoTo {
        tab: i32,
    },
    /// Open this page of the guide (a step's [`Place::Open`]) in a new tab: only on the sites KeyBridge
    /// serves.
    Open {
        url: String,
    },
    /// A step of the guide; `applications` are the names the admin ticked (for the Applications step).
    Guide {
        action: GuideAction,
        #[serde(default)]
        applications: Vec<String>,
    },
    /// Write out the configured connection for automation.
    Export,
    /// The captured Consumer Key in full, while the admin holds "reveal" (never the secret).
    RevealKey,
}

/// The tabs the admin picked when there were several candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Choices {
    pub keys: Option<i32>,
    pub connection: Option<i32>,
}

impl Choices {
    pub fn get(&self, role: Role) -> Option<i32> {
        match role {
            Role::Keys => self.keys,
            Role::Connection => self.connection,
        }
    }

    pub fn set(&mut self, role: Role, tab: i32) {
        match role {
            Role::Keys => self.keys = Some(tab),
            Role::Connection => self.connection = Some(tab),
        }
    }
}

/// What the background asks a content script: `{"kind": "snapshot", "text": false}` or
/// `{"kind": "apply", "plan": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PageRequest {
    /// `text`: with the page's prose too (a second walk over the page; see `PROSE_PAGES`).
    Snapshot {
        #[serde(default)]
        text: bool,
        /// With credential-like values as they are; without, the content script blanks them.
        #[serde(default)]
        secrets: bool,
        /// Also the open dialog, open shadow roots and same-origin frames (an action's snapshot); the
        /// checklist's frequent looks go without.
        #[serde(default = "yes")]
        deep: bool,
        /// Each key-like value with its fingerprint (blanked as ever without `secrets`): on the pages that
        /// show keys, to notice keys regenerated after a capture.
        #[serde(default)]
        fingerprints: bool,
    },
    Apply {
        plan: FillPlan,
    },
}

fn yes() -> bool {
    true
}

/// A browser tab as KeyBridge needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tab {
    pub id: i32,
    pub window_id: i32,
    pub title: String,
    pub url: PageUrl,
    /// When the admin last looked at the tab (ms since the epoch); the most recent wins.
    pub last_accessed: u64,
}

/// The tab of one role the flow would use, and the others it could use instead.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TabSlot {
    pub tab: Option<Tab>,
    /// Every candidate, most recent first, when there is more than one.
    pub choices: Vec<Tab>,
    /// The admin picked `tab` among the choices.
    pub chosen: bool,
    /// `tab` is only KeyBridge's guess among several candidates: the Auth0 tab is never filled on a
    /// guess; the admin picks it first.
    pub guessed: bool,
    /// The Auth0 tenant `tab` is for: the one its URL names, else (a seed-era dashboard, whose URL names
    /// none) the one the flow's facts hold. Shown beside Fill Auth0.
    pub tenant: Option<Tenant>,
    /// The tenant the flow started with, when `tab` names another: never filled until the admin picks it.
    pub started_with: Option<Tenant>,
}

impl Tab {
    /// Whether the tab shows one of `kinds` of page.
    pub fn shows(&self, kinds: &[PageKind]) -> bool {
        kind_for_url(&self.url).is_some_and(|k| kinds.contains(&k))
    }
}

/// The tabs the admin looked at last first.
pub fn most_recent_first<'a>(tabs: impl Iterator<Item = &'a Tab>) -> Vec<&'a Tab> {
    let mut tabs: Vec<&Tab> = tabs.collect();
    sort_most_recent_first(&mut tabs);
    tabs
}

/// The one sort of the core, outside the generic function so that each caller's iterator type does not
/// make a copy of it (each sort instance costs ~3 KB of wasm).
fn sort_most_recent_first(tabs: &mut [&Tab]) {
    tabs.sort_by_key(|t| core::cmp::Reverse(t.last_accessed));
}

/// The tabs the admin looked at last at the end; tabs of equal time (Chrome before 121 gives none) keep
/// their query order. Reuses `most_recent_first`'s sort: the reversals keep ties in order.
pub fn oldest_first(tabs: &[Tab]) -> Vec<&Tab> {
    let mut tabs = most_recent_first(tabs.iter().rev());
    tabs.reverse();
    tabs
}

/// Picks the tab for `role` among all tabs of all windows: the one the admin chose while it still shows
/// such a page, else the one the admin looked at last. For the Auth0 tab that is only a guess unless it is
/// the one candidate (`guessed`): any page can open another dashboard (of any tenant) beside the admin's.
pub fn find_tab(tabs: &[Tab], role: Role, choices: &Choices) -> TabSlot {
    let candidates = most_recent_first(tabs.iter().filter(|t| t.shows(role.kinds())));
    let chosen = choices
        .get(role)
        .and_then(|id| candidates.iter().find(|t| t.id == id));
    let tab = chosen.or(candidates.first()).map(|t| (*t).clone());
    let guessed = role == Role::Connection && chosen.is_none() && candidates.len() > 1;
    TabSlot {
        tab,
        chosen: chosen.is_some(),
        guessed,
        choices: if candidates.len() > 1 || guessed {
            candidates.into_iter().cloned().collect()
        } else {
            Vec::new()
        },
        ..TabSlot::default()
    }
}

/// The Auth0 tab, held to the tenant the flow started with (`flow`, the facts' tenant): a tab whose URL
/// names another tenant, even the only one, is a guess until the admin picks it (any page can open a
/// dashboard of any tenant). The tenant comes from the URL; page text is never asked.
pub fn connection_slot(tabs: &[Tab], choices: &Choices, flow: Option<&Tenant>) -> TabSlot {
    let mut slot = find_tab(tabs, Role::Connection, choices);
    let Some(tab) = slot.tab.clone() else {
        return slot;
    };
    let named = tenant_in_url(&tab.url);
    if let (Some(shown), Some(flow), false) = (&named, flow, slot.chosen) {
        if shown.domain != flow.domain {
            slot.guessed = true;
            slot.started_with = Some(flow.clone());
            if slot.choices.is_empty() {
                slot.choices.push(tab);
            }
        }
    }
    slot.tenant = named.or_else(|| flow.cloned());
    slot
}

/// Where a step of the guide happens, for its "Go to" button: a tab showing that page (brought to the
/// front), or the address of the page to open (`page`: the message id of the button's words).
/// Externally tagged on the wire (`{"open": {…}}`): an internally tagged enum would bring serde's buffering
/// deserializer into the popup's wasm (about 10 KB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Place {
    Tab { tab: i32 },
    Open { url: String, page: Text },
}

/// The pages where `step` happens (its tabs are brought to the front), and the pages to open when none
/// is, most useful first, with the button's words.
fn step_pages(step: StepId) -> (&'static [PageKind], &'static [PageKind], &'static str) {
    use PageKind::*;
    match step {
        StepId::Callback => (
            &[
                TwitterLegacySettings,
                TwitterLegacyCreateApp,
                ConsoleUserAuthSettings,
                PortalUserAuthSettings,
            ],
            &[
                TwitterLegacySettings,
                ConsoleUserAuthSettings,
                PortalUserAuthSettings,
            ],
            "openAppSettings",
        ),
        StepId::SignIn => (
            &[
                TwitterLegacySettings,
                ConsoleUserAuthSettings,
                PortalUserAuthSettings,
            ],
            &[
                TwitterLegacySettings,
                ConsoleUserAuthSettings,
                PortalUserAuthSettings,
            ],
            "openAppSettings",
        ),
        StepId::Permissions => (
            &[
                TwitterLegacyPermissions,
                ConsoleUserAuthSettings,
                PortalUserAuthSettings,
            ],
            &[
                TwitterLegacyPermissions,
                ConsoleUserAuthSettings,
                PortalUserAuthSettings,
            ],
            "openAppPermissions",
        ),
        StepId::Keys => (
            KEY_PAGES,
            &[TwitterLegacyKeys, ConsoleApp, PortalKeys],
            "openAppKeys",
        ),
        StepId::Fill => (
            CONNECTION_PAGES,
            &[Auth0TwitterConnection],
            "openConnection",
        ),
        StepId::Applications => (
            &[Auth0ConnectionApplications],
            &[Auth0ConnectionApplications],
            "openApplications",
        ),
        StepId::Try => (
            &[
                Auth0TwitterConnection,
                Auth0SeedSocialConnections,
                Auth0ConnectionApplications,
            ],
            &[Auth0TwitterConnection],
            "openConnection",
        ),
    }
}

/// Where `step` happens (see [`Place`]). A tab showing its page, the admin's last first (on Auth0's side
/// only the flow's tenant's); else that page's address, made from a tab of the same app or connection
/// (its ids in the page's route); else the site's own start: the X Developer Console, or the tenant's
/// social connections (the dashboard, when no tenant is known yet).
pub fn step_place(step: StepId, tabs: &[Tab], facts: &Facts) -> Option<Place> {
    let tenant = facts.tenant.as_ref();
    let (here, open, page) = step_pages(step);
    let page = match step {
        StepId::Applications => Text::with(page, [facts.applications_tab().to_string()]),
        _ => Text::new(page),
    };
    let auth0 = here.iter().any(|k| k.side() == Side::Auth0);
    // Another tenant's dashboard is never where this flow's step happens.
    let ours = |t: &&Tab| {
        !auth0
            || match (tenant_in_url(&t.url), tenant) {
                (Some(shown), Some(flow)) => shown.domain == flow.domain,
                _ => true,
            }
    };
    let candidates = most_recent_first(tabs.iter().filter(|t| ours(t)));
    // Today's Create Connection form is a connection page with nothing to try and no applications yet.
    let creating = |t: &Tab| {
        t.shows(&[PageKind::Auth0TwitterConnection]) && t.url.segments().any(|s| s == "create")
    };
    let here_now = |t: &Tab| t.shows(here) && !(step == StepId::Try && creating(t));
    if let Some(t) = candidates.iter().find(|t| here_now(t)) {
        return Some(Place::Tab { tab: t.id });
    }
    let side = if auth0 { Side::Auth0 } else { Side::Twitter };
    let derived = candidates
        .iter()
        .filter(|t| kind_for_url(&t.url).is_some_and(|k| k.side() == side))
        .filter(|t| !(step == StepId::Try && creating(t)))
        .find_map(|t| open.iter().find_map(|k| sibling_url(&t.url, *k)));
    if let Some(url) = derived {
        return Some(Place::Open { url, page });
    }
    let (url, page) = match (auth0, tenant) {
        (false, _) => ("https://console.x.com/".to_string(), "openConsole"),
        (true, Some(t)) => {
            // `<tenant>.<region>.auth0.com` has the current era's routes; the seed era's `<tenant>.auth0.com`
            // its hash routes.
            let region = t
                .domain
                .strip_suffix(".auth0.com")
                .and_then(|h| h.split_once('.'))
                .map(|(_, region)| region)
                .filter(|r| crate::site::is_region(r));
            let url = match region {
                Some(region) => [
                    "https://manage.auth0.com/dashboard/",
                    region,
                    "/",
                    &t.name,
                    "/connections/social",
                ]
                .concat(),
                None => "https://manage.auth0.com/#/connections/social".to_string(),
            };
            (url, "openSocialConnections")
        }
        (true, None) => ("https://manage.auth0.com/".to_string(), "openDashboard"),
    };
    Some(Place::Open {
        url,
        page: Text::new(page),
    })
}

/// Captured keys as kept in `storage.session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredCapture {
    /// One pair, or both when the page showed both (one per protocol).
    pub pairs: Vec<KeyPair>,
    /// The tab the keys came from, to notice when its keys change (regenerated) before the fill.
    pub source_tab: i32,
    pub source_title: String,
    pub source_url: String,
    pub expires_at: f64,
}

impl StoredCapture {
    /// An expiry that is not a number (`NaN`) counts as passed: it would otherwise never come.
    pub fn is_expired(&self, now: f64) -> bool {
        self.expires_at.is_nan() || now >= self.expires_at
    }

    /// The masked view the popup may show.
    pub fn view(&self) -> CapturedView {
        let masked =
            |f: fn(&KeyPair) -> String| self.pairs.iter().map(f).collect::<Vec<_>>().join(" · ");
        CapturedView {
            protocols: self.pairs.iter().map(|p| p.protocol).collect(),
            key: masked(|p| p.key.masked(4)),
            secret: masked(|p| p.secret.masked(0)),
            source_title: self.source_title.clone(),
            source_url: self.source_url.clone(),
            expires_at: self.expires_at,
        }
    }
}

/// Captured keys as the popup shows them: masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapturedView {
    /// Which pairs are held.
    pub protocols: Vec<Protocol>,
    pub key: String,
    pub secret: String,
    pub source_title: String,
    pub source_url: String,
    pub expires_at: f64,
}

/// The tone of a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Tone {
    Info,
    Success,
    Error,
}

/// One sentence for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub tone: Tone,
    pub text: Text,
}

impl Notice {
    pub fn error(e: Error) -> Self {
        Self {
            tone: Tone::Error,
            text: e.text(),
        }
    }
    pub fn failure(text: Text) -> Self {
        Self {
            tone: Tone::Error,
            text,
        }
    }
    pub fn success(text: Text) -> Self {
        Self {
            tone: Tone::Success,
            text,
        }
    }
    pub fn info(text: Text) -> Self {
        Self {
            tone: Tone::Info,
            text,
        }
    }
}

/// Everything the popup renders: the one state tree. Carries no secret.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PopupState {
    pub twitter: TabSlot,
    pub auth0: TabSlot,
    /// Why no Auth0 tab is found, when a tab of the connection is open that is not the one Fill Auth0
    /// takes (its Applications tab): said instead of "no tab is open".
    pub auth0_elsewhere: Option<Text>,
    pub captured: Option<CapturedView>,
    pub fill: Vec<FieldVerdict>,
    pub notice: Option<Notice>,
    /// A field holds a different value: the popup offers to replace it.
    pub confirm_overwrite: bool,
    /// A captured value looks like another pair: the popup offers to capture anyway.
    pub confirm_capture: bool,
    /// The Auth0 form does not say which pair it wants: the popup asks the admin.
    pub ask_protocol: bool,
    /// The guide's checklist.
    pub guide: Vec<Step>,
    /// The Auth0 applications KeyBridge saw, for the admin to pick.
    pub applications: Vec<Application>,
    pub export: Option<Export>,
    /// Only in the answer to [`Request::RevealKey`]; never stored, never rendered by a refresh.
    pub revealed_key: Option<String>,
}

/// The sentence that sums up a fill, and whether the admin must confirm an overwrite.
pub fn fill_summary(verdicts: &[FieldVerdict]) -> (Notice, bool) {
    let occupied = verdicts.iter().any(|v| v.outcome == FieldOutcome::Occupied);
    if verdicts.iter().all(|v| v.outcome.holds_value()) {
        (Notice::success(Text::new("noticeFilled")), false)
    } else if occupied {
        (Notice::info(Text::new("noticeOccupied")), true)
    } else {
        (Notice::failure(Text::new("noticeNotKept")), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(id: i32, path: &str, last_accessed: u64) -> Tab {
        Tab {
            id,
            window_id: 1,
            title: format!("tab {id}"),
            url: PageUrl {
                origin: "https://manage.auth0.com".into(),
                path: path.into(),
                hash: String::new(),
            },
            last_accessed,
        }
    }

    #[test]
    fn oldest_first_keeps_ties_in_query_order() {
        let ids = |tabs: Vec<&Tab>| tabs.iter().map(|t| t.id).collect::<Vec<_>>();
        let tabs = [tab(1, "/", 30), tab(2, "/", 10), tab(3, "/", 20)];
        assert_eq!(ids(oldest_first(&tabs)), [2, 3, 1]);
        assert_eq!(ids(most_recent_first(tabs.iter())), [1, 3, 2]);
        let untimed = [tab(1, "/", 0), tab(2, "/", 0), tab(3, "/", 0)];
        assert_eq!(ids(oldest_first(&untimed)), [1, 2, 3]);
        assert_eq!(ids(most_recent_first(untimed.iter())), [1, 2, 3]);
    }

    const SETTINGS: &str = "/dashboard/us/acme/connections/social/con_ABCDEFGH12345678/settings";

    #[test]
    fn picks_the_most_recent_candidate_unless_the_admin_chose_one() {
        let tabs = [
            tab(1, SETTINGS, 10),
            tab(2, SETTINGS, 30),
            tab(3, "/dashboard/us/acme/users", 99),
        ];
        let slot = find_tab(&tabs, Role::Connection, &Choices::default());
        assert_eq!(slot.tab.as_ref().map(|t| t.id), Some(2));
        assert_eq!(
            slot.choices.iter().map(|t| t.id).collect::<Vec<_>>(),
            [2, 1]
        );
        assert!(!slot.chosen);
        assert!(slot.guessed, "two Auth0 tabs: never filled on a guess");
        let mut choices = Choices::default();
        choices.set(Role::Connection, 1);
        let slot = find_tab(&tabs, Role::Connection, &choices);
        assert_eq!(
            (slot.tab.map(|t| t.id), slot.chosen, slot.guessed),
            (Some(1), true, false)
        );
        // A choice whose tab left the page is ignored.
        let moved = [tab(1, "/dashboard/us/acme/users", 10), tab(2, SETTINGS, 30)];
        let slot = find_tab(&moved, Role::Connection, &choices);
        assert_eq!(
            (slot.tab.map(|t| t.id), slot.chosen, slot.choices.len()),
            (Some(2), false, 0)
        );
    }

    #[test]
    fn another_tenant_is_a_guess_even_as_the_only_auth0_tab() {
        let acme = tenant_in_url(&tab(1, SETTINGS, 0).url);
        let globex = "/dashboard/eu/globex/connections/social/con_ABCDEFGH12345678/settings";
        let tabs = [tab(7, globex, 10)];
        // Before any tenant is known: the one candidate, its tenant from its URL.
        let slot = connection_slot(&tabs, &Choices::default(), None);
        assert!(!slot.guessed);
        assert_eq!(
            slot.tenant.map(|t| t.domain).as_deref(),
            Some("globex.eu.auth0.com")
        );
        // The setup started with acme: globex's tab waits for the admin's pick, and is offered for it.
        let slot = connection_slot(&tabs, &Choices::default(), acme.as_ref());
        assert!(slot.guessed);
        assert_eq!(slot.started_with, acme);
        assert_eq!(slot.choices.iter().map(|t| t.id).collect::<Vec<_>>(), [7]);
        let mut choices = Choices::default();
        choices.set(Role::Connection, 7);
        let slot = connection_slot(&tabs, &choices, acme.as_ref());
        assert!(!slot.guessed && slot.chosen && slot.started_with.is_none());
        // The same tenant is no change; a seed-era dashboard (no tenant in its URL) shows the flow's.
        let same = connection_slot(&[tab(1, SETTINGS, 0)], &Choices::default(), acme.as_ref());
        assert!(!same.guessed);
        let mut seed_tab = tab(1, "/", 0);
        seed_tab.url.hash = "#/connections/social/twitter/settings".into();
        let seed = connection_slot(&[seed_tab], &Choices::default(), acme.as_ref());
        assert!(!seed.guessed);
        assert_eq!(seed.tenant, acme);
    }
}
