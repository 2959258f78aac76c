//! The admin's console. The fixed structure lives in `popup.html` and is bound once; each state updates it
//! in place (texts, `hidden`, `disabled`) and rebuilds only the lists whose content changed. One delegated
//! listener turns a click on any element with a `data-request` into that request.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

use crate::flow::{CapturedView, Notice, PopupState, Request, Role, TabSlot, Tone};
use crate::guide::{GuideAction, Step, StepState};
use crate::keys::Protocol;
use crate::page::{FieldOutcome, FieldVerdict};
use crate::text::Text;
use crate::wire::{from_js, to_js};

/// How long a tab change waits for more changes before the popup asks again.
const TABS_SETTLE_MS: u32 = 150;
/// Single-page apps render after their URL changes: while the popup is open, it looks again this often.
const REFRESH_MS: u32 = 1_500;

/// Keyboard shortcuts (the `commands` API); empty when the admin unassigned one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Shortcuts {
    pub capture: String,
    pub fill: String,
}

/// The popup: its root, the function that reaches the background, and what it shows.
pub struct Popup {
    root: Element,
    /// The root's document (`None` only for a root outside any document: then nothing renders).
    doc: Option<Document>,
    send: js_sys::Function,
    /// `translate(id, args)`: the browser's i18n (`getMessage`); every sentence the admin reads comes from it.
    translate: js_sys::Function,
    shortcuts: Shortcuts,
    /// What is shown; `None` until the first state.
    shown: RefCell<Option<PopupState>>,
    /// The applications the admin ticked in the popup, kept across refreshes.
    ticked: RefCell<Option<Vec<String>>>,
    /// The delegated listeners, bound once; removed when the popup is dropped.
    listeners: RefCell<Vec<EventListener>>,
    /// The pending refresh after a tab change (dropping it cancels it) and the periodic one.
    settle: RefCell<Option<Timeout>>,
    interval: RefCell<Option<Interval>>,
    /// The last action's answer (a click's request, not a refresh): the next request waits for it.
    queue: RefCell<Option<js_sys::Promise>>,
    /// Requests sent so far, and the number of the last action whose answer is shown: a refresh sent
    /// before it answers with the state from before the action, and is dropped.
    sent: Cell<u32>,
    action_shown: Cell<u32>,
    /// The tab panels of `popup.html` (Keys, then Connection) and the notice, held here because they move
    /// into the checklist's steps, which are rebuilt.
    panels: [Option<Element>; 2],
    notice: Option<Element>,
    /// Where the notice goes: beside the step whose button was clicked.
    notice_at: RefCell<NoticeAt>,
    /// States shown so far (counted up to the first full look).
    looks: Cell<u8>,
}

/// Where the answer to an action is shown.
#[derive(Debug, Clone, PartialEq)]
enum NoticeAt {
    /// The current step (the popup just opened: a notice left by a keyboard shortcut, say).
    Current,
    /// The step of this `data-step`, whose button was clicked.
    Step(String),
    /// Its place in the shell, beside Forget keys and Export (their answers).
    Home,
}

fn tab_line(slot: &TabSlot, missing: &str) -> Text {
    let count = || slot.choices.len().to_string();
    match &slot.tab {
        Some(t) if slot.guessed => match (&slot.tenant, &slot.started_with) {
            (Some(shown), Some(started)) => Text::with(
                "tabOtherTenant",
                [
                    t.title.clone(),
                    shown.domain.clone(),
                    started.domain.clone(),
                ],
            ),
            _ => Text::with("tabPickFirst", [t.title.clone(), count()]),
        },
        Some(t) if !slot.choices.is_empty() && slot.chosen => {
            Text::with("tabPicked", [t.title.clone(), count()])
        }
        Some(t) if !slot.choices.is_empty() => {
            Text::with("tabMostRecent", [t.title.clone(), count()])
        }
        Some(t) => Text::with("tabFound", [t.title.clone()]),
        None => Text::new(missing),
    }
}

/// "in 9 min" until `expires_at` (ms since the epoch), rounded up to whole minutes.
fn expires_text(expires_at: f64) -> Text {
    let ms = (expires_at - js_sys::Date::now()).max(0.0);
    let minutes = (ms / 60_000.0).ceil() as u64;
    Text::with("expiresIn", [minutes.to_string()])
}

fn outcome_text(v: &FieldVerdict) -> Text {
    let id = match v.outcome {
        FieldOutcome::Filled => "outcomeFilled",
        FieldOutcome::Unchanged => "outcomeUnchanged",
        FieldOutcome::Occupied => "outcomeOccupied",
        FieldOutcome::Rejected => "outcomeRejected",
        FieldOutcome::Missing => "outcomeMissing",
    };
    Text::with(id, [v.name()])
}

