//! The background's side of the flow: the thin JS hands over browser calls, the core decides.

use futures::future::{join_all, select, Either};
use futures::join;
use gloo::timers::future::TimeoutFuture;
use gloo::utils::errors::JsError;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::error::{Error, KeyError};
use crate::export::export as export_for;
use crate::flow::{
    connection_slot, fill_summary, find_tab, most_recent_first, oldest_first, step_place, Choices,
    Notice, PageRequest, PopupState, Request, Role, StoredCapture, Tab, TabSlot,
    CAPTURE_LIFETIME_MS,
};
use crate::guide::{
    checklist, guide_protocol, observe, plan_action, Facts, GuideAction, Situation, StepId,
    StepState,
};
use crate::keys::Protocol;
use crate::page::{
    capture_as, check_twitter_connection, key_prints, plan_fill, verify, FieldOutcome,
    FieldVerdict, FillPlan, FillReport, Op, Target,
};
use crate::site::{
    kind_for_url, PageKind, CALLBACK_PAGES, CONNECTION_PAGES, FILL_ORIGINS, KEY_PAGES, PROSE_PAGES,
};
use crate::snapshot::{PageSnapshot, PageUrl};
use crate::text::Text;
use crate::wire::{from_js, stored, to_js};

#[wasm_bindgen]
extern "C" {
    /// The browser calls `background.js` lends the core (it owns `chrome.*` / `browser.*`).
    pub type BrowserApi;

    #[wasm_bindgen(method, catch, js_name = queryTabs)]
    async fn query_tabs(this: &BrowserApi) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getTab)]
    async fn get_tab(this: &BrowserApi, id: i32) -> Result<JsValue, JsValue>;
    /// Brings a tab and its window to the front.
    #[wasm_bindgen(method, catch, js_name = focusTab)]
    async fn focus_tab(this: &BrowserApi, id: i32) -> Result<JsValue, JsValue>;
    /// Opens `url` in a new tab, in front (a page of the guide: see `flow::step_place`).
    #[wasm_bindgen(method, catch, js_name = openTab)]
    async fn open_tab(this: &BrowserApi, url: &str) -> Result<JsValue, JsValue>;
    /// Sends to the tab's top frame only.
    #[wasm_bindgen(method, catch, js_name = sendToTab)]
    async fn send_to_tab(this: &BrowserApi, id: i32, message: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = sessionGet)]
    async fn session_get(this: &BrowserApi, key: &str) -> Result<JsValue, JsValue>;
    /// Everything `storage.session` holds, in one call.
    #[wasm_bindgen(method, catch, js_name = sessionGetAll)]
    async fn session_get_all(this: &BrowserApi) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = sessionSet)]
    async fn session_set(this: &BrowserApi, key: &str, value: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = sessionRemove)]
    async fn session_remove(this: &BrowserApi, key: &str) -> Result<JsValue, JsValue>;
    /// The admin's options: plain settings in `storage.local` (captured values never go there).
    #[wasm_bindgen(method, catch, js_name = optionsGet)]
    async fn options_get(this: &BrowserApi) -> Result<JsValue, JsValue>;
    /// Whether KeyBridge may read the pages where a Try ends (its optional host permissions).
    #[wasm_bindgen(method, catch, js_name = tryPagesAllowed)]
    async fn try_pages_allowed(this: &BrowserApi) -> Result<JsValue, JsValue>;
    /// Wakes the background at `when` (ms since the epoch) to forget expired keys.
    #[wasm_bindgen(method, catch, js_name = scheduleExpiry)]
    async fn schedule_expiry(this: &BrowserApi, when: f64) -> Result<JsValue, JsValue>;
}

const CAPTURE_KEY: &str = "capture";
const FILL_KEY: &str = "fill";
const CHOICES_KEY: &str = "choices";
const FACTS_KEY: &str = "facts";
/// The admin's answer to "which pair?", for the Auth0 page it was given on.
const ANSWER_KEY: &str = "answer";
/// The outcome of a keyboard shortcut, for the popup to show when it opens.
const NOTICE_KEY: &str = "notice";
/// How long a fill waits for the Auth0 form to render, and how often it looks.
const FORM_WAIT_MS: u32 = 12_000;
const FORM_POLL_MS: u32 = 200;
/// How long a tab may take to answer: an action's request, and a look for the checklist (a stuck tab
/// must not hold the popup's state or the other tabs).
const ASK_MS: u32 = 5_000;
const OBSERVE_MS: u32 = 1_500;

/// A tab as `tabs.query` returns it.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct RawTab {
    id: Option<i32>,
    window_id: Option<i32>,
    url: Option<String>,
    title: Option<String>,
    last_accessed: Option<f64>,
}

