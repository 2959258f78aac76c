//! The admin's console: renders the flow's state and turns clicks into requests.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

use crate::flow::{Notice, PopupState, Request, TabSlot, Tone};
use crate::page::FieldOutcome;

/// The popup: a root element, the function that reaches the background, and the live listeners.
pub struct Popup {
    root: Element,
    send: js_sys::Function,
    listeners: RefCell<Vec<EventListener>>,
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

fn tab_line(slot: &TabSlot, missing: &str) -> String {
    match &slot.tab {
        Some(t) if slot.candidates > 1 => format!(
            "Using “{}” (the most recent of {} open tabs).",
            t.title, slot.candidates
        ),
        Some(t) => format!("Found “{}”.", t.title),
        None => missing.to_string(),
    }
}

fn outcome_text(o: FieldOutcome) -> &'static str {
    match o {
        FieldOutcome::Filled => "filled and read back from the page",
        FieldOutcome::Unchanged => "already held this value (read back)",
        FieldOutcome::Occupied => "holds a different value: not replaced",
        FieldOutcome::Rejected => "the page did not keep the value",
        FieldOutcome::Missing => "the field disappeared from the page",
    }
}

impl Popup {
    /// Mounts the popup in `root`; `send(request)` returns a Promise of the next state.
    pub fn mount(root: Element, send: js_sys::Function) -> Rc<Popup> {
        let popup = Rc::new(Popup {
            root,
            send,
            listeners: RefCell::new(Vec::new()),
        });
        popup.show(&PopupState::default());
        Popup::request(&popup, Request::Status);
        popup
    }

    /// Sends a request to the background and shows the state it answers with.
    pub fn request(this: &Rc<Popup>, request: Request) {
        let weak = Rc::downgrade(this);
        let Ok(message) = request.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        else {
            return;
        };
        let promise = this.send.call1(&JsValue::NULL, &message);
        wasm_bindgen_futures::spawn_local(async move {
            let answer = match promise {
                Ok(p) => JsFuture::from(js_sys::Promise::resolve(&p)).await,
                Err(e) => Err(e),
            };
            let Some(popup) = weak.upgrade() else { return };
            let state = match answer.map(serde_wasm_bindgen::from_value::<PopupState>) {
                Ok(Ok(state)) => state,
                _ => PopupState {
                    notice: Some(Notice::error(
                        "KeyBridge's background did not answer. Close the popup and open it again.",
                    )),
                    ..PopupState::default()
                },
            };
            popup.show(&state);
        });
    }

    /// Renders `state`, replacing what was shown.
    pub fn show(self: &Rc<Self>, state: &PopupState) {
        // Rendering only fails if the document refuses to create elements; nothing to show then.
        let _ = self.render(state);
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
        let listener = EventListener::new(&b, "click", move |_| {
            if let Some(popup) = weak.upgrade() {
                Popup::request(&popup, request.clone());
            }
        });
        self.listeners.borrow_mut().push(listener);
        Ok(b)
    }

    fn render(self: &Rc<Self>, state: &PopupState) -> Result<(), JsValue> {
        let doc = self.root.owner_document().ok_or(JsValue::NULL)?;
        self.listeners.borrow_mut().clear();
        self.root.set_text_content(None);

        let header = el(&doc, "header", "", "")?;
        add(&header, el(&doc, "h1", "", "KeyBridge")?)?;
        add(
            &header,
            el(
                &doc,
                "p",
                "lede",
                "Carries your Twitter app's consumer keys into Auth0's Twitter connection.",
            )?,
        )?;
        self.root.append_child(&header)?;

        let twitter = el(&doc, "section", "step", "")?;
        twitter.set_id("twitter-step");
        add(&twitter, el(&doc, "h2", "", "1. Twitter keys")?)?;
        add(
            &twitter,
            el(
                &doc,
                "p",
                "tab",
                &tab_line(&state.twitter, "No Twitter keys tab is open."),
            )?,
        )?;
        add(
            &twitter,
            self.button(
                &doc,
                "capture",
                "Capture keys",
                state.twitter.tab.is_some(),
                Request::Capture,
            )?,
        )?;
        if let Some(c) = &state.captured {
            let dl = el(&doc, "dl", "captured", "")?;
            dl.set_id("captured");
            for (term, value) in [
                ("Consumer Key", c.key.as_str()),
                ("Consumer Secret", c.secret.as_str()),
                ("From", c.source_title.as_str()),
            ] {
                add(&dl, el(&doc, "dt", "", term)?)?;
                add(&dl, el(&doc, "dd", "", value)?)?;
            }
            twitter.append_child(&dl)?;
        }
        self.root.append_child(&twitter)?;

        let auth0 = el(&doc, "section", "step", "")?;
        auth0.set_id("auth0-step");
        add(&auth0, el(&doc, "h2", "", "2. Auth0 connection")?)?;
        add(
            &auth0,
            el(
                &doc,
                "p",
                "tab",
                &tab_line(&state.auth0, "No Auth0 Twitter connection tab is open."),
            )?,
        )?;
        add(
            &auth0,
            self.button(
                &doc,
                "fill",
                "Fill Auth0",
                state.auth0.tab.is_some(),
                Request::Fill { overwrite: false },
            )?,
        )?;
        if state.confirm_overwrite {
            add(
                &auth0,
                self.button(
                    &doc,
                    "replace",
                    "Replace in Auth0",
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
                li.set_text_content(Some(&format!(
                    "{}: {}",
                    v.part.label(),
                    outcome_text(v.outcome)
                )));
                ul.append_child(&li)?;
            }
            auth0.append_child(&ul)?;
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
            notice.set_text_content(Some(&n.text));
        }
        self.root.append_child(&notice)?;

        if state.captured.is_some() {
            add(
                &self.root,
                self.button(&doc, "forget", "Forget keys", true, Request::Forget)?,
            )?;
        }
        Ok(())
    }
}

thread_local! {
    static MOUNTED: RefCell<Option<Rc<Popup>>> = const { RefCell::new(None) };
}

/// Entry point of `popup.html`: renders into `root`, talking to the background through `send`.
#[wasm_bindgen(js_name = startPopup)]
pub fn start_popup(root: Element, send: js_sys::Function) {
    let popup = Popup::mount(root, send);
    MOUNTED.with(|m| *m.borrow_mut() = Some(popup));
}