/// Appends a child just made.
fn append(parent: &Element, child: Result<Element, JsValue>) -> Result<(), JsValue> {
    let child = child?;
    parent.append_child(&child)?;
    Ok(())
}

/// A request as the `data-request` of the button that sends it.
fn request_attr(request: &Request) -> String {
    js_sys::JSON::stringify(&to_js(request))
        .map(String::from)
        .unwrap_or_default()
}

/// A value's name on the wire (`StepId::SignIn` → `signIn`).
fn wire_name<T: serde::Serialize>(value: &T) -> String {
    to_js(value).as_string().unwrap_or_default()
}

/// A step's `data-step` in the checklist (`StepId::SignIn` → `signin`).
fn step_attr(id: crate::guide::StepId) -> String {
    wire_name(&id).to_ascii_lowercase()
}

/// Scrolls `element` into the popup's view, at `block` if it must move.
fn scroll_to(element: &Element, block: web_sys::ScrollLogicalPosition) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(block);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// The parts of a tab's section in the shell, by role.
struct Section {
    prefix: &'static str,
    button: &'static str,
    missing: &'static str,
    choices_label: &'static str,
    step: crate::guide::StepId,
}

/// The tab slot of `role` in `state`.
fn slot_of(state: &PopupState, role: Role) -> &TabSlot {
    match role {
        Role::Keys => &state.twitter,
        Role::Connection => &state.auth0,
    }
}

fn section(role: Role) -> Section {
    match role {
        Role::Keys => Section {
            prefix: "twitter",
            button: "capture",
            missing: "tabNoTwitter",
            choices_label: "choicesTwitter",
            step: crate::guide::StepId::Keys,
        },
        Role::Connection => Section {
            prefix: "auth0",
            button: "fill",
            missing: "tabNoAuth0",
            choices_label: "choicesAuth0",
            step: crate::guide::StepId::Fill,
        },
    }
}

impl Popup {
    /// Binds the shell inside `root` (see `popup.html`); `send(request)` returns a Promise of the next
    /// state. Asks for the state at once.
    pub fn mount(root: Element, send: js_sys::Function, translate: js_sys::Function) -> Rc<Popup> {
        let popup = Popup::bind(root, send, translate, Shortcuts::default());
        Popup::request(&popup, Request::Status);
        popup
    }

    fn bind(
        root: Element,
        send: js_sys::Function,
        translate: js_sys::Function,
        shortcuts: Shortcuts,
    ) -> Rc<Popup> {
        let doc = root.owner_document();
        let find = |id: &str| root.query_selector(&["#", id].concat()).ok().flatten();
        let panels = [find("twitter-step"), find("auth0-step")];
        let notice = find("notice");
        let popup = Rc::new(Popup {
            doc,
            panels,
            notice,
            notice_at: RefCell::new(NoticeAt::Current),
            looks: Cell::new(0),
            root,
            send,
            translate,
            shortcuts,
            shown: RefCell::new(None),
            ticked: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
            settle: RefCell::new(None),
            interval: RefCell::new(None),
            queue: RefCell::new(None),
            sent: Cell::new(0),
            action_shown: Cell::new(0),
        });
        popup.listen();
        popup
    }

