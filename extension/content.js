// KeyBridge content script: describes the page (snapshot) and applies fill plans. It never decides what a
// page is or what a value means; the core in the background does. Small enough to audit in one sitting.
(() => {
  'use strict';
  // The manifest and the background's fallback may both inject this file.
  if (globalThis.__keyBridgeContent) return;
  globalThis.__keyBridgeContent = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const VERSION = 1;
  const MAX_FIELDS = 400;
  const MAX_PAIRS = 400;
  const MAX_LABELS = 8;
  const MAX_TEXT = 512;
  const MAX_PAGE_TEXT = 4096;
  const MAX_HEADINGS = 32;
  // The only origins a plan may land in, checked again here after the background checked the tab (secrets
  // go only to manage.auth0.com: the core plans them nowhere else).
  const FILL_ORIGINS = ['https://manage.auth0.com', 'https://apps.twitter.com', 'https://developer.x.com', 'https://developer.twitter.com', 'https://console.x.com'];

  let last = { id: 0, elements: new Map() };

  const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  const CONTROLS = 'input, textarea, select, button';

  function isVisible(el) {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  }

  function labelsOf(el) {
    const out = [];
    const push = (s) => {
      const t = clean(s);
      if (t && !out.includes(t) && out.length < MAX_LABELS) out.push(t);
    };
    if (el.tagName === 'BUTTON') push(el.textContent);
    for (const label of el.labels ?? []) push(label.textContent);
    push(el.getAttribute('aria-label'));
    for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
      push(document.getElementById(id)?.textContent);
    }
    push(el.getAttribute('placeholder'));
    // Help texts tied to the field: where a form says which pair it wants ("the OAuth 2.0 Client ID").
    for (const id of (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)) {
      push(document.getElementById(id)?.textContent);
    }
    // A label-like element just before the field or one of its near wrappers.
    for (let node = el, depth = 0; node && depth < 3; node = node.parentElement, depth++) {
      const prev = node.previousElementSibling;
      if (prev && !prev.querySelector(CONTROLS)) {
        // A short text only: a whole navigation block before the field is not its label.
        if (prev.textContent.length <= 120) push(prev.textContent);
        break;
      }
    }
    return out;
  }

  // Without `secrets`, a value that could be a key or token (one long run of key characters) is blanked:
  // observing a page for the checklist never carries a credential the admin did not capture.
  const CREDENTIAL = /^[A-Za-z0-9%_+/=-]{16,}$/;
  let redact = false;
  const shown = (value) => (redact && CREDENTIAL.test(value) ? '' : value);

  function describeField(el, id, modal) {
    const password = el.type === 'password';
    return {
      id,
      tag: el.tagName.toLowerCase(),
      type: el.tagName === 'INPUT' ? el.type : '',
      name: clean(el.getAttribute('name')),
      htmlId: clean(el.id),
      role: clean(el.getAttribute('role')),
      labels: labelsOf(el),
      // A password field's value never leaves the page; only whether it holds one.
      value: password ? '' : shown(String(el.value ?? '').slice(0, MAX_TEXT)),
      hasValue: String(el.value ?? '') !== '',
      visible: isVisible(el),
      readonly: Boolean(el.readOnly),
      disabled: Boolean(el.disabled),
      checked: Boolean(el.checked),
      modal,
    };
  }

  // The topmost open modal dialog (a key shown once, settings over a list): what the admin looks at.
  function openDialog() {
    const open = [...document.querySelectorAll('dialog[open], [role="dialog"], [role="alertdialog"]')]
      .filter((d) => (d.tagName === 'DIALOG' || d.getAttribute('aria-modal') === 'true') && isVisible(d));
    return open[open.length - 1] ?? null;
  }

  // A read-only "label → value" display: two leaf children (besides buttons such as "Copy"), the first short.
  const DECORATION = new Set(['BUTTON', 'svg', 'SVG', 'IMG', 'I']);
  function pairOf(el) {
    const count = el.childElementCount;
    if (count < 2 || count > 4) return null;
    let a = null;
    let b = null;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (DECORATION.has(c.tagName)) continue;
      if (c.childElementCount) return null;
      if (!a) a = c;
      else if (!b) b = c;
      else return null;
    }
    if (!b || el.querySelector('input, textarea, select')) return null;
    const label = clean(a.textContent);
    const value = clean(b.textContent);
    if (!label || !value || label.length > 80) return null;
    return { label, value };
  }

  // The page's first words, up to MAX_PAGE_TEXT: error pages say what is wrong in prose.
  function pageText(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n && text.length < MAX_PAGE_TEXT; n = walker.nextNode()) {
      const parent = n.parentElement?.tagName;
      if (parent !== 'SCRIPT' && parent !== 'STYLE') text += ` ${n.data}`;
    }
    return text.replace(/\s+/g, ' ').trim().slice(0, MAX_PAGE_TEXT);
  }

  // `withText`: only the pages whose facts are in their prose ask for it (a second walk over the page).
  function snapshot(withText, secrets) {
    redact = !secrets;
    const id = last.id + 1;
    const dialog = openDialog();
    const modalHeadings = [];
    const elements = new Map();
    const fields = [];
    const pairs = [];
    let truncated = false;
    let section = '';
    const headings = [];
    const root = document.body ?? document.documentElement;
    // One pass over a live collection: cheaper than a TreeWalker on large pages.
    const all = root.getElementsByTagName('*');
    for (let i = 0, n = all.length; i < n; i++) {
      const el = all[i];
      switch (el.tagName) {
        case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6':
          section = clean(el.textContent);
          // What the page says it is about (an Auth0 connection names its provider only here).
          if (headings.length < MAX_HEADINGS) { if (section) headings.push(section); } else truncated = true;
          if (section && dialog?.contains(el) && modalHeadings.length < MAX_HEADINGS) modalHeadings.push(section);
          break;
        case 'IMG': {
          const alt = clean(el.getAttribute('alt'));
          if (!alt) break;
          if (headings.length < MAX_HEADINGS) headings.push(alt); else truncated = true;
          if (dialog?.contains(el) && modalHeadings.length < MAX_HEADINGS) modalHeadings.push(alt);
          break;
        }
        case 'INPUT': case 'TEXTAREA': case 'SELECT': case 'BUTTON': {
          if (el.type === 'hidden') break;
          if (fields.length >= MAX_FIELDS) { truncated = true; break; }
          const fieldId = fields.length + 1;
          elements.set(fieldId, el);
          fields.push(describeField(el, fieldId, Boolean(dialog?.contains(el))));
          break;
        }
        case 'DT': {
          const dd = el.nextElementSibling;
          if (dd?.tagName !== 'DD') break;
          if (pairs.length >= MAX_PAIRS) { truncated = true; break; }
          const label = clean(el.textContent);
          const value = shown(clean(dd.textContent));
          if (label && value) pairs.push({ label, value, section, modal: Boolean(dialog?.contains(el)) });
          break;
        }
        case 'DIV': case 'LI': case 'TR': case 'P': {
          const pair = pairOf(el);
          if (!pair) break;
          if (pairs.length >= MAX_PAIRS) { truncated = true; break; }
          pairs.push({ label: pair.label, value: shown(pair.value), section, modal: Boolean(dialog?.contains(el)) });
          break;
        }
        default:
      }
    }
    last = { id, elements };
    return {
      version: VERSION,
      snapshotId: id,
      url: { origin: location.origin, path: location.pathname, hash: location.hash },
      topFrame: window.top === window,
      title: clean(document.title),
      headings,
      modalHeadings,
      fields,
      pairs,
      text: withText ? pageText(root) : '',
      truncated,
    };
  }

  // Sets a value the way typing would, so frameworks that track the native setter (React) see it.
  function setValue(el, value) {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    el.focus();
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    // No `data`: the value is never copied into an event a page script could read from elsewhere.
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    el.blur();
  }

  async function apply(plan) {
    const refuse = (why) => ({ snapshotId: plan?.snapshotId ?? 0, results: [], refused: why });
    if (window.top !== window) return refuse('not-top-frame');
    if (!FILL_ORIGINS.includes(location.origin) || plan?.origin !== location.origin) return refuse('wrong-origin');
    if (plan.snapshotId !== last.id) return refuse('stale');
    const results = [];
    const done = [];
    for (const action of plan.actions ?? []) {
      const el = last.elements.get(action.field);
      const op = action.op;
      if (!el || !el.isConnected) results.push({ field: action.field, outcome: 'missing' });
      else if (op === 'click') {
        el.click();
        results.push({ field: action.field, outcome: 'filled' });
      } else if (op === 'focus') {
        el.scrollIntoView({ block: 'center' });
        el.focus();
        results.push({ field: action.field, outcome: 'filled' });
      } else if (op && 'check' in op) {
        if (el.checked === op.check) results.push({ field: action.field, outcome: 'unchanged' });
        else {
          el.click(); // as the admin would: the page's own handlers see a real click
          done.push([action.field, el, () => el.checked === op.check]);
        }
      } else if (op && 'set' in op) {
        if (el.value === op.set) results.push({ field: action.field, outcome: 'unchanged' });
        else if (el.value !== '' && !plan.overwrite) results.push({ field: action.field, outcome: 'occupied' });
        else {
          setValue(el, op.set);
          done.push([action.field, el, () => el.value === op.set]);
        }
      }
    }
    // Let the page's framework re-render before reading back: a refused value shows up as a reset.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The elements acted on, not looked up again: a snapshot taken meanwhile replaces `last`.
    for (const [field, el, holds] of done) {
      results.push({ field, outcome: el.isConnected && holds() ? 'filled' : 'rejected' });
    }
    return { snapshotId: plan.snapshotId, results, refused: null };
  }

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only KeyBridge's own background (never a tab) may ask.
    if (sender.id !== api.runtime.id || sender.tab) return false;
    if (message?.kind === 'snapshot') {
      sendResponse(snapshot(message.text === true, message.secrets === true));
      return false;
    }
    if (message?.kind === 'apply') {
      apply(message.plan).then(sendResponse);
      return true;
    }
    return false;
  });
})();