/// Lets the browser parse a URL (WHATWG rules); `None` when it is not one.
fn parse_url(url: &str) -> Option<PageUrl> {
    let u = web_sys::Url::new(url).ok()?;
    Some(PageUrl {
        origin: u.origin(),
        path: u.pathname(),
        hash: u.hash(),
    })
}

impl RawTab {
    fn into_tab(self) -> Option<Tab> {
        let url = parse_url(self.url.as_deref()?)?;
        Some(Tab {
            id: self.id?,
            window_id: self.window_id.unwrap_or_default(),
            title: self.title.unwrap_or_default(),
            url,
            // Milliseconds since the epoch fit a u64; the browser gives a float.
            last_accessed: self.last_accessed.unwrap_or_default().max(0.0) as u64,
        })
    }
}

/// A value read from `storage.session`, or its default when absent, unreadable or the storage failed.
fn stored_or_default<T: serde::de::DeserializeOwned + Default>(value: Result<JsValue, Error>) -> T {
    value.ok().and_then(stored).unwrap_or_default()
}

/// What the browser said when storage failed: an `Error`'s message, or a thrown string.
fn storage_error(e: JsValue) -> Error {
    let message = match JsError::try_from(e) {
        Ok(error) => error.message,
        Err(not_an_error) => not_an_error.to_string(),
    };
    Error::Storage(message)
}

/// The records of `storage.session`.
#[derive(Default)]
struct Session {
    capture: Option<StoredCapture>,
    fill: Vec<FieldVerdict>,
    choices: Choices,
    facts: Facts,
    notice: Option<Notice>,
}

/// The pair the admin named for a page whose form did not say.
#[derive(serde::Serialize, Deserialize)]
struct ProtocolAnswer {
    page: String,
    protocol: Protocol,
}

/// The admin's options.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Options {
    /// A custom domain that replaces the tenant domain in the callback URL.
    custom_domain: Option<String>,
    /// Minutes before captured keys are forgotten (1-60; 10 when unset).
    expiry_minutes: Option<u32>,
    /// The optional steps of the checklist (shown unless turned off).
    show_permissions: Option<bool>,
    show_applications: Option<bool>,
}

/// Pages whose facts feed the checklist: every page of the guide but the lists of apps. Their snapshots
/// come with key-like values blanked (see `Flow::look`), so the console's app page, which shows keys
/// and settings together, is read for its settings and never for a key.
fn observed(kind: PageKind) -> bool {
    !matches!(
        kind,
        PageKind::TwitterLegacyAppList | PageKind::PortalProjects | PageKind::ConsoleApps
    )
}

struct Flow {
    api: BrowserApi,
}

impl Flow {
    async fn tabs(&self) -> Vec<Tab> {
        let raw: Vec<RawTab> = match self.api.query_tabs().await {
            Ok(v) => from_js(v).unwrap_or_default(),
            Err(_) => Vec::new(),
        };
        raw.into_iter().filter_map(RawTab::into_tab).collect()
    }

    async fn tab(&self, id: i32) -> Option<Tab> {
        let raw: RawTab = from_js(self.api.get_tab(id).await.ok()?).ok()?;
        raw.into_tab()
    }

    /// `storage.session[key]`, `undefined` when absent. (Not generic: an async fn per stored type would
    /// be a state machine per type; `stored` decodes after the await.)
    async fn session(&self, key: &str) -> Result<JsValue, Error> {
        self.api.session_get(key).await.map_err(storage_error)
    }

    async fn store(&self, key: &str, value: JsValue) -> Result<(), Error> {
        self.api
            .session_set(key, value)
            .await
            .map_err(storage_error)?;
        Ok(())
    }

    async fn remove(&self, key: &str) -> Result<(), Error> {
        self.api.session_remove(key).await.map_err(storage_error)?;
        Ok(())
    }

    async fn choices(&self) -> Choices {
        stored_or_default(self.session(CHOICES_KEY).await)
    }

    /// The tab of `role`; the Auth0 tab held to the flow's tenant (`connection_slot`).
    async fn slot(&self, role: Role) -> TabSlot {
        let (tabs, choices, facts) = join!(self.tabs(), self.choices(), self.session(FACTS_KEY));
        match role {
            Role::Keys => find_tab(&tabs, role, &choices),
            Role::Connection => {
                let facts: Facts = stored_or_default(facts);
                connection_slot(&tabs, &choices, facts.tenant.as_ref())
            }
        }
    }

    /// The captured keys, forgotten here if they have expired.
    async fn capture_in_store(&self) -> Result<Option<StoredCapture>, Error> {
        let stored = stored::<StoredCapture>(self.session(CAPTURE_KEY).await?);
        self.unexpired(stored).await
    }