    /// The delegated listeners: clicks on anything with a `data-request`, ticks in the application list,
    /// and "hold to reveal".
    fn listen(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        let click = EventListener::new(&self.root, "click", move |event| {
            let Some(popup) = weak.upgrade() else { return };
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("[data-request]").ok().flatten())
            else {
                return;
            };
            let at = button
                .closest("[data-step]")
                .ok()
                .flatten()
                .and_then(|step| step.get_attribute("data-step"))
                .map_or(NoticeAt::Home, NoticeAt::Step);
            let Some(request) = button
                .get_attribute("data-request")
                .and_then(|r| js_sys::JSON::parse(&r).ok())
                .and_then(|v| from_js::<Request>(v).ok())
            else {
                return;
            };
            let request = match request {
                Request::Guide {
                    action: GuideAction::EnableApplications,
                    ..
                } => {
                    // Sent: the next refresh shows the page's own state again.
                    popup.ticked.replace(None);
                    Request::Guide {
                        action: GuideAction::EnableApplications,
                        applications: popup.checked_applications(),
                    }
                }
                other => other,
            };
            popup.notice_at.replace(at);
            Popup::request(&popup, request);
        });
        let weak = Rc::downgrade(self);
        let change = EventListener::new(&self.root, "change", move |_| {
            if let Some(popup) = weak.upgrade() {
                let names = popup.checked_applications();
                popup.ticked.replace(Some(names));
            }
        });
        let mut listeners = vec![click, change];
        listeners.extend(self.reveal_listeners());
        self.listeners.replace(listeners);
    }

    /// "Hold to reveal": while held (pointer or Space/Enter), the masked Consumer Key shows in full; the
    /// secret is never revealed. The key comes from the background only for that moment.
    fn reveal_listeners(self: &Rc<Self>) -> Vec<EventListener> {
        let Some(reveal) = self.by_id("reveal") else {
            return Vec::new();
        };
        [
            ("pointerdown", true),
            ("keydown", true),
            ("pointerup", false),
            ("pointerleave", false),
            ("keyup", false),
            ("blur", false),
        ]
        .into_iter()
        .map(|(name, show)| {
            let weak = Rc::downgrade(self);
            EventListener::new(&reveal, name, move |event| {
                let Some(popup) = weak.upgrade() else { return };
                if let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() {
                    if !matches!(key.key().as_str(), " " | "Enter") {
                        return;
                    }
                }
                if show {
                    popup.reveal();
                } else {
                    let masked = popup
                        .shown
                        .borrow()
                        .as_ref()
                        .and_then(|s| s.captured.clone());
                    popup.set_text("captured-key", &masked.map(|c| c.key).unwrap_or_default());
                }
            })
        })
        .collect()
    }

    fn reveal(self: &Rc<Self>) {
        let Ok(promise) = self.send.call1(&JsValue::NULL, &to_js(&Request::RevealKey)) else {
            return;
        };
        let weak = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let answer = JsFuture::from(js_sys::Promise::resolve(&promise)).await;
            let Some(popup) = weak.upgrade() else { return };
            let key = answer
                .ok()
                .and_then(|v| from_js::<PopupState>(v).ok())
                .and_then(|s| s.revealed_key);
            if let Some(key) = key {
                popup.set_text("captured-key", &key);
            }
        });
    }

    /// The sentence of `text` in the admin's language (the id itself if the catalogue lacks it).
    pub fn tr(&self, text: &Text) -> String {
        let args: js_sys::Array = text.args.iter().map(|a| JsValue::from_str(a)).collect();
        let out = self
            .translate
            .call2(&JsValue::NULL, &JsValue::from_str(&text.id), &args);
        out.ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| text.id.clone())
    }

    fn t(&self, id: &str) -> String {
        self.tr(&Text::new(id))
    }

    /// Sends a request to the background and shows the state it answers with.
    /// Actions go out one at a time, in the order the admin made them: a Fill clicked while a Capture is
    /// under way is sent once the Capture has answered, so it fills what was just captured. A refresh
    /// (`Status`) waits for the action before it but holds up nothing: a click never waits for a refresh.
    pub fn request(this: &Rc<Popup>, request: Request) {
        let send = this.send.clone();
        let message = to_js(&request);
        let refresh = request == Request::Status;
        let previous = this.queue.borrow().clone();
        let answer = wasm_bindgen_futures::future_to_promise(async move {
            if let Some(previous) = previous {
                // Its outcome is its own request's to show; this one only waits for it.
                let _ = JsFuture::from(previous).await;
            }
            let sent = send.call1(&JsValue::NULL, &message)?;
            JsFuture::from(js_sys::Promise::resolve(&sent)).await
        });
        if !refresh {
            this.queue.replace(Some(answer.clone()));
        }
        let seq = this.sent.get() + 1;
        this.sent.set(seq);
        Popup::show_answer(this, Ok(answer.into()), refresh, seq);
    }

    /// Shows the state a request's answer (a Promise, or the call's failure) carries.
    fn show_answer(this: &Rc<Popup>, answer: Result<JsValue, JsValue>, refresh: bool, seq: u32) {
        let weak: Weak<Popup> = Rc::downgrade(this);
        wasm_bindgen_futures::spawn_local(async move {
            let answer = match answer {
                Ok(p) => JsFuture::from(js_sys::Promise::resolve(&p)).await,
                Err(e) => Err(e),
            };
            let Some(popup) = weak.upgrade() else { return };
            if refresh && seq < popup.action_shown.get() {
                return;
            }
            if !refresh {
                popup.action_shown.set(seq);
            }
            // `{refused: …}`: the background failed; say so rather than show an empty state.
            let refused = |a: &JsValue| {
                js_sys::Reflect::has(a, &"refused".into()).unwrap_or(false) || !a.is_object()
            };
            let state = answer
                .ok()
                .filter(|a| !refused(a))
                .and_then(|a| from_js::<PopupState>(a).ok());
            let shown = popup.shown.borrow().clone().unwrap_or_default();
            let state = match state {
                // A refresh keeps what the admin's last action showed (its notice, the export).
                Some(state) if refresh => PopupState {
                    notice: state.notice.or(shown.notice.clone()),
                    export: shown.export.clone(),
                    confirm_overwrite: shown.confirm_overwrite,
                    confirm_capture: shown.confirm_capture,
                    ask_protocol: shown.ask_protocol,
                    ..state
                },
                Some(state) => state,
                // What was shown stays (its tabs, so the buttons stay usable), with what went wrong.
                None => PopupState {
                    notice: Some(Notice::failure(Text::new("noticeNoBackground"))),
                    revealed_key: None,
                    ..shown
                },
            };
            popup.show(state);
            if !refresh {
                popup.show_result();
            }
        });
    }

    /// Asks again soon, once the tabs have stopped changing.
    pub fn tabs_changed(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        let timeout = Timeout::new(TABS_SETTLE_MS, move || {
            if let Some(popup) = weak.upgrade() {
                Popup::request(&popup, Request::Status);
            }
        });
        // Replacing the pending one cancels it.
        self.settle.replace(Some(timeout));
    }

    /// Looks again every [`REFRESH_MS`] while the popup is open.
    fn refresh_periodically(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        let interval = Interval::new(REFRESH_MS, move || {
            if let Some(popup) = weak.upgrade() {
                Popup::request(&popup, Request::Status);
            }
        });
        self.interval.replace(Some(interval));
    }

    fn by_id(&self, id: &str) -> Option<Element> {
        self.root.query_selector(&["#", id].concat()).ok().flatten()
    }

    fn set_text(&self, id: &str, text: &str) {
        if let Some(e) = self.by_id(id) {
            if e.text_content().as_deref() != Some(text) {
                e.set_text_content(Some(text));
            }
        }
    }

    fn set_flag(&self, id: &str, attribute: &str, on: bool) {
        if let Some(e) = self.by_id(id) {
            let _ = if on {
                e.set_attribute(attribute, "")
            } else {
                e.remove_attribute(attribute)
            };
        }
    }

    fn set_hidden(&self, id: &str, hidden: bool) {
        self.set_flag(id, "hidden", hidden);
    }

    fn document(&self) -> Result<&Document, JsValue> {
        self.doc.as_ref().ok_or(JsValue::NULL)
    }

    fn el(&self, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
        let e = self.document()?.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Ok(e)
    }

    fn button(&self, id: &str, label: &str, request: &Request) -> Result<Element, JsValue> {
        let b = self.el("button", "", label)?;
        if !id.is_empty() {
            b.set_id(id);
        }
        b.set_attribute("type", "button")?;
        b.set_attribute("data-request", &request_attr(request))?;
        Ok(b)
    }

    /// Replaces the children of `#id` with `items`, keeping the focus on the element of the same id.
    fn replace_children(&self, id: &str, items: Vec<Element>) -> Result<(), JsValue> {
        let Some(list) = self.by_id(id) else {
            return Ok(());
        };
        let focused = self.focused_id();
        list.set_text_content(None);
        for item in items {
            list.append_child(&item)?;
        }
        self.refocus(focused);
        Ok(())
    }

    /// The id of the element that has the focus, if it is in the popup and has one.
    fn focused_id(&self) -> Option<String> {
        self.doc
            .as_ref()
            .and_then(Document::active_element)
            .filter(|a| self.root.contains(Some(a)))
            .map(|a| a.id())
            .filter(|id| !id.is_empty())
    }

    /// Gives the focus back to the element of that id (rebuilt or moved, it lost it), unless it has it.
    fn refocus(&self, id: Option<String>) {
        let Some(e) = id.and_then(|id| self.by_id(&id)) else {
            return;
        };
        let has_it = self
            .doc
            .as_ref()
            .and_then(Document::active_element)
            .as_ref()
            == Some(&e);
        if let (false, Some(e)) = (has_it, e.dyn_ref::<web_sys::HtmlElement>()) {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = e.focus_with_options(&options);
        }
    }

    /// Updates the shell to show `state`.
    pub fn show(self: &Rc<Self>, state: PopupState) {
        let before = self.shown.borrow().clone();
        if before.as_ref() == Some(&state) {
            return;
        }
        // Rendering only fails if the document refuses to create elements; nothing to show then.
        let rebuilt = self.render(before.as_ref(), &state).unwrap_or(false);
        let first = before.is_none();
        self.shown.replace(Some(state));
        // The popup opens on the current step and follows it: whenever the checklist is rebuilt, and at the
        // first full look after the glance (which may show more above it).
        let looks = self.looks.get().saturating_add(1);
        self.looks.set(looks);
        if rebuilt || looks <= 2 {
            if let Some(step) = self
                .root
                .query_selector("#guide-steps > li.next")
                .ok()
                .flatten()
            {
                scroll_to(&step, web_sys::ScrollLogicalPosition::Nearest);
            }
        }
        if first {
            self.root.remove_attribute("aria-busy").ok();
            self.refresh_periodically();
        }
    }

    /// After an action's answer: the focus goes to the notice (read out by screen readers), in view with the
    /// step after its own (what comes next) as far as both fit; no notice, the focus stays where it is.
    fn show_result(&self) {
        let Some(notice) = &self.notice else { return };
        if notice.text_content().unwrap_or_default().is_empty() || !notice.is_connected() {
            return;
        }
        let after = notice
            .closest("#guide-steps > li")
            .ok()
            .flatten()
            .and_then(|step| step.next_element_sibling());
        if let Some(after) = after {
            scroll_to(&after, web_sys::ScrollLogicalPosition::Nearest);
        }
        scroll_to(notice, web_sys::ScrollLogicalPosition::Nearest);
        if let Some(n) = notice.dyn_ref::<web_sys::HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = n.focus_with_options(&options);
        }
    }

    /// Puts the notice beside the step it answers (see [`NoticeAt`]), or in its place in the shell.
    fn place_notice(&self, state: &PopupState) -> Result<(), JsValue> {
        let Some(notice) = &self.notice else {
            return Ok(());
        };
        let step = match &*self.notice_at.borrow() {
            NoticeAt::Step(step) => Some(step.clone()),
            NoticeAt::Current => state
                .guide
                .iter()
                .find(|s| s.state == StepState::Next)
                .map(|s| step_attr(s.id)),
            NoticeAt::Home => None,
        };
        let li = step.and_then(|step| {
            let selector = ["#guide-steps > li[data-step=\"", &step, "\"]"].concat();
            self.root.query_selector(&selector).ok().flatten()
        });
        match (li, self.by_id("forget")) {
            (Some(li), _) => {
                if notice.parent_element().as_ref() != Some(&li) {
                    li.append_child(notice)?;
                }
            }
            (None, Some(forget)) => {
                if forget.previous_element_sibling().as_ref() != Some(notice) {
                    forget.before_with_node_1(notice)?;
                }
            }
            (None, None) => {}
        }
        Ok(())
    }

    /// Updates the shell; says whether the checklist was rebuilt.
    fn render(&self, before: Option<&PopupState>, state: &PopupState) -> Result<bool, JsValue> {
        let rebuild =
            before.is_none_or(|b| b.guide != state.guide || b.applications != state.applications);
        if rebuild {
            self.render_guide(state)?;
        }
        for role in [Role::Keys, Role::Connection] {
            self.render_tab(before, state, role)?;
        }
        self.set_hidden("capture-anyway", !state.confirm_capture);
        self.set_flag("capture-anyway", "disabled", state.twitter.tab.is_none());
        // Offered as long as the last fill left a field holding another value (also when the popup opens
        // again: the fill's report is kept, and so are the keys while the admin decides).
        let occupied = state
            .fill
            .iter()
            .any(|v| v.outcome == FieldOutcome::Occupied);
        self.set_hidden(
            "replace",
            !(state.confirm_overwrite || occupied && state.captured.is_some()),
        );
        self.set_flag("replace", "disabled", state.auth0.tab.is_none());
        // The form did not say which pair it wants: the admin answers with one of two buttons.
        self.set_hidden("ask-protocol", !state.ask_protocol);
        for id in ["fill-oauth2", "fill-oauth1"] {
            self.set_flag(id, "disabled", state.auth0.tab.is_none());
        }
        self.render_captured(state.captured.as_ref());
        if before.is_none_or(|b| b.fill != state.fill) {
            let items = state
                .fill
                .iter()
                .map(|v| {
                    let class = if v.outcome.holds_value() { "ok" } else { "bad" };
                    self.el("li", class, &self.tr(&outcome_text(v)))
                })
                .collect::<Result<Vec<_>, _>>()?;
            self.replace_children("fill-report", items)?;
            self.set_hidden("fill-report", state.fill.is_empty());
        }
        self.place_notice(state)?;
        if let Some(notice) = &self.notice {
            let (class, text) = match &state.notice {
                Some(n) => (
                    match n.tone {
                        Tone::Info => "notice info",
                        Tone::Success => "notice success",
                        Tone::Error => "notice error",
                    },
                    self.tr(&n.text),
                ),
                None => ("notice", String::new()),
            };
            notice.set_class_name(class);
            if notice.text_content().as_deref() != Some(text.as_str()) {
                notice.set_text_content(Some(&text));
            }
        }
        self.set_hidden("forget", state.captured.is_none());
        self.set_hidden("export-text", state.export.is_none());
        if let Some(e) = &state.export {
            self.set_text("export-management-api", &e.management_api);
            self.set_text("export-terraform", &e.terraform);
            self.set_text("export-deploy-cli", &e.deploy_cli);
        }
        Ok(rebuild)
    }

    /// A tab's section: the tab line, "Go to tab", the candidates, and its action (Capture keys / Fill
    /// Auth0), usable whenever the tab is found and primary only when its step is next.
    fn render_tab(
        &self,
        before: Option<&PopupState>,
        state: &PopupState,
        role: Role,
    ) -> Result<(), JsValue> {
        let s = section(role);
        let slot = slot_of(state, role);
        let line = match (role, &state.auth0_elsewhere) {
            (Role::Connection, Some(elsewhere)) if slot.tab.is_none() => elsewhere.clone(),
            _ => tab_line(slot, s.missing),
        };
        self.set_text(&[s.prefix, "-tab"].concat(), &self.tr(&line));
        if role == Role::Connection {
            self.render_target(slot, state.captured.as_ref());
        }
        let goto = [s.prefix, "-goto"].concat();
        self.set_hidden(&goto, slot.tab.is_none());
        if let (Some(t), Some(b)) = (&slot.tab, self.by_id(&goto)) {
            b.set_attribute("data-request", &request_attr(&Request::GoTo { tab: t.id }))?;
        }
        self.set_flag(s.button, "disabled", slot.tab.is_none());
        let next = state
            .guide
            .iter()
            .find(|step| step.state == StepState::Next)
            .map(|step| step.id);
        if let Some(b) = self.by_id(s.button) {
            let primary = state.guide.is_empty() || next == Some(s.step);
            b.set_class_name(if primary { "" } else { "secondary" });
            let keys = match role {
                Role::Keys => &self.shortcuts.capture,
                Role::Connection => &self.shortcuts.fill,
            };
            if keys.is_empty() {
                b.remove_attribute("aria-keyshortcuts")?;
            } else {
                b.set_attribute("aria-keyshortcuts", keys)?;
            }
            let kbd = [s.button, "-shortcut"].concat();
            self.set_text(&kbd, keys);
            self.set_hidden(&kbd, keys.is_empty());
        }
        let list = [s.prefix, "-choices"].concat();
        self.set_hidden(&list, slot.choices.is_empty());
        // Rebuilt only when it differs (a refresh must not take the focus away).
        if before.is_some_and(|b| slot_of(b, role) == slot) {
            return Ok(());
        }
        let mut items = Vec::new();
        for (i, t) in slot.choices.iter().enumerate() {
            let li = self.el("li", "", "")?;
            // A guess is not in use: the admin's "Use this tab" makes it so.
            let current = !slot.guessed && slot.tab.as_ref().is_some_and(|c| c.id == t.id);
            append(&li, self.el("span", "choice-title", &t.title))?;
            // Dashboard tabs all have one title: the tenant their address names tells them apart.
            let tenant = match role {
                Role::Connection => crate::guide::tenant_in_url(&t.url),
                Role::Keys => None,
            };
            let place = match tenant {
                Some(tenant) => Text::with(
                    "choiceWhereTenant",
                    [tenant.name, tenant.domain, t.window_id.to_string()],
                ),
                None => Text::with("choiceWhere", [t.window_id.to_string(), t.url.href()]),
            };
            append(&li, self.el("span", "choice-where", &self.tr(&place)))?;
            let label = self.t(if current { "choiceInUse" } else { "choiceUse" });
            let b = self.button(
                &[s.prefix, "-choice-", &i.to_string()].concat(),
                &label,
                &Request::Choose { role, tab: t.id },
            )?;
            if current {
                b.set_attribute("disabled", "")?;
            }
            b.set_attribute("aria-label", &[label.as_str(), ": ", &t.title].concat())?;
            li.append_child(&b)?;
            items.push(li);
        }
        if let Some(ul) = self.by_id(&list) {
            ul.set_attribute("aria-label", &self.t(s.choices_label))?;
        }
        self.replace_children(&list, items)
    }

    /// Where Fill Auth0 puts the keys, said before the click: the tenant (from the tab's address) and the
    /// page the keys came from.
    fn render_target(&self, slot: &TabSlot, captured: Option<&CapturedView>) {
        self.set_hidden("fill-target", slot.tab.is_none());
        let text = match (&slot.tenant, captured) {
            (Some(t), Some(c)) => Text::with(
                "fillTargetKeys",
                [t.name.clone(), t.domain.clone(), c.source_title.clone()],
            ),
            (Some(t), None) => Text::with("fillTarget", [t.name.clone(), t.domain.clone()]),
            (None, _) => Text::new("fillTargetUnnamed"),
        };
        self.set_text("fill-target", &self.tr(&text));
    }

    fn render_captured(&self, captured: Option<&CapturedView>) {
        self.set_hidden("captured", captured.is_none());
        self.set_hidden("reveal", captured.is_none());
        self.set_hidden("expiry", captured.is_none());
        if let Some(c) = captured {
            let pairs: Vec<String> = c
                .protocols
                .iter()
                .map(|p| {
                    self.tr(&Text::new(match p {
                        Protocol::OAuth1 => "pairOAuth1",
                        Protocol::OAuth2 => "pairOAuth2",
                    }))
                })
                .collect();
            self.set_text("captured-pair", &pairs.join(" · "));
            self.set_text("captured-key", &c.key);
            self.set_text("captured-secret", &c.secret);
            self.set_text("captured-from", &c.source_title);
            self.set_text("expiry", &self.tr(&expires_text(c.expires_at)));
        }
    }

    /// The checklist: each step's state; why, for the steps that need the admin; the actions of the
    /// steps whose page is open, the next one styled as the primary action.
    /// Each tab's panel goes inside its step (Capture keys in the Keys step, Fill Auth0 in the Fill step),
    /// and stays in `#panels` while the checklist does not show that step.
    fn render_guide(&self, state: &PopupState) -> Result<(), JsValue> {
        self.set_hidden("guide", state.guide.is_empty());
        let focused = self.focused_id();
        let items = state
            .guide
            .iter()
            .map(|step| self.step_item(step, state))
            .collect::<Result<Vec<_>, _>>()?;
        for (role, panel) in [Role::Keys, Role::Connection].iter().zip(&self.panels) {
            let Some(panel) = panel else { continue };
            let step = section(*role).step;
            let home = state
                .guide
                .iter()
                .zip(&items)
                .find(|(s, _)| s.id == step)
                .map(|(_, li)| li.clone())
                .or_else(|| self.by_id("panels"));
            if let Some(home) = home {
                home.append_child(panel)?;
            }
        }
        // The notice moves out of the old list before it is emptied; `render` puts it in its step.
        if let (Some(notice), Some(forget)) = (&self.notice, self.by_id("forget")) {
            if notice.closest("#guide-steps").ok().flatten().is_some() {
                forget.before_with_node_1(notice)?;
            }
        }
        self.replace_children("guide-steps", items)?;
        self.refocus(focused);
        Ok(())
    }

    fn step_item(&self, step: &Step, state: &PopupState) -> Result<Element, JsValue> {
        let (class, word) = match step.state {
            StepState::Done => ("done", "stateDone"),
            StepState::Next => ("next", "stateNext"),
            StepState::Todo => ("todo", "stateTodo"),
            StepState::Blocked => ("blocked", "stateBlocked"),
        };
        let li = self.el("li", class, "")?;
        li.set_attribute("data-step", &step_attr(step.id))?;
        append(&li, self.el("span", "state", &self.t(word)))?;
        append(&li, self.el("span", "title", &self.tr(&step.title)))?;
        // The why of a done step is for assistive technology only: the list stays short.
        let why_text = match &step.problem {
            Some(problem) => [self.tr(problem), self.tr(&step.why)].join(" "),
            None => self.tr(&step.why),
        };
        // "It works!" is the finish: said out loud, not kept for screen readers only.
        let finish = step.id == crate::guide::StepId::Try && step.state == StepState::Done;
        let quiet = !finish && matches!(step.state, StepState::Done | StepState::Todo);
        append(
            &li,
            self.el("span", if quiet { "why quiet" } else { "why" }, &why_text),
        )?;
        // Where the step happens: its tab brought to the front, or its page opened.
        if let Some(place) = &step.place {
            let label = match place {
                crate::flow::Place::Tab { .. } => self.t("goToTab"),
                crate::flow::Place::Open { page, .. } => self.tr(page),
            };
            let request = match place {
                crate::flow::Place::Tab { tab } => Request::GoTo { tab: *tab },
                crate::flow::Place::Open { url, .. } => Request::Open { url: url.clone() },
            };
            let b = self.button(&["go-", &step_attr(step.id)].concat(), &label, &request)?;
            b.set_class_name("link go");
            if let crate::flow::Place::Open { url, .. } = place {
                b.set_attribute("title", url)?;
            }
            li.append_child(&b)?;
        }
        let secondary = step.state != StepState::Next;
        let action = match &step.action {
            Some(GuideAction::EnableApplications) if step.state != StepState::Done => {
                append(&li, self.applications(state))?;
                Some(GuideAction::EnableApplications)
            }
            Some(
                action @ (GuideAction::FillCallback
                | GuideAction::AllowSignIn
                | GuideAction::ChooseWebApp
                | GuideAction::Try),
            ) if step.state != StepState::Done || *action == GuideAction::Try => {
                Some(action.clone())
            }
            _ => None,
        };
        if let Some(action) = action {
            let b = self.button(
                action.element_id(),
                &self.t(action.label_id()),
                &Request::Guide {
                    action: action.clone(),
                    applications: Vec::new(),
                },
            )?;
            if secondary {
                b.set_class_name("secondary");
            }
            if action == GuideAction::Try {
                // popup.js asks the browser, in this click, for the pages where a Try ends.
                b.set_attribute("data-asks-access", "")?;
            }
            li.append_child(&b)?;
        }
        Ok(li)
    }

    /// The Auth0 applications, ticked as the page shows them or as the admin ticked them here.
    fn applications(&self, state: &PopupState) -> Result<Element, JsValue> {
        let ul = self.el("ul", "apps", "")?;
        ul.set_id("applications");
        let ticked = self.ticked.borrow().clone();
        for (i, app) in state.applications.iter().enumerate() {
            let label = self.el("label", "", "")?;
            let input = self.document()?.create_element("input")?;
            input.set_attribute("type", "checkbox")?;
            input.set_id(&["app-", &i.to_string()].concat());
            input.set_attribute("value", &app.name)?;
            if ticked
                .as_ref()
                .map_or(app.enabled, |t| t.contains(&app.name))
            {
                input.set_attribute("checked", "")?;
            }
            label.append_child(&input)?;
            append(&label, self.el("span", "", &app.name))?;
            let item = self.el("li", "", "")?;
            item.append_child(&label)?;
            ul.append_child(&item)?;
        }
        Ok(ul)
    }

    /// The names of the applications ticked in the popup right now.
    fn checked_applications(&self) -> Vec<String> {
        let mut names = Vec::new();
        if let Ok(list) = self.root.query_selector_all("#applications input:checked") {
            for i in 0..list.length() {
                let input = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok());
                if let Some(input) = input {
                    names.push(input.value());
                }
            }
        }
        names
    }
}

