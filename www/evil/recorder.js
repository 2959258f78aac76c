// A hostile page script for the security tests: records everything a page's own scripts can observe
// (events and their data, custom-event details, postMessage, DOM mutations and field values, window.name,
// storage) into window.__keybridgeRecorder, which the tests read. Loaded only by the evil pages and by
// the Auth0 replica in its "hostile" setting.
(() => {
  'use strict';
  const seen = [];
  const note = (kind, value) => {
    let text = '';
    try { text = typeof value === 'string' ? value : JSON.stringify(value) ?? ''; } catch { text = String(value); }
    if (text) seen.push({ kind, text });
  };
  const EVENTS = ['message', 'input', 'beforeinput', 'change', 'keydown', 'keyup', 'keypress', 'paste', 'copy',
    'cut', 'focus', 'blur', 'focusin', 'focusout', 'click', 'submit', 'compositionend', 'textInput',
    'keybridge', 'fill', 'autofill'];
  for (const type of EVENTS) {
    addEventListener(type, (e) => {
      note(`event:${type}`, e.data ?? '');
      if ('detail' in e && e.detail) note(`detail:${type}`, e.detail);
      if (e.clipboardData) note(`clipboard:${type}`, e.clipboardData.getData('text'));
      if (e instanceof MessageEvent) note('postMessage', e.data);
    }, true);
  }
  // Custom events dispatched on any node.
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function recorded(event) {
    if (event instanceof CustomEvent) note(`custom:${event.type}`, event.detail);
    return dispatch.call(this, event);
  };
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes') note(`mutation:attr:${m.attributeName}`, m.target.getAttribute?.(m.attributeName) ?? '');
      else if (m.type === 'characterData') note('mutation:text', m.target.data);
    }
  }).observe(document, { subtree: true, attributes: true, characterData: true, childList: true });
  const poll = () => {
    note('window.name', window.name);
    try { note('localStorage', JSON.stringify({ ...localStorage })); } catch { /* blocked */ }
    try { note('sessionStorage', JSON.stringify({ ...sessionStorage })); } catch { /* blocked */ }
    for (const f of document.querySelectorAll('input, textarea')) note('field', f.value);
  };
  setInterval(poll, 100);
  window.__keybridgeRecorder = () => { poll(); return seen; };
})();