    /// `capture` unless its time is up; then it is removed from `storage.session` and the admin is told.
    async fn unexpired(
        &self,
        capture: Option<StoredCapture>,
    ) -> Result<Option<StoredCapture>, Error> {
        match capture {
            Some(c) if c.is_expired(js_sys::Date::now()) => {
                self.remove(CAPTURE_KEY).await?;
                Err(Error::Expired)
            }
            c => Ok(c),
        }
    }

    /// What a page shows, its credential-like values blanked by the content script: enough to observe a
    /// page and plan a fill, and no key passes through KeyBridge that the admin did not capture.
    async fn snapshot(&self, tab: &Tab) -> Result<PageSnapshot, Error> {
        self.snapshot_with(tab, false, true, false, ASK_MS).await
    }

    /// A look for the checklist: values blanked, no scan for dialogs, shadow roots or frames, a short wait.
    async fn look(&self, tab: &Tab) -> Result<PageSnapshot, Error> {
        // A page that shows keys: with fingerprints, to notice keys regenerated since the capture.
        self.snapshot_with(tab, false, false, tab.shows(KEY_PAGES), OBSERVE_MS)
            .await
    }

    /// With `secrets`, the values too: only to capture, on the admin's action, and to check that the
    /// captured keys are still the page's before a fill. `deep`: an action's (see `PageRequest`).
    async fn snapshot_with(
        &self,
        tab: &Tab,
        secrets: bool,
        deep: bool,
        fingerprints: bool,
        ms: u32,
    ) -> Result<PageSnapshot, Error> {
        let text = tab.shows(PROSE_PAGES);
        let request = PageRequest::Snapshot {
            text,
            secrets,
            deep,
            fingerprints,
        };
        let v = self.ask(tab, to_js(&request), ms).await?;
        from_js::<PageSnapshot>(v)?.checked()
    }

    /// The admin's options; a custom domain that is not a domain name is left out (the callback URL then
    /// uses the tenant's own domain), whoever wrote it.
    async fn options(&self) -> Options {
        let mut options: Options = match self.api.options_get().await {
            Ok(v) if !v.is_undefined() && !v.is_null() => from_js(v).unwrap_or_default(),
            _ => Options::default(),
        };
        options.custom_domain = options
            .custom_domain
            .filter(|d| crate::site::is_domain_name(d));
        options
    }

    /// Reads the facts of every open page of the guide (all tabs at once) and merges them into `known`.
    /// With several dashboard tabs, only the one the admin picked speaks for the tenant.
    async fn observe(&self, tabs: &[Tab], known: Facts, connection: &TabSlot) -> Facts {
        let mut facts = known.clone();
        // Oldest first, so the page the admin looked at last has the final word; the Auth0 tab the admin
        // picked has it over every other.
        let mut ordered = oldest_first(tabs);
        if let Some(picked) = connection.tab.as_ref().filter(|_| connection.chosen) {
            ordered.sort_by_key(|t| t.id == picked.id);
        }
        let watched: Vec<&Tab> = ordered
            .into_iter()
            .filter(|tab| {
                let Some(kind) = kind_for_url(&tab.url).filter(|k| observed(*k)) else {
                    return false;
                };
                // The sign-in pages of Auth0 tenants: only the tenant of this guide.
                kind != PageKind::Auth0TenantSignIn
                    || known
                        .tenant
                        .as_ref()
                        .is_some_and(|t| tab.url.origin == ["https://", &t.domain].concat())
            })
            .collect();
        let snapshots = join_all(watched.into_iter().map(|tab| self.look(tab))).await;
        for snapshot in snapshots.into_iter().flatten() {
            facts.merge(observe(&snapshot));
            // Another key where the captured ones came from: regenerated. The connection as filled no
            // longer works, and a Try that worked says nothing now.
            if known.regenerated_on(&snapshot) {
                facts.keys_regenerated = Some(true);
                facts.try_result = None;
            }
        }
        // Several Auth0 connection tabs and none picked (another may have been opened by any page, for any
        // tenant): none of them changes the tenant the callback URL is made for.
        if connection.guessed {
            facts.tenant = known.tenant.clone();
        }
        if facts != known {
            let _ = self.store(FACTS_KEY, to_js(&facts)).await;
        }
        facts
    }

