//! The popup in a real headless browser: it renders the state it is given and turns clicks into requests.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use keybridge::flow::{CapturedView, Notice, PopupState, Request, Tab, TabSlot};
use keybridge::guide::{GuideAction, Step, StepId, StepState};
use keybridge::page::{FieldOutcome, FieldVerdict, Target};
use keybridge::popup::Popup;
use keybridge::snapshot::PageUrl;
use keybridge::text::Text;
use keybridge::wire::to_js;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A popup mounted in a fresh element, with a `send` that records requests and answers `next`.
fn mount(next: PopupState) -> (Rc<Popup>, Element, Rc<RefCell<Vec<String>>>) {
    mount_answering(vec![to_js(&next)])
}

/// A fresh copy of the popup's shell in the test page, named as `popup.js` names it.
fn shell_root() -> Element {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = doc.create_element("main").expect("element");
    root.set_inner_html(shell());
    translate_shell(&root);
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

/// A popup whose background answers requests with `answers` in turn, the last one from then on.
fn mount_answering(answers: Vec<JsValue>) -> (Rc<Popup>, Element, Rc<RefCell<Vec<String>>>) {
    let root = shell_root();
    let sent = Rc::new(RefCell::new(Vec::new()));
    let log = sent.clone();
    let send = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |msg: JsValue| {
        let kind = js_sys::Reflect::get(&msg, &"kind".into())
            .ok()
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        log.borrow_mut().push(kind);
        let n = log.borrow().len();
        let answer = answers
            .get(n - 1)
            .or(answers.last())
            .cloned()
            .unwrap_or(JsValue::UNDEFINED);
        js_sys::Promise::resolve(&answer)
    });
    let popup = Popup::mount(
        root.clone(),
        send.as_ref().unchecked_ref::<js_sys::Function>().clone(),
        english(),
    );
    send.forget(); // the test page lives as long as the test
    (popup, root, sent)
}

/// The popup's static shell: what `popup.html` has inside its `<main>`.
fn shell() -> &'static str {
    let html = include_str!("../extension/popup.html");
    let start = html
        .find("<main")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1));
    let end = html.rfind("</main>");
    match (start, end) {
        (Some(start), Some(end)) => &html[start..end],
        _ => panic!("popup.html has no <main>"),
    }
}

/// What `popup.js` does before the core starts: each `data-i18n` element gets its message.
fn translate_shell(root: &Element) {
    let translate = english();
    let list = root.query_selector_all("[data-i18n]").expect("query");
    for i in 0..list.length() {
        let el: Element = list.item(i).expect("item").dyn_into().expect("element");
        let id = el.get_attribute("data-i18n").unwrap_or_default();
        let text = translate
            .call2(&JsValue::NULL, &id.into(), &js_sys::Array::new())
            .expect("translate");
        el.set_text_content(text.as_string().as_deref());
    }
}

/// `chrome.i18n.getMessage` for the test page: the English catalogue the extension ships.
fn english() -> js_sys::Function {
    let catalogue = js_sys::JSON::parse(include_str!("../extension/_locales/en/messages.json"))
        .expect("catalogue");
    let f = Closure::<dyn Fn(String, js_sys::Array) -> String>::new(
        move |id: String, args: js_sys::Array| {
            let entry =
                js_sys::Reflect::get(&catalogue, &id.as_str().into()).unwrap_or(JsValue::UNDEFINED);
            let mut text = js_sys::Reflect::get(&entry, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_default();
            for (i, arg) in args.iter().enumerate() {
                text = text.replace(
                    &format!("$A{}$", i + 1),
                    &arg.as_string().unwrap_or_default(),
                );
            }
            text
        },
    );
    let function = f.as_ref().unchecked_ref::<js_sys::Function>().clone();
    f.forget(); // lives as long as the test page
    function
}

fn a_tab(id: i32, title: &str) -> Tab {
    Tab {
        id,
        window_id: id,
        title: title.into(),
        url: PageUrl {
            origin: "https://apps.twitter.com".into(),
            path: format!("/app/{id}/keys"),
            hash: String::new(),
        },
        last_accessed: 0,
    }
}

fn tab(title: &str) -> TabSlot {
    TabSlot {
        tab: Some(a_tab(1, title)),
        ..TabSlot::default()
    }
}

fn button(root: &Element, id: &str) -> HtmlElement {
    root.query_selector(&format!("#{id}"))
        .ok()
        .flatten()
        .expect(id)
        .dyn_into()
        .expect("html element")
}

async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
    });
    let _ = js_sys::futures::JsFuture::from(p).await;
}

