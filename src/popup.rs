//! The admin's console: renders the flow's state and turns clicks into requests.

use crate::prelude::*;

use alloc::rc::{Rc, Weak};
use core::cell::RefCell;

use crate::js::Js;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

use crate::flow::{Notice, PopupState, Request, Role, TabSlot, Tone};
use crate::guide::{GuideAction, StepId, StepState};
use crate::page::{FieldOutcome, FieldVerdict};
use crate::text::Text;

/// The popup: a root element, the function that reaches the background, the live listeners, and the
/// last notice (a refresh after a tab change keeps it).
pub struct Popup {
    root: Element,
    send: js_sys::Function,
    listeners: RefCell<Vec<Listener>>,
    notice: RefCell<Option<Notice>>,
    /// What is shown, so an identical refresh does not re-render (and lose focus or ticks).
    shown: RefCell<Option<PopupState>>,
    /// The applications the admin ticked in the popup, kept across refreshes.
    ticked: RefCell<Option<Vec<String>>>,
    /// The keyboard shortcuts of Capture keys and Fill Auth0, as the browser reports them.
    shortcuts: Shortcuts,
    /// `translate(id, args)`: the browser's i18n (`getMessage`); every sentence the admin reads comes from it.
    translate: js_sys::Function,
}

/// Keyboard shortcuts (the `commands` API); empty when the admin unassigned one.
#[derive(Debug, Clone, Default)]
pub struct Shortcuts {
    pub capture: String,
    pub fill: String,
}

crate::js_struct!(default Shortcuts { capture: "capture", fill: "fill" });

/// An event listener, removed when dropped (as gloo-events does; gloo needs std, the shipped wasm has none).
struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    callback: Closure<dyn FnMut(&web_sys::Event)>,
}