    /// What `storage.session` holds, read in one call; each record decoded on its own (one this version
    /// cannot read counts as absent).
    async fn session_all(&self) -> Result<Session, Error> {
        let all = self.api.session_get_all().await.map_err(storage_error)?;
        let get = |key: &str| {
            if all.is_object() {
                js_sys::Reflect::get(&all, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
            } else {
                JsValue::UNDEFINED
            }
        };
        Ok(Session {
            capture: stored(get(CAPTURE_KEY)),
            fill: stored(get(FILL_KEY)).unwrap_or_default(),
            choices: stored(get(CHOICES_KEY)).unwrap_or_default(),
            facts: stored(get(FACTS_KEY)).unwrap_or_default(),
            notice: stored(get(NOTICE_KEY)),
        })
    }

    /// What the popup shows. The tabs, `storage.session` and the options are read side by side, then the
    /// open pages of the guide all at once.
    async fn state(&self, notice: Option<Notice>) -> PopupState {
        self.state_as(notice, true, false).await
    }

    /// The state; with `look` false, the checklist's facts as last seen (no page is read): the popup's
    /// first answer, its tabs and captured keys as they are now, while the full look follows. With
    /// `export`, the configuration written out for the protocol the guide follows.
    async fn state_as(&self, notice: Option<Notice>, look: bool, export: bool) -> PopupState {
        let (tabs, session, options, try_readable) = join!(
            self.tabs(),
            self.session_all(),
            self.options(),
            self.api.try_pages_allowed()
        );
        // Unknown counts as not allowed: the checklist then says how to allow it.
        let try_readable = try_readable.is_ok_and(|v| v.is_truthy());
        // A storage failure is said; the popup still shows the tabs, so its buttons stay usable.
        let (session, failure) = match session {
            Ok(s) => (s, None),
            Err(e) => (Session::default(), Some(Notice::error(e))),
        };
        let notice = notice.or(failure);
        let Session {
            capture,
            fill,
            choices,
            facts,
            notice: pending,
        } = session;
        let notice = match notice {
            Some(n) => Some(n),
            None => {
                // Shown once: the full look takes it; the glance before it only shows it.
                if pending.is_some() && look {
                    let _ = self.remove(NOTICE_KEY).await;
                }
                pending
            }
        };
        let (captured, notice) = match self.unexpired(capture).await {
            Ok(c) => (c.map(|c| c.view()), notice),
            Err(e) => (None, notice.or(Some(Notice::error(e)))),
        };
        let auth0 = connection_slot(&tabs, &choices, facts.tenant.as_ref());
        let facts = if look {
            self.observe(&tabs, facts, &auth0).await
        } else {
            facts
        };
        let situation = Situation {
            open: tabs.iter().filter_map(|t| kind_for_url(&t.url)).collect(),
            captured: captured
                .as_ref()
                .map(|c| c.protocols.clone())
                .unwrap_or_default(),
            filled: &fill,
            custom_domain: options.custom_domain.as_deref(),
            try_readable,
        };
        let twitter = find_tab(&tabs, Role::Keys, &choices);
        let guide = checklist(&facts, &situation)
            .into_iter()
            .filter(|s| match s.id {
                StepId::Permissions => options.show_permissions != Some(false),
                StepId::Applications => options.show_applications != Some(false),
                _ => true,
            })
            .map(|mut s| {
                // Where each step not done happens; the Keys and Fill steps' tabs have their own "Go to tab".
                let own_tab = match s.id {
                    StepId::Keys => twitter.tab.is_some(),
                    StepId::Fill => auth0.tab.is_some(),
                    _ => false,
                };
                if s.state != StepState::Done && !own_tab {
                    s.place = step_place(s.id, &tabs, &facts);
                }
                s
            })
            .collect();
        let auth0_elsewhere = (auth0.tab.is_none()
            && tabs
                .iter()
                .any(|t| t.shows(&[PageKind::Auth0ConnectionApplications])))
        .then(|| Text::with("tabNoAuth0Settings", [facts.applications_tab().to_string()]));
        PopupState {
            export: export.then(|| export_for(&facts, guide_protocol(&facts, &situation))),
            twitter,
            auth0,
            auth0_elsewhere,
            guide,
            applications: facts.applications.clone().unwrap_or_default(),
            captured,
            fill,
            notice,
            ..PopupState::default()
        }
    }

    /// Runs a guide action in the tab it belongs to.
    async fn guide(&self, action: &GuideAction, applications: &[String]) -> Result<Notice, Error> {
        use PageKind::*;
        let kinds: &[PageKind] = match action {
            GuideAction::FillCallback => CALLBACK_PAGES,
            GuideAction::AllowSignIn => &[TwitterLegacySettings],
            GuideAction::ChooseWebApp => {
                &[PortalUserAuthSettings, ConsoleUserAuthSettings, ConsoleApp]
            }
            GuideAction::EnableApplications => &[Auth0ConnectionApplications],
            GuideAction::Try => &[
                Auth0TwitterConnection,
                Auth0ConnectionApplications,
                Auth0SocialConnections,
                Auth0SeedSocialConnections,
            ],
            GuideAction::Capture | GuideAction::Fill => return Err(Error::BadMessage),
        };
        let tabs = self.tabs().await;
        let candidates = most_recent_first(tabs.iter().filter(|t| t.shows(kinds)));
        let tab = candidates.first().ok_or(Error::GuidePageMissing)?;
        // The popup's last status observed every page; no second walk over all tabs here.
        let facts: Facts = stored_or_default(self.session(FACTS_KEY).await);
        let custom = self.options().await.custom_domain;
        // The Try menu needs a click to show its item, then a second look.
        for _ in 0..2 {
            let snapshot = self.snapshot(tab).await?;
            // A connection's own pages act only on Twitter's (the social list names every provider).
            if tab.shows(&[Auth0TwitterConnection, Auth0ConnectionApplications]) {
                check_twitter_connection(&snapshot)?;
            }
            let plan = plan_action(action, &snapshot, &facts, custom.as_deref(), applications)
                .ok_or(Error::GuideNothingToDo)?;
            let report = self.apply(tab, kinds, &plan).await?;
            let verdicts = verify(&plan, &report)?;
            let missed: Vec<String> = verdicts
                .iter()
                .filter(|v| !v.outcome.holds_value())
                .map(|v| v.target.label())
                .collect();
            if !missed.is_empty() {
                return Err(Error::GuideNotKept(missed.join(", ")));
            }
            if plan.actions.iter().any(|a| a.op == Op::Click) {
                continue;
            }
            // What KeyBridge changed in a form is the site's only once the admin saves it.
            if verdicts.iter().any(|v| v.outcome == FieldOutcome::Filled) {
                self.update_facts(|f| match action {
                    GuideAction::FillCallback => f.callback_unsaved = Some(true),
                    GuideAction::AllowSignIn | GuideAction::ChooseWebApp => {
                        f.settings_unsaved = Some(true)
                    }
                    GuideAction::EnableApplications => f.applications_unsaved = Some(true),
                    _ => {}
                })
                .await?;
            }
            return Ok(Notice::success(match action {
                GuideAction::FillCallback => {
                    // Every value set is said, with the page's name for its field (the Website URL beside
                    // the callback, on the forms that require one). These are never secrets.
                    let set: Vec<String> = plan
                        .actions
                        .iter()
                        .zip(&verdicts)
                        .filter(|(_, v)| v.outcome == FieldOutcome::Filled)
                        .filter_map(|(a, v)| match &a.op {
                            Op::Set(value) => {
                                Some([v.name().as_str(), ": ", value.expose()].concat())
                            }
                            _ => None,
                        })
                        .collect();
                    // The app's tab, by its title: the form the admin saves next.
                    Text::with("noticeCallbackFilled", [set.join("; "), tab.title.clone()])
                }
                GuideAction::AllowSignIn => Text::new("noticeSignInTicked"),
                GuideAction::ChooseWebApp => Text::new("noticeWebAppChosen"),
                GuideAction::EnableApplications => Text::with(
                    "noticeApplicationsOn",
                    [facts.applications_tab().to_string()],
                ),
                _ => {
                    let _ = self.api.focus_tab(tab.id).await;
                    Text::new("noticeTryShown")
                }
            }));
        }
        Err(Error::GuideNothingToDo)
    }

    /// Sends a plan to a tab after checking, at that moment, that the tab still shows a page of `kinds`
    /// at the plan's origin.
    async fn apply(
        &self,
        tab: &Tab,
        kinds: &[PageKind],
        plan: &FillPlan,
    ) -> Result<FillReport, Error> {
        let still_there = self.tab(tab.id).await.is_some_and(|t| {
            t.shows(kinds) && t.url.origin == plan.origin && t.url.href() == plan.page
        });
        let still_there = still_there && FILL_ORIGINS.contains(&plan.origin.as_str());
        if !still_there {
            return Err(Error::TabMoved);
        }
        // The one door every plan passes: a captured value goes nowhere but the Auth0 dashboard.
        if let Ok(Some(c)) = self.capture_in_store().await {
            if !plan.may_carry(&c.pairs) {
                return Err(Error::UntrustedSender);
            }
        }
        let msg = to_js(&PageRequest::Apply { plan: plan.clone() });
        from_js(self.ask(tab, msg, ASK_MS).await?)
    }

    /// Sends a request to a tab's content script, waiting at most `ms`; a page that went away
    /// mid-request says so, and one that does not answer is named.
    async fn ask(&self, tab: &Tab, msg: JsValue, ms: u32) -> Result<JsValue, Error> {
        let answer = Box::pin(self.api.send_to_tab(tab.id, msg));
        let answer = match select(answer, TimeoutFuture::new(ms)).await {
            Either::Left((answer, _)) => answer,
            Either::Right(_) => return Err(Error::TabSlow(tab.title.clone(), ms.div_ceil(1000))),
        };
        match answer {
            Ok(v) if v.is_undefined() || v.is_null() => Err(Error::PageChanged(tab.title.clone())),
            Ok(v) => Ok(v),
            Err(_) => {
                // The page unloaded before its content script answered, or the tab is gone or stuck.
                let now = self.tab(tab.id).await;
                if now.is_some_and(|t| t.url != tab.url) {
                    Err(Error::PageChanged(tab.title.clone()))
                } else {
                    Err(Error::TabUnreachable(tab.title.clone()))
                }
            }
        }
    }

    async fn capture(&self, accept_lookalike: bool) -> Result<Notice, Error> {
        let tab = self.slot(Role::Keys).await.tab.ok_or(Error::NoTwitterTab)?;
        // With fingerprints: the checklist keeps them (never the values) to notice keys regenerated.
        let snapshot = self.snapshot_with(&tab, true, true, true, ASK_MS).await?;
        let pairs = capture_as(&snapshot, accept_lookalike)?;
        let minutes = self
            .options()
            .await
            .expiry_minutes
            .filter(|m| (1..=60).contains(m));
        let lifetime = minutes.map_or(CAPTURE_LIFETIME_MS, |m| f64::from(m) * 60_000.0);
        let expires_at = js_sys::Date::now() + lifetime;
        let notice = match pairs.as_slice() {
            [one] => match one.protocol {
                Protocol::OAuth1 => "noticeCapturedOAuth1",
                Protocol::OAuth2 => "noticeCapturedOAuth2",
            },
            _ => "noticeCapturedBoth",
        };
        let stored = StoredCapture {
            pairs,
            source_tab: tab.id,
            source_title: tab.title.clone(),
            source_url: snapshot.url.href(),
            expires_at,
        };
        // What the checklist keeps of this capture: its page and fingerprints, never a key.
        let mut facts: Facts = stored_or_default(self.session(FACTS_KEY).await);
        facts.key_page = Some([snapshot.url.origin.as_str(), &snapshot.url.path].concat());
        facts.key_prints = Some(
            key_prints(&snapshot)
                .into_iter()
                .map(String::from)
                .collect(),
        );
        facts.keys_regenerated = Some(false);
        self.store(FACTS_KEY, to_js(&facts)).await?;
        self.store(CAPTURE_KEY, to_js(&stored)).await?;
        self.remove(FILL_KEY).await?;
        // A new capture: the pair to fill is asked again where the form does not say.
        self.remove(ANSWER_KEY).await?;
        // Best effort: reading the keys also checks the expiry.
        let _ = self.api.schedule_expiry(expires_at).await;
        Ok(Notice::success(Text::with(notice, [tab.title.clone()])))
    }

    /// Whether the keys tab still shows the captured keys; a page that no longer shows keys says nothing.
    async fn check_source(&self, stored: &StoredCapture) -> Result<(), Error> {
        let Some(tab) = self.tab(stored.source_tab).await else {
            return Ok(());
        };
        if !tab.shows(Role::Keys.kinds()) {
            return Ok(());
        }
        // A pair the page shows now that differs from the captured pair of its protocol was regenerated.
        let now = self
            .snapshot_with(&tab, true, true, false, ASK_MS)
            .await
            .and_then(|s| capture_as(&s, true))
            .unwrap_or_default();
        let changed = now.iter().any(|p| {
            stored
                .pairs
                .iter()
                .any(|q| q.protocol == p.protocol && q != p)
        });
        if changed {
            Err(Error::KeysChanged)
        } else {
            Ok(())
        }
    }

    /// Snapshots the Auth0 tab and plans the fill, waiting (bounded) for a form that renders late.
    async fn plan(
        &self,
        tab: &Tab,
        stored: &StoredCapture,
        chosen: Option<Protocol>,
        overwrite: bool,
    ) -> Result<FillPlan, Error> {
        let mut waited = 0;
        loop {
            let snapshot = self.snapshot(tab).await?;
            // The page the admin clicked Fill Auth0 for, or nothing (they may leave while it loads).
            if snapshot.url.href() != tab.url.href() {
                return Err(Error::TabMoved);
            }
            match plan_fill(&snapshot, &stored.pairs, chosen, overwrite) {
                Err(Error::FieldNotFound(_)) if waited < FORM_WAIT_MS => {
                    TimeoutFuture::new(FORM_POLL_MS).await;
                    waited += FORM_POLL_MS;
                }
                Err(Error::FieldNotFound(_)) => {
                    return Err(Error::FormNeverCame(FORM_WAIT_MS / 1000))
                }
                other => return other,
            }
        }
    }

    /// Fills the captured pair the Auth0 form wants; `answer` is the admin's, when the form did not say.
    async fn fill(
        &self,
        overwrite: bool,
        answer: Option<Protocol>,
    ) -> Result<(Notice, bool), Error> {
        let stored = self
            .capture_in_store()
            .await?
            .ok_or(Error::NothingCaptured)?;
        let slot = self.slot(Role::Connection).await;
        let tab = slot.tab.ok_or(Error::NoAuth0Tab)?;
        // The secret goes only to the Auth0 tab the admin picked, or the one candidate, of the tenant the
        // setup started with (its tenant and the keys' page are shown beside the button before the click).
        if slot.guessed {
            return Err(match (slot.started_with, slot.tenant) {
                (Some(started), Some(shown)) => Error::TenantChanged {
                    shown: shown.domain,
                    started: started.domain,
                },
                _ => Error::PickAuth0Tab,
            });
        }
        // An earlier answer stands on the page it was given for (the "Replace in Auth0" that follows it,
        // a fill again); never on another page, whatever the checklist last saw there.
        let earlier: Option<ProtocolAnswer> = crate::wire::stored(self.session(ANSWER_KEY).await?);
        let earlier = earlier
            .filter(|a| a.page == tab.url.href())
            .map(|a| a.protocol);
        let chosen = answer.or(earlier);
        // The Twitter tab is asked whether its keys changed while the Auth0 form is read.
        let (source, plan) = join!(
            self.check_source(&stored),
            self.plan(&tab, &stored, chosen, overwrite)
        );
        source?;
        let plan = match plan {
            // An earlier answer that names a pair no longer captured is asked again, not kept.
            Err(Error::PairNotCaptured(_)) if answer.is_none() && earlier.is_some() => {
                self.remove(ANSWER_KEY).await?;
                return Err(Error::ProtocolUnknown);
            }
            other => other?,
        };
        if let Some(protocol) = answer {
            let page = plan.page.clone();
            self.store(ANSWER_KEY, to_js(&ProtocolAnswer { page, protocol }))
                .await?;
            // Read now, not before the waits above: the popup's looks may have stored newer facts.
            let mut facts: Facts = stored_or_default(self.session(FACTS_KEY).await);
            if facts.protocol != answer {
                facts.protocol = answer;
                self.store(FACTS_KEY, to_js(&facts)).await?;
            }
        }
        // `apply` checks the tab again at the last moment: the secret goes only to the verified Auth0 page.
        let report = self.apply(&tab, CONNECTION_PAGES, &plan).await?;
        let verdicts = verify(&plan, &report)?;
        let (notice, confirm) = fill_summary(&verdicts);
        if verdicts.iter().all(|v| v.outcome.holds_value()) {
            // Used: the keys leave KeyBridge's memory once the page holds them.
            self.remove(CAPTURE_KEY).await?;
            self.remove(ANSWER_KEY).await?;
        }
        self.store(FILL_KEY, to_js(&verdicts)).await?;
        if verdicts.iter().any(|v| v.outcome == FieldOutcome::Filled) {
            self.update_facts(|f| f.keys_unsaved = Some(true)).await?;
        }
        Ok((notice, confirm))
    }

    /// Changes the facts as last stored (read now: the popup's looks may have stored newer ones): a form
    /// KeyBridge just changed waits for the admin's save, a save was reported. Either way, a Try that worked
    /// before this change says nothing about the connection now: the Try step is to do again.
    async fn update_facts(&self, change: impl FnOnce(&mut Facts)) -> Result<(), Error> {
        let mut facts: Facts = stored_or_default(self.session(FACTS_KEY).await);
        change(&mut facts);
        facts.try_result = None;
        self.store(FACTS_KEY, to_js(&facts)).await
    }

    async fn choose(&self, role: Role, id: i32) -> Result<(), Error> {
        let slot = self.slot(role).await;
        let known = slot
            .choices
            .iter()
            .chain(slot.tab.iter())
            .any(|t| t.id == id);
        if !known {
            return Err(Error::TabGone);
        }
        let mut choices = self.choices().await;
        choices.set(role, id);
        self.store(CHOICES_KEY, to_js(&choices)).await
    }

    async fn handle(&self, request: Request) -> PopupState {
        // Every answer is the state with the request's notice; a few requests add to it. (One call of
        // `state` rather than one per request: each await of it was a copy in the state machine.)
        let mut confirm_capture = false;
        let mut confirm_overwrite = false;
        let mut ask_protocol = false;
        let mut export = false;
        // Only the status reads the pages for the checklist: an action answers with what it did and the
        // facts as last seen (the popup's next status, within 1.5 s, reads the pages again), so the admin
        // sees the outcome without waiting for a look at every open page.
        let look = request == Request::Status;
        let notice = match request {
            Request::Status => None,
            Request::Glance => return self.state_as(None, false, false).await,
            Request::Capture { accept_lookalike } => match self.capture(accept_lookalike).await {
                Ok(notice) => Some(notice),
                Err(e) => {
                    confirm_capture = matches!(e, Error::Key(KeyError::LooksLike { .. }));
                    Some(Notice::error(e))
                }
            },
            Request::Fill {
                overwrite,
                protocol,
            } => match self.fill(overwrite, protocol).await {
                Ok((notice, confirm)) => {
                    confirm_overwrite = confirm;
                    Some(notice)
                }
                Err(e) => {
                    ask_protocol = e == Error::ProtocolUnknown;
                    Some(Notice::error(e))
                }
            },
            Request::Forget => Some(
                match (
                    self.remove(CAPTURE_KEY).await,
                    self.remove(FILL_KEY).await,
                    self.remove(ANSWER_KEY).await,
                ) {
                    (Ok(()), Ok(()), Ok(())) => Notice::info(Text::new("noticeForgot")),
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Notice::error(e),
                },
            ),
            Request::Choose { role, tab } => self.choose(role, tab).await.err().map(Notice::error),
            Request::Guide {
                action,
                applications,
            } => Some(
                self.guide(&action, &applications)
                    .await
                    .unwrap_or_else(Notice::error),
            ),
            // The key alone: this answer is never rendered as a state.
            Request::RevealKey => {
                return PopupState {
                    revealed_key: self
                        .capture_in_store()
                        .await
                        .ok()
                        .flatten()
                        .and_then(|c| c.pairs.first().map(|p| p.key.expose().to_string())),
                    ..PopupState::default()
                }
            }
            Request::Export => {
                export = true;
                None
            }
            Request::GoTo { tab } => match self.api.focus_tab(tab).await {
                Ok(_) => None,
                Err(_) => Some(Notice::error(Error::TabGone)),
            },
            Request::Open { url } => {
                // A page of one of the sites KeyBridge serves, over HTTPS; nothing else is opened.
                let served =
                    parse_url(&url).is_some_and(|u| FILL_ORIGINS.contains(&u.origin.as_str()));
                match served {
                    true => self
                        .api
                        .open_tab(&url)
                        .await
                        .err()
                        .map(|_| Notice::error(Error::TabGone)),
                    false => Some(Notice::error(Error::BadMessage)),
                }
            }
        };
        PopupState {
            confirm_capture,
            confirm_overwrite,
            ask_protocol,
            ..self.state_as(notice, look, export).await
        }
    }
}

/// Handles one message from the popup. `sender_url` is the sender's page; `extension_base` is this
/// extension's own base URL (`chrome-extension://<id>/`): anything else is refused.
#[wasm_bindgen(js_name = handlePopupMessage)]
pub async fn handle_popup_message(
    api: BrowserApi,
    message: JsValue,
    sender_url: String,
    extension_base: String,
) -> Result<JsValue, JsValue> {
    if extension_base.is_empty() || !sender_url.starts_with(&extension_base) {
        return Err(JsValue::from_str(&Error::UntrustedSender.text().id));
    }
    let flow = Flow { api };
    let state = match from_js::<Request>(message) {
        Ok(request) => flow.handle(request).await,
        Err(e) => flow.state(Some(Notice::error(e))).await,
    };
    Ok(to_js(&state))
}

/// A content script saw the admin save a form holding values KeyBridge put there: `targets` names what they
/// were for (never a value). Only the top frame of a page KeyBridge fills may say so; it only ever marks
/// steps as no longer waiting for a save, and the next look reads whether the page refused it.
#[wasm_bindgen(js_name = handleSaved)]
pub async fn handle_saved(api: BrowserApi, targets: JsValue, sender_origin: String) {
    if !FILL_ORIGINS.contains(&sender_origin.as_str()) {
        return;
    }
    let Ok(targets) = from_js::<Vec<Target>>(targets) else {
        return;
    };
    let flow = Flow { api };
    let _ = flow.update_facts(|facts| facts.saved(&targets)).await;
}

/// A keyboard shortcut (the `commands` API): the browser itself reports it, so it is the admin's action.
#[wasm_bindgen(js_name = handleCommand)]
pub async fn handle_command(api: BrowserApi, command: String) {
    let request = match command.as_str() {
        "capture-keys" => Request::Capture {
            accept_lookalike: false,
        },
        "fill-auth0" => Request::Fill {
            overwrite: false,
            protocol: None,
        },
        _ => return,
    };
    let flow = Flow { api };
    let state = flow.handle(request).await;
    // The popup shows the outcome when it opens next.
    let _ = flow.store(NOTICE_KEY, to_js(&state.notice)).await;
}

/// The expiry alarm: forgets the captured keys once their time is up.
#[wasm_bindgen(js_name = expireCapture)]
pub async fn expire_capture(api: BrowserApi) {
    // Reading the capture removes it when it has expired; the popup says so when it opens next, rather
    // than the keys vanishing without a word.
    let flow = Flow { api };
    if let Err(e @ Error::Expired) = flow.capture_in_store().await {
        let _ = flow.store(NOTICE_KEY, to_js(&Some(Notice::error(e)))).await;
    }
}