#[wasm_bindgen_test]
async fn asks_for_the_state_on_open_and_keeps_the_buttons_named() {
    let (_popup, root, sent) = mount(PopupState::default());
    settle().await;
    assert_eq!(*sent.borrow(), vec!["status".to_string()]);
    let capture = button(&root, "capture");
    let fill = button(&root, "fill");
    assert_eq!(capture.text_content().as_deref(), Some("Capture keys"));
    assert_eq!(fill.text_content().as_deref(), Some("Fill Auth0"));
    assert!(
        capture.has_attribute("disabled"),
        "no Twitter tab: capture is disabled"
    );
    for nothing_yet in ["captured", "reveal", "forget", "fill-report", "export-text"] {
        assert!(
            button(&root, nothing_yet).has_attribute("hidden"),
            "{nothing_yet} is hidden while there is nothing to show"
        );
    }
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("No Twitter keys tab is open."));
}

#[wasm_bindgen_test]
async fn a_refusal_from_the_background_is_said_not_shown_as_an_empty_state() {
    let refusal = js_sys::JSON::parse(r#"{"refused":"RuntimeError: unreachable"}"#).expect("JSON");
    let shown = PopupState {
        twitter: tab("Keys and Access Tokens"),
        ..PopupState::default()
    };
    let (_popup, root, sent) = mount_answering(vec![to_js(&shown), refusal]);
    settle().await;
    assert!(!button(&root, "capture").has_attribute("disabled"));
    button(&root, "capture").click();
    settle().await;
    assert_eq!(*sent.borrow(), ["status", "capture"]);
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("KeyBridge's background did not answer."));
    // What was shown stays: the tab, so Capture keys stays usable, by its name.
    let capture = button(&root, "capture");
    assert!(!capture.has_attribute("disabled"));
    assert_eq!(capture.text_content().as_deref(), Some("Capture keys"));
    assert_eq!(
        button(&root, "fill").text_content().as_deref(),
        Some("Fill Auth0")
    );
}