/// What `popup.js` holds: the mounted popup, which lives as long as its page.
#[wasm_bindgen]
pub struct PopupHandle(Rc<Popup>);

#[wasm_bindgen]
impl PopupHandle {
    /// A tab opened, closed or changed page: ask again once the changes settle.
    #[wasm_bindgen(js_name = tabsChanged)]
    pub fn tabs_changed(&self) {
        self.0.tabs_changed();
    }
}

/// Entry point of `popup.html`: binds the shell in `root`, talking to the background through `send`,
/// every sentence through `translate` (the browser's i18n). `glance` and `status` answer the requests
/// `popup.js` sent while the core loaded: the state without reading any page (tabs and captured keys as
/// they are, so the buttons are usable at once), then the full one; a glance arriving late is dropped.
#[wasm_bindgen(js_name = startPopup)]
pub fn start_popup(
    root: Element,
    send: js_sys::Function,
    translate: js_sys::Function,
    shortcuts: JsValue,
    glance: JsValue,
    status: JsValue,
) -> PopupHandle {
    let shortcuts: Shortcuts = from_js(shortcuts).unwrap_or_default();
    let popup = Popup::bind(root, send, translate, shortcuts);
    let weak = Rc::downgrade(&popup);
    wasm_bindgen_futures::spawn_local(async move {
        let glance = JsFuture::from(js_sys::Promise::resolve(&glance)).await;
        let Some(popup) = weak.upgrade() else { return };
        let answered = glance
            .ok()
            .filter(|g| {
                g.is_object() && !js_sys::Reflect::has(g, &"refused".into()).unwrap_or(true)
            })
            .and_then(|g| from_js::<PopupState>(g).ok());
        let nothing_shown = popup.shown.borrow().is_none();
        if let (true, Some(state)) = (nothing_shown, answered) {
            popup.show(state);
        }
    });
    Popup::show_answer(&popup, Ok(status), true, 0);
    PopupHandle(popup)
}