impl Listener {
    fn new(
        target: &Element,
        event: &'static str,
        f: impl FnMut(&web_sys::Event) + 'static,
    ) -> Self {
        let callback = Closure::wrap(Box::new(f) as Box<dyn FnMut(&web_sys::Event)>);
        let target: web_sys::EventTarget = target.clone().into();
        // Adding can only fail for a callback that is not a function; this one is.
        let _ = target.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        Listener {
            target,
            event,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}

fn el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

/// Appends `child` to `parent`.
fn add(parent: &Element, child: Element) -> Result<(), JsValue> {
    parent.append_child(&child)?;
    Ok(())
}

fn tab_line(slot: &TabSlot, missing: &str) -> Text {
    let count = || Text::number(slot.choices.len() as i64);
    match &slot.tab {
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

/// "in 9 min" until `expires_at` (ms since the epoch).
fn expires_text(expires_at: f64) -> Text {
    // Whole minutes, rounded up, in integers (both times are whole milliseconds): no float formatting.
    let ms = (expires_at - js_sys::Date::now()).max(0.0) as u64;
    let minutes = ms.div_ceil(60_000);
    Text::with("expiresIn", [Text::number(minutes as i64)])
}

fn outcome_text(v: &FieldVerdict) -> Text {
    let id = match v.outcome {
        FieldOutcome::Filled => "outcomeFilled",
        FieldOutcome::Unchanged => "outcomeUnchanged",
        FieldOutcome::Occupied => "outcomeOccupied",
        FieldOutcome::Rejected => "outcomeRejected",
        FieldOutcome::Missing => "outcomeMissing",
    };
    Text::with(id, [v.target.label()])
}

impl Popup {
    /// Mounts the popup in `root`; `send(request)` returns a Promise of the next state.
    pub fn mount(root: Element, send: js_sys::Function, translate: js_sys::Function) -> Rc<Popup> {
        Popup::mount_with(root, send, translate, Shortcuts::default())
    }

    /// Mounts the popup, showing the keyboard shortcuts beside their buttons.
    pub fn mount_with(
        root: Element,
        send: js_sys::Function,
        translate: js_sys::Function,
        shortcuts: Shortcuts,
    ) -> Rc<Popup> {
        let popup = Rc::new(Popup {
            root,
            send,
            listeners: RefCell::new(Vec::new()),
            notice: RefCell::new(None),
            shown: RefCell::new(None),
            ticked: RefCell::new(None),
            shortcuts,
            translate,
        });
        popup.show(PopupState::default());
        Popup::request(&popup, Request::Status);
        popup
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

    /// The message `id`, without arguments.
    fn t(&self, id: &str) -> String {
        self.tr(&Text::new(id))
    }

    /// Sends a request to the background and shows the state it answers with.
    pub fn request(this: &Rc<Popup>, request: Request) {
        let weak = Rc::downgrade(this);
        let refresh = request == Request::Status;
        let promise = this.send.call1(&JsValue::NULL, &request.to_js());
        wasm_bindgen_futures::spawn_local(async move {
            let answer = match promise {
                Ok(p) => JsFuture::from(js_sys::Promise::resolve(&p)).await,
                Err(e) => Err(e),
            };
            let Some(popup) = weak.upgrade() else { return };
            // `{refused: …}`: the background failed; say so rather than show an empty state.
            let refused = |a: &JsValue| !crate::js::get(a, "refused").is_undefined();
            let answered = answer.ok().filter(|a| !refused(a));
            let state = match answered.and_then(|a| PopupState::from_js(&a)) {
                // A refresh keeps what the admin's last action showed (its notice, the export).
                Some(state) if refresh => {
                    let shown = popup.shown.borrow();
                    PopupState {
                        notice: state.notice.or_else(|| popup.notice.borrow().clone()),
                        export: shown.as_ref().and_then(|s| s.export.clone()),
                        confirm_overwrite: shown.as_ref().is_some_and(|s| s.confirm_overwrite),
                        confirm_capture: shown.as_ref().is_some_and(|s| s.confirm_capture),
                        ..state
                    }
                }
                Some(state) => state,
                // What was shown stays (its tabs, so the buttons stay usable), with what went wrong.
                None => PopupState {
                    notice: Some(Notice::failure(Text::new("noticeNoBackground"))),
                    revealed_key: None,
                    ..popup.shown.take().unwrap_or_default()
                },
            };
            popup.show(state);
        });
    }

    /// Renders `state`, replacing what was shown.
    pub fn show(self: &Rc<Self>, state: PopupState) {
        if self.shown.borrow().as_ref() == Some(&state) {
            return;
        }
        self.notice.replace(state.notice.clone());
        // Rendering only fails if the document refuses to create elements; nothing to show then.
        let _ = self.render(&state);
        self.shown.replace(Some(state));
    }

    fn button(
        self: &Rc<Self>,
        doc: &Document,
        id: &str,
        label: &str,
        enabled: bool,
        request: Request,
    ) -> Result<Element, JsValue> {
        let b = el(doc, "button", "", label)?;
        b.set_id(id);
        b.set_attribute("type", "button")?;
        if !enabled {
            b.set_attribute("disabled", "")?;
        }
        let weak: Weak<Popup> = Rc::downgrade(self);
        let listener = Listener::new(&b, "click", move |_| {
            if let Some(popup) = weak.upgrade() {
                Popup::request(&popup, request.clone());
            }
        });
        self.listeners.borrow_mut().push(listener);
        Ok(b)
    }

    /// The checklist: each step's state; why, for the steps that need the admin; the actions of the
    /// steps whose page is open, the next one styled as the primary action.
    fn guide(self: &Rc<Self>, doc: &Document, state: &PopupState) -> Result<Element, JsValue> {
        let section = el(doc, "section", "guide", "")?;
        section.set_id("guide");
        add(&section, el(doc, "h2", "", &self.t("guideTitle"))?)?;
        let ol = el(doc, "ol", "", "")?;
        for step in &state.guide {
            let (class, word) = match step.state {
                StepState::Done => ("done", "stateDone"),
                StepState::Next => ("next", "stateNext"),
                StepState::Todo => ("todo", "stateTodo"),
                StepState::Blocked => ("blocked", "stateBlocked"),
            };
            let li = el(doc, "li", class, "")?;
            li.set_attribute("data-step", &step.id.name().to_ascii_lowercase())?;
            add(&li, el(doc, "span", "state", &self.t(word))?)?;
            add(&li, el(doc, "span", "title", &self.tr(&step.title))?)?;
            // The why of a done step is in its title attribute: the list stays short.
            let why_text = match &step.problem {
                Some(problem) => [self.tr(problem), self.tr(&step.why)].join(" "),
                None => self.tr(&step.why),
            };
            let why = el(doc, "span", "why", &why_text)?;
            if step.state == StepState::Done || step.state == StepState::Todo {
                why.set_class_name("why quiet");
            }
            add(&li, why)?;
            let secondary = step.state != StepState::Next;
            match &step.action {
                Some(GuideAction::EnableApplications) if step.state != StepState::Done => {
                    let ul = el(doc, "ul", "apps", "")?;
                    ul.set_id("applications");
                    let ticked = self.ticked.borrow().clone();
                    for (i, app) in state.applications.iter().enumerate() {
                        let label = el(doc, "label", "", "")?;
                        let input = doc.create_element("input")?;
                        input.set_attribute("type", "checkbox")?;
                        input.set_id(&["app-", &Text::number(i as i64)].concat());
                        input.set_attribute("value", &app.name)?;
                        if ticked
                            .as_ref()
                            .map_or(app.enabled, |t| t.contains(&app.name))
                        {
                            input.set_attribute("checked", "")?;
                        }
                        let weak: Weak<Popup> = Rc::downgrade(self);
                        self.listeners.borrow_mut().push(Listener::new(
                            &input,
                            "change",
                            move |_| {
                                if let Some(popup) = weak.upgrade() {
                                    popup.ticked.replace(Some(popup.checked_applications()));
                                }
                            },
                        ));
                        add(&label, input)?;
                        add(&label, el(doc, "span", "", &app.name)?)?;
                        let item = el(doc, "li", "", "")?;
                        add(&item, label)?;
                        add(&ul, item)?;
                    }
                    add(&li, ul)?;
                    let b = self.applications_button(doc)?;
                    if secondary {
                        b.set_class_name("secondary");
                    }
                    add(&li, b)?;
                }
                Some(
                    action @ (GuideAction::FillCallback
                    | GuideAction::AllowSignIn
                    | GuideAction::Try),
                ) if step.state != StepState::Done || *action == GuideAction::Try => {
                    let request = Request::Guide {
                        action: action.clone(),
                        applications: Vec::new(),
                    };
                    let label = self.t(action.label_id());
                    let b = self.button(doc, action.element_id(), &label, true, request)?;
                    if secondary {
                        b.set_class_name("secondary");
                    }
                    add(&li, b)?;
                }
                _ => {}
            }
            add(&ol, li)?;
        }
        add(&section, ol)?;
        Ok(section)
    }

    /// "Hold to reveal": while held (pointer or Space/Enter), the masked Consumer Key shows in full; the
    /// secret is never revealed. The key comes from the background only for that moment.
    fn reveal_button(self: &Rc<Self>, doc: &Document, masked: &str) -> Result<Element, JsValue> {
        let b = el(doc, "button", "reveal", &self.t("revealKey"))?;
        b.set_id("reveal");
        b.set_attribute("type", "button")?;
        let shown = |popup: &Popup, text: &str| {
            if let Ok(Some(dd)) = popup.root.query_selector("#captured dd") {
                dd.set_text_content(Some(text));
            }
        };
        for (event, reveal) in [
            ("pointerdown", true),
            ("keydown", true),
            ("pointerup", false),
            ("pointerleave", false),
            ("keyup", false),
            ("blur", false),
        ] {
            let weak: Weak<Popup> = Rc::downgrade(self);
            let masked = masked.to_string();
            self.listeners
                .borrow_mut()
                .push(Listener::new(&b, event, move |e| {
                    let Some(popup) = weak.upgrade() else { return };
                    let key = js_sys::Reflect::get(e, &"key".into())
                        .ok()
                        .and_then(|k| k.as_string());
                    if event.starts_with("key") && !matches!(key.as_deref(), Some(" " | "Enter")) {
                        return;
                    }
                    if !reveal {
                        shown(&popup, &masked);
                        return;
                    }
                    let message = Request::RevealKey.to_js();
                    let Ok(promise) = popup.send.call1(&JsValue::NULL, &message) else {
                        return;
                    };
                    let weak = Rc::downgrade(&popup);
                    wasm_bindgen_futures::spawn_local(async move {
                        let answer = JsFuture::from(js_sys::Promise::resolve(&promise)).await;
                        let Some(popup) = weak.upgrade() else { return };
                        let key = answer
                            .ok()
                            .and_then(|v| js_sys::Reflect::get(&v, &"revealedKey".into()).ok())
                            .and_then(|k| k.as_string());
                        if let Some(key) = key {
                            shown(&popup, &key);
                        }
                    });
                }));
        }
        Ok(b)
    }

    /// The section of one tab: its title, the tab line (with "Go to tab" and the candidates), its action
    /// button (Capture keys / Fill Auth0, usable whenever the tab is found) and the button's shortcut.
    fn step_section(
        self: &Rc<Self>,
        doc: &Document,
        state: &PopupState,
        role: Role,
        request: Request,
    ) -> Result<Element, JsValue> {
        let (id, title, slot, missing, button, label, shortcut, step) = match role {
            Role::Keys => (
                "twitter-step",
                "sectionTwitter",
                &state.twitter,
                "tabNoTwitter",
                "capture",
                "captureKeys",
                &self.shortcuts.capture,
                StepId::Keys,
            ),
            Role::Connection => (
                "auth0-step",
                "sectionAuth0",
                &state.auth0,
                "tabNoAuth0",
                "fill",
                "fillAuth0",
                &self.shortcuts.fill,
                StepId::Fill,
            ),
        };
        let section = el(doc, "section", "step", "")?;
        section.set_id(id);
        add(&section, el(doc, "h2", "", &self.t(title))?)?;
        self.tab_block(doc, &section, slot, role, missing)?;
        add(
            &section,
            self.button(doc, button, &self.t(label), slot.tab.is_some(), request)?,
        )?;
        self.shortcut(doc, &section, button, shortcut)?;
        self.primary_when(&section, button, state, step)?;
        Ok(section)
    }

    /// One primary action at a time: a step's button looks primary only when the checklist says its step
    /// is next (or when there is no checklist). It stays usable either way.
    fn primary_when(
        &self,
        parent: &Element,
        button: &str,
        state: &PopupState,
        step: StepId,
    ) -> Result<(), JsValue> {
        let next = state
            .guide
            .iter()
            .find(|s| s.state == StepState::Next)
            .map(|s| s.id);
        if !state.guide.is_empty() && next != Some(step) {
            if let Some(b) = parent.query_selector(&["#", button].concat())? {
                b.set_class_name("secondary");
            }
        }
        Ok(())
    }

    /// Shows a button's keyboard shortcut beside it (and tells assistive technology).
    fn shortcut(
        &self,
        doc: &Document,
        parent: &Element,
        button: &str,
        keys: &str,
    ) -> Result<(), JsValue> {
        if keys.is_empty() {
            return Ok(());
        }
        if let Some(b) = parent.query_selector(&["#", button].concat())? {
            b.set_attribute("aria-keyshortcuts", keys)?;
        }
        let kbd = el(doc, "kbd", "shortcut", keys)?;
        kbd.set_attribute("aria-hidden", "true")?;
        add(parent, kbd)
    }

    /// The names of the applications ticked in the popup right now.
    fn checked_applications(&self) -> Vec<String> {
        let mut names = Vec::new();
        if let Ok(list) = self.root.query_selector_all("#applications input:checked") {
            for i in 0..list.length() {
                let value = list
                    .item(i)
                    .and_then(|n| js_sys::Reflect::get(&n, &"value".into()).ok());
                if let Some(name) = value.and_then(|v| v.as_string()) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// "Enable selected applications": sends the names the admin ticked in the list above it.
    fn applications_button(self: &Rc<Self>, doc: &Document) -> Result<Element, JsValue> {
        let b = el(
            doc,
            "button",
            "",
            &self.t(GuideAction::EnableApplications.label_id()),
        )?;
        b.set_id("guide-enable-applications");
        b.set_attribute("type", "button")?;
        let weak: Weak<Popup> = Rc::downgrade(self);
        let listener = Listener::new(&b, "click", move |_| {
            let Some(popup) = weak.upgrade() else { return };
            let names = popup.checked_applications();
            // Sent: the next refresh shows the page's own state again.
            popup.ticked.replace(None);
            Popup::request(
                &popup,
                Request::Guide {
                    action: GuideAction::EnableApplications,
                    applications: names,
                },
            );
        });
        self.listeners.borrow_mut().push(listener);
        Ok(b)
    }

    /// The tab line of one role, "Go to tab", and the list of candidates when there are several.
    fn tab_block(
        self: &Rc<Self>,
        doc: &Document,
        parent: &Element,
        slot: &TabSlot,
        role: Role,
        missing: &str,
    ) -> Result<(), JsValue> {
        let prefix = match role {
            Role::Keys => "twitter",
            Role::Connection => "auth0",
        };
        add(
            parent,
            el(doc, "p", "tab", &self.tr(&tab_line(slot, missing)))?,
        )?;
        if let Some(t) = &slot.tab {
            add(
                parent,
                self.button(
                    doc,
                    &[prefix, "-goto"].concat(),
                    &self.t("goToTab"),
                    true,
                    Request::GoTo { tab: t.id },
                )?,
            )?;
        }
        if slot.choices.is_empty() {
            return Ok(());
        }
        let ul = el(doc, "ul", "choices", "")?;
        ul.set_id(&[prefix, "-choices"].concat());
        ul.set_attribute(
            "aria-label",
            &self.t(if role == Role::Keys {
                "choicesTwitter"
            } else {
                "choicesAuth0"
            }),
        )?;
        for (i, t) in slot.choices.iter().enumerate() {
            let li = el(doc, "li", "", "")?;
            let current = slot.tab.as_ref().is_some_and(|c| c.id == t.id);
            add(&li, el(doc, "span", "choice-title", &t.title)?)?;
            add(
                &li,
                el(
                    doc,
                    "span",
                    "choice-where",
                    &self.tr(&Text::with(
                        "choiceWhere",
                        [Text::number(i64::from(t.window_id)), t.url.href()],
                    )),
                )?,
            )?;
            let label = self.t(if current { "choiceInUse" } else { "choiceUse" });
            let b = self.button(
                doc,
                &[prefix, "-choice-", &Text::number(i as i64)].concat(),
                &label,
                !current,
                Request::Choose { role, tab: t.id },
            )?;
            b.set_attribute("aria-label", &[label.as_str(), ": ", &t.title].concat())?;
            add(&li, b)?;
            ul.append_child(&li)?;
        }
        add(parent, ul)
    }

    fn render(self: &Rc<Self>, state: &PopupState) -> Result<(), JsValue> {
        let doc = self.root.owner_document().ok_or(JsValue::NULL)?;
        self.listeners.borrow_mut().clear();
        self.root.set_text_content(None);

        let header = el(&doc, "header", "", "")?;
        add(&header, el(&doc, "h1", "", &self.t("extName"))?)?;
        add(&header, el(&doc, "p", "lede", &self.t("lede"))?)?;
        self.root.append_child(&header)?;

        if !state.guide.is_empty() {
            add(&self.root, self.guide(&doc, state)?)?;
        }

        let twitter = self.step_section(
            &doc,
            state,
            Role::Keys,
            Request::Capture {
                accept_lookalike: false,
            },
        )?;
        if state.confirm_capture {
            add(
                &twitter,
                self.button(
                    &doc,
                    "capture-anyway",
                    &self.t("captureAnyway"),
                    state.twitter.tab.is_some(),
                    Request::Capture {
                        accept_lookalike: true,
                    },
                )?,
            )?;
        }
        if let Some(c) = &state.captured {
            let dl = el(&doc, "dl", "captured", "")?;
            dl.set_id("captured");
            for (term, value) in [
                ("termKey", c.key.as_str()),
                ("termSecret", c.secret.as_str()),
                ("termFrom", c.source_title.as_str()),
            ] {
                add(&dl, el(&doc, "dt", "", &self.t(term))?)?;
                add(&dl, el(&doc, "dd", "", value)?)?;
            }
            add(&twitter, dl)?;
            add(&twitter, self.reveal_button(&doc, &c.key)?)?;
            let expiry = el(&doc, "p", "expiry", &self.tr(&expires_text(c.expires_at)))?;
            expiry.set_id("expiry");
            add(&twitter, expiry)?;
        }
        self.root.append_child(&twitter)?;

        let auth0 = self.step_section(
            &doc,
            state,
            Role::Connection,
            Request::Fill { overwrite: false },
        )?;
        if state.confirm_overwrite {
            add(
                &auth0,
                self.button(
                    &doc,
                    "replace",
                    &self.t("replaceInAuth0"),
                    state.auth0.tab.is_some(),
                    Request::Fill { overwrite: true },
                )?,
            )?;
        }
        if !state.fill.is_empty() {
            let ul = el(&doc, "ul", "report", "")?;
            ul.set_id("fill-report");
            for v in &state.fill {
                let li = el(
                    &doc,
                    "li",
                    if v.outcome.holds_value() { "ok" } else { "bad" },
                    "",
                )?;
                li.set_text_content(Some(&self.tr(&outcome_text(v))));
                ul.append_child(&li)?;
            }
            add(&auth0, ul)?;
        }
        self.root.append_child(&auth0)?;

        let notice = el(&doc, "p", "notice", "")?;
        notice.set_id("notice");
        notice.set_attribute("role", "status")?;
        if let Some(n) = &state.notice {
            notice.set_class_name(match n.tone {
                Tone::Info => "notice info",
                Tone::Success => "notice success",
                Tone::Error => "notice error",
            });
            notice.set_text_content(Some(&self.tr(&n.text)));
        }
        self.root.append_child(&notice)?;

        if state.captured.is_some() {
            add(
                &self.root,
                self.button(&doc, "forget", &self.t("forgetKeys"), true, Request::Forget)?,
            )?;
        }
        add(
            &self.root,
            self.button(
                &doc,
                "export",
                &self.t("exportConfiguration"),
                true,
                Request::Export,
            )?,
        )?;
        if let Some(e) = &state.export {
            let details = el(&doc, "details", "export", "")?;
            details.set_id("export-text");
            details.set_attribute("open", "")?;
            add(&details, el(&doc, "summary", "", &self.t("exportSummary"))?)?;
            for (title, text) in [
                ("Management API", e.management_api.as_str()),
                ("Terraform", e.terraform.as_str()),
                ("Deploy CLI", e.deploy_cli.as_str()),
            ] {
                add(&details, el(&doc, "h3", "", title)?)?;
                add(&details, el(&doc, "pre", "", text)?)?;
            }
            add(&self.root, details)?;
        }
        Ok(())
    }
}

/// Entry point of `popup.html`: renders into `root`, talking to the background through `send`, every
/// sentence through `translate` (the browser's i18n). Returns `refresh()`, which asks the background for
/// the state again (a tab opened, closed or changed page).
#[wasm_bindgen(js_name = startPopup)]
pub fn start_popup(
    root: Element,
    send: js_sys::Function,
    translate: js_sys::Function,
    shortcuts: JsValue,
) -> js_sys::Function {
    let shortcuts = Shortcuts::from_js(&shortcuts).unwrap_or_default();
    let popup = Popup::mount_with(root, send, translate, shortcuts);
    let refresh = Closure::<dyn Fn()>::new(move || Popup::request(&popup, Request::Status));
    let function: js_sys::Function = refresh.as_ref().unchecked_ref::<js_sys::Function>().clone();
    // The popup lives as long as its page, whether or not the caller keeps `refresh`.
    refresh.forget();
    function
}