#[wasm_bindgen_test]
async fn shows_the_captured_key_masked_and_where_it_came_from() {
    let state = PopupState {
        twitter: tab("Acme Sign-in | Twitter Application Management"),
        auth0: tab("Auth0 Dashboard"),
        captured: Some(CapturedView {
            protocols: vec![keybridge::keys::Protocol::OAuth1],
            key: "abcd••••••••".into(),
            secret: "••••••••••••".into(),
            source_title: "Acme Sign-in | Twitter Application Management".into(),
            source_url: "https://apps.twitter.com/app/1/keys".into(),
            expires_at: js_sys::Date::now() + 9.5 * 60_000.0,
        }),
        ..PopupState::default()
    };
    let (_popup, root, _) = mount(state);
    settle().await;
    let captured = root
        .query_selector("#captured")
        .ok()
        .flatten()
        .expect("captured block");
    let text = captured.text_content().unwrap_or_default();
    assert!(
        text.contains("abcd••••••••") && text.contains("Acme Sign-in"),
        "{text}"
    );
    let expiry = button(&root, "expiry").text_content().unwrap_or_default();
    assert!(expiry.contains("in 10 min"), "{expiry}");
    assert!(!button(&root, "capture").has_attribute("disabled"));
    assert!(!button(&root, "fill").has_attribute("disabled"));
    assert!(!button(&root, "forget").has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn a_click_sends_its_request_and_the_answer_is_rendered() {
    let after = PopupState {
        twitter: tab("Keys"),
        auth0: tab("Auth0"),
        fill: vec![
            FieldVerdict {
                target: Target::ConsumerKey,
                outcome: FieldOutcome::Filled,
                label: String::new(),
            },
            FieldVerdict {
                target: Target::ConsumerSecret,
                outcome: FieldOutcome::Occupied,
                label: String::new(),
            },
        ],
        notice: Some(Notice::info(Text::new("noticeOccupied"))),
        confirm_overwrite: true,
        ..PopupState::default()
    };
    let (_popup, root, sent) = mount(after);
    settle().await;
    button(&root, "fill").click();
    settle().await;
    assert_eq!(
        *sent.borrow(),
        vec!["status".to_string(), "fill".to_string()]
    );
    let report = root
        .query_selector("#fill-report")
        .ok()
        .flatten()
        .expect("report")
        .text_content()
        .unwrap_or_default();
    assert!(
        report.contains("Consumer Key: filled and read back from the page"),
        "{report}"
    );
    assert!(
        report.contains("Consumer Secret: holds a different value: not replaced"),
        "{report}"
    );
    assert_eq!(
        button(&root, "replace").text_content().as_deref(),
        Some("Replace in Auth0")
    );
    assert_eq!(
        button(&root, "notice").text_content().as_deref(),
        Some("Auth0 already holds a different value. Nothing was replaced; click “Replace in Auth0” if the captured keys are the right ones.")
    );
}

#[wasm_bindgen_test]
async fn several_candidate_tabs_are_listed_and_one_can_be_picked() {
    let slot = TabSlot {
        tab: Some(a_tab(1, "Acme Sign-in")),
        choices: vec![a_tab(1, "Acme Sign-in"), a_tab(2, "Other App")],
        ..TabSlot::default()
    };
    let (_popup, root, sent) = mount(PopupState {
        twitter: slot,
        ..PopupState::default()
    });
    settle().await;
    let list = root
        .query_selector("#twitter-choices")
        .ok()
        .flatten()
        .expect("choices")
        .text_content()
        .unwrap_or_default();
    assert!(
        list.contains("Acme Sign-in") && list.contains("Other App") && list.contains("window 2"),
        "{list}"
    );
    assert!(
        button(&root, "twitter-choice-0").has_attribute("disabled"),
        "the tab in use is not offered again"
    );
    button(&root, "twitter-choice-1").click();
    settle().await;
    assert_eq!(sent.borrow().last().map(String::as_str), Some("choose"));
    assert_eq!(
        button(&root, "twitter-goto").text_content().as_deref(),
        Some("Go to tab")
    );
}

/// A stand-in for the browser calls `background.js` lends the core; it records what the core asked for.
fn recording_api(calls: Rc<RefCell<Vec<String>>>) -> JsValue {
    let api = js_sys::Object::new();
    for name in [
        "queryTabs",
        "getTab",
        "focusTab",
        "sendToTab",
        "sessionGet",
        "sessionGetAll",
        "sessionSet",
        "sessionRemove",
        "optionsGet",
        "tryPagesAllowed",
        "scheduleExpiry",
    ] {
        let calls = calls.clone();
        let f = Closure::<dyn Fn() -> js_sys::Promise>::new(move || {
            calls.borrow_mut().push(name.to_string());
            let empty = if name == "queryTabs" {
                js_sys::Array::new().into()
            } else {
                JsValue::UNDEFINED
            };
            js_sys::Promise::resolve(&empty)
        });
        js_sys::Reflect::set(&api, &name.into(), f.as_ref()).expect("set");
        f.forget(); // lives as long as the test page
    }
    api.into()
}

#[wasm_bindgen_test]
async fn the_background_refuses_messages_not_from_its_own_pages() {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let message = to_js(&keybridge::flow::Request::Capture {
        accept_lookalike: false,
    });
    let base = "chrome-extension://abcdefghijklmnop/".to_string();
    for sender in [
        "https://manage.auth0.com/dashboard/us/acme/connections/social",
        "chrome-extension://otherextension/popup.html",
        "",
    ] {
        let api = recording_api(calls.clone()).unchecked_into();
        let answer = keybridge::background::handle_popup_message(
            api,
            message.clone(),
            sender.into(),
            base.clone(),
        )
        .await;
        assert!(answer.is_err(), "a message from {sender:?} was answered");
    }
    assert!(
        calls.borrow().is_empty(),
        "a refused message made the core touch the browser: {:?}",
        calls.borrow()
    );
    let api = recording_api(calls.clone()).unchecked_into();
    let answer = keybridge::background::handle_popup_message(
        api,
        message,
        format!("{base}popup.html"),
        base,
    )
    .await;
    assert!(answer.is_ok());
    assert!(calls.borrow().contains(&"queryTabs".to_string()));
}

#[wasm_bindgen_test]
async fn a_click_waits_for_the_click_before_it_never_for_a_refresh() {
    let root = shell_root();
    // The background holds its answers to a capture, and to refreshes once `hold` is set, until the test
    // releases them.
    let sent = Rc::new(RefCell::new(Vec::<String>::new()));
    let held: Rc<RefCell<Vec<(String, js_sys::Function)>>> = Rc::new(RefCell::new(Vec::new()));
    let hold = Rc::new(std::cell::Cell::new(false));
    let state = to_js(&PopupState {
        twitter: tab("Keys"),
        auth0: tab("Auth0"),
        ..PopupState::default()
    });
    let (log, pending, holding) = (sent.clone(), held.clone(), hold.clone());
    let send = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |msg: JsValue| {
        let kind = js_sys::Reflect::get(&msg, &"kind".into())
            .ok()
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        log.borrow_mut().push(kind.clone());
        if kind == "capture" || (kind == "status" && holding.get()) {
            let pending = pending.clone();
            js_sys::Promise::new(&mut move |resolve, _| {
                pending.borrow_mut().push((kind.clone(), resolve));
            })
        } else {
            js_sys::Promise::resolve(&state)
        }
    });
    let popup = Popup::mount(
        root.clone(),
        send.as_ref().unchecked_ref::<js_sys::Function>().clone(),
        english(),
    );
    send.forget(); // the test page lives as long as the test
    settle().await;
    // A refresh is under way and does not answer: the admin's click goes out all the same.
    hold.set(true);
    Popup::request(&popup, Request::Status);
    button(&root, "capture").click();
    button(&root, "fill").click();
    settle().await;
    assert_eq!(
        *sent.borrow(),
        ["status", "status", "capture"],
        "capture does not wait for the refresh; fill waits for capture"
    );
    let answer = to_js(&PopupState {
        twitter: tab("Keys"),
        auth0: tab("Auth0"),
        ..PopupState::default()
    });
    let capture = held
        .borrow_mut()
        .iter()
        .position(|(kind, _)| kind == "capture")
        .expect("capture sent");
    let (_, resolve) = held.borrow_mut().remove(capture);
    resolve.call1(&JsValue::NULL, &answer).expect("release");
    settle().await;
    assert_eq!(*sent.borrow(), ["status", "status", "capture", "fill"]);
}

#[wasm_bindgen_test]
async fn a_new_state_keeps_the_keyboard_focus_where_the_admin_left_it() {
    let try_step = |state| Step {
        id: StepId::Try,
        title: Text::new("stepTry"),
        state,
        problem: None,
        why: Text::new("whyTry"),
        action: Some(GuideAction::Try),
        place: None,
    };
    let first = PopupState {
        twitter: tab("Keys"),
        guide: vec![try_step(StepState::Todo)],
        ..PopupState::default()
    };
    let (popup, root, _) = mount(first.clone());
    settle().await;
    let focused = || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .map(|e| e.id())
            .unwrap_or_default()
    };
    button(&root, "guide-try-connection")
        .focus()
        .expect("focus");
    assert_eq!(focused(), "guide-try-connection");
    // Another notice: the checklist is not rebuilt, so its button keeps the focus.
    popup.show(PopupState {
        notice: Some(Notice::info(Text::new("noticeForgot"))),
        ..first.clone()
    });
    assert_eq!(focused(), "guide-try-connection");
    // The step itself changed: the list is rebuilt, and the focus returns to the button of the same id.
    popup.show(PopupState {
        guide: vec![try_step(StepState::Next)],
        ..first
    });
    assert!(root
        .query_selector("#guide li.next")
        .ok()
        .flatten()
        .is_some());
    assert_eq!(focused(), "guide-try-connection");
}
