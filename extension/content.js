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
  const MAX_ALERTS = 4;
  // The only origins a plan may land in, checked again here after the background checked the tab (secrets
  // go only to manage.auth0.com: the core plans them nowhere else).
  const FILL_ORIGINS = ['https://manage.auth0.com', 'https://apps.twitter.com', 'https://developer.x.com', 'https://developer.twitter.com', 'https://console.x.com'];

  let last = { id: 0, elements: new Map(), locators: new Map() };
  // The few latest snapshots: a plan made from one stays good while a look for the checklist takes another.
  const recent = new Map();

  const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);

  // The controls KeyBridge set or ticked (each with what it was for: the plan's target), until the admin
  // saves their form: what they show is not yet what the site holds.
  const touched = new Map();
  // Words of the buttons that save a form, in the languages KeyBridge speaks (a submit button of a <form>
  // counts whatever it says).
  const SAVE = /^(save|save changes|update settings|update|create|submit|speichern|änderungen speichern|einstellungen aktualisieren|aktualisieren|erstellen)$/i;
  let watchingSaves = false;
  // Once KeyBridge has filled something (never before: no listener on a page that was only read), the
  // admin's save makes the controls it covers the site's: the form's own, or, for a form without a <form>
  // element (React), every control KeyBridge changed on the page. The background hears which targets were
  // saved (names only, never a value); whether the site took them, the next look reads (an error message).
  function watchSaves() {
    if (watchingSaves) return;
    watchingSaves = true;
    const saved = (form) => {
      const targets = new Map();
      for (const [el, target] of [...touched]) {
        // A control no longer on the page (a route left, a form replaced) was not saved by this Save.
        if (!el.isConnected || (form && !form.contains(el))) continue;
        touched.delete(el);
        targets.set(JSON.stringify(target), target);
      }
      if (targets.size) Promise.resolve(api.runtime.sendMessage({ kind: 'saved', targets: [...targets.values()] })).catch(() => {});
    };
    // The admin's own saves only (a page script's synthetic click, or KeyBridge's `click()`, is not one).
    document.addEventListener('submit', (event) => { if (event.isTrusted) saved(event.target); }, true);
    document.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      const button = event.target?.closest?.('button, input[type="submit"], [role="button"]');
      if (!button) return;
      // A <form>'s submit button: its submit event says it, once the browser's own checks let it through.
      if (button.form && button.type === 'submit') return;
      if (SAVE.test(clean(button.getAttribute('aria-label') || button.textContent || button.value))) saved(button.closest('form'));
    }, true);
  }

  function isVisible(el) {
    if (!el.getClientRects().length) return false;
    const style = (el.ownerDocument.defaultView ?? window).getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  }

  // The texts of the elements an ARIA attribute points at, in the element's own tree (shadow root, frame).
  function referenced(el, attribute) {
    const root = el.getRootNode();
    return (el.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_LABELS)
      .map((id) => { const t = root.getElementById?.(id); return t ? shortText(t, MAX_TEXT) ?? '' : ''; });
  }

  function labelsOf(el) {
    const out = [];
    const push = (s) => {
      const t = clean(s);
      if (t && !out.includes(t) && out.length < MAX_LABELS) out.push(t);
    };
    if (el.tagName === 'BUTTON') {
      // A button is named by its own text or ARIA, never by what stands before it (an application named
      // "More actions" does not name the Delete button after it).
      push(shortText(el, MAX_TEXT, true));
      push(el.getAttribute('aria-label'));
      for (const t of referenced(el, 'aria-labelledby')) push(t);
      return out;
    }
    for (const label of el.labels ?? []) push(shortText(label, MAX_TEXT));
    push(el.getAttribute('aria-label'));
    for (const t of referenced(el, 'aria-labelledby')) push(t);
    push(textBefore(el, true));
    push(el.getAttribute('placeholder'));
    // Help texts tied to the field: where a form says which pair it wants ("the OAuth 2.0 Client ID").
    for (const t of referenced(el, 'aria-describedby')) push(t);
    return out;
  }

  // Without `secrets`, a value that could be a key or token (one long run of key characters) is blanked:
  // observing a page for the checklist never carries a credential the admin did not capture.
  const CREDENTIAL = /^[A-Za-z0-9%_+/=-]{16,}$/;
  let redact = false;
  // Any run of key characters holding a digit, anywhere in a text (a label that quotes a key, "KEY Copy").
  const KEY_RUN = /(?=[A-Za-z0-9%_+/=-]*\d)[A-Za-z0-9%_+/=-]{16,}/g;
  const scrub = (text) => (redact ? text.replace(KEY_RUN, '') : text);
  const shown = (value) => (redact && CREDENTIAL.test(value) ? '' : scrub(value));
  // When asked (the pages that show keys): the key-like values shown for copying, to fingerprint.
  let prints = null;
  // The first 8 bytes of SHA-256("keybridge:" + value), in hex: tells one key from another, carries neither.
  async function fingerprint(value) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`keybridge:${value}`));
    return [...new Uint8Array(digest, 0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  function describeField(el, id, modal) {
    const password = el.type === 'password';
    return {
      id,
      tag: el.tagName.toLowerCase(),
      // A button's type too: KeyBridge never clicks a submit button.
      type: el.tagName === 'INPUT' || el.tagName === 'BUTTON' ? el.type : '',
      name: clean(el.getAttribute('name')),
      htmlId: clean(el.id),
      autocomplete: clean(el.getAttribute('autocomplete')),
      role: clean(el.getAttribute('role')),
      labels: labelsOf(el).map(scrub),
      // A password field's value never leaves the page; only whether it holds one.
      value: password ? '' : shown(String(el.value ?? '').slice(0, MAX_TEXT)),
      hasValue: String(el.value ?? '') !== '',
      visible: isVisible(el),
      readonly: Boolean(el.readOnly),
      disabled: Boolean(el.disabled),
      checked: Boolean(el.checked),
      edited: touched.has(el),
      modal,
    };
  }

  // The topmost open modal dialog (a key shown once, settings over a list): what the admin looks at.
  function openDialog() {
    const open = [...document.querySelectorAll('dialog[open], [role="dialog"], [role="alertdialog"]')]
      .filter((d) => (d.tagName === 'DIALOG' ? d.matches(':modal') : d.getAttribute('aria-modal') === 'true') && isVisible(d));
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

  // A value shown for copying (a key, a secret, a token, or its masked form): one run of key characters,
  // once whitespace and zero-width characters are gone. The core decides what it is; this only finds it.
  const TOKEN = /^[A-Za-z0-9%_+/=\-•*●·…]+$/;
  const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
  // The same test on the raw text (whitespace around, zero-width inside), so most texts fail without a copy.
  const MAYBE_TOKEN = /^\s*[A-Za-z0-9%_+/=\-•*●·…\u200B-\u200D\u2060\uFEFF]+\s*$/;
  const tokenOf = (text) => {
    if (!MAYBE_TOKEN.test(text)) return null;
    const t = text.replace(ZERO_WIDTH, '').trim();
    const min = /[•*●·…]/.test(t) ? 8 : 16;
    return t.length >= min && t.length <= 256 && TOKEN.test(t) ? t : null;
  };
  const FORM_CONTROLS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
  const SKIP = new Set(['BUTTON', 'SCRIPT', 'STYLE', 'TEMPLATE', 'svg', 'SVG', 'SELECT', 'TEXTAREA', 'INPUT']);
  const skipped = (el) => SKIP.has(el.tagName) || el.getAttribute('role') === 'button' || el.getAttribute('aria-hidden') === 'true';

  // The text of a small subtree without its buttons and icons; `null` when the subtree is not small (a
  // bounded walk: every call costs at most 64 nodes, so the snapshot stays linear in the page), or, with
  // `stopAtControls`, when it holds a form control. `own`: read `node` itself even if it is a button.
  function shortText(node, max = 120, own = false, stopAtControls = false) {
    let text = '';
    let budget = 64;
    const stack = [node];
    while (stack.length) {
      const n = stack.pop();
      if (--budget < 0) return null;
      if (n.nodeType === Node.TEXT_NODE) {
        text += n.data;
        if (text.length > max * 2) return null;
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        if (stopAtControls && FORM_CONTROLS.has(n.tagName)) return null;
        if (n !== node && skipped(n)) continue;
        if (n === node && !own && skipped(n)) continue;
        for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
      }
    }
    return text.replace(/\s+/g, ' ').trim();
  }

  // The nearest short text before `el` or one of its wrappers (up to seven levels up, four siblings each),
  // skipping buttons and icons: a label row with a Copy button, a bare <label> above nested wrappers, the
  // cell before a value. A field's label is never looked for across another control; a value's never taken
  // from another value, and may be its table column's header.
  function textBefore(el, field) {
    for (let node = el, depth = 0; node && depth < 7; node = node.parentElement, depth++) {
      let steps = 0;
      for (let sib = node.previousSibling; sib && steps < 4; sib = sib.previousSibling, steps++) {
        if (sib.nodeType === Node.ELEMENT_NODE && skipped(sib)) {
          if (field && FORM_CONTROLS.has(sib.tagName)) return '';
          continue;
        }
        const t = sib.nodeType === Node.TEXT_NODE ? sib.data.trim() : shortText(sib, 120, false, field);
        if (t === null) {
          if (field) return ''; // another control, or a large block
          break;
        }
        if (!t) continue;
        // A short text only: a whole navigation block is no label.
        if (field) return t.length <= 120 ? t : '';
        if (tokenOf(t) || t.length > 80) break;
        return t;
      }
      if (!field && (node.tagName === 'TD' || node.tagName === 'TH')) {
        const table = node.closest('table');
        const head = table?.tHead?.rows[0] ?? (table?.rows[0]?.querySelector('th') ? table.rows[0] : null);
        const cell = head && head !== node.parentElement ? head.cells[node.cellIndex] : null;
        const t = cell ? shortText(cell) : null;
        if (t && t.length <= 80 && !tokenOf(t)) return t;
      }
    }
    return '';
  }

  // The label of a value: what ARIA names it by, else the nearest short text before it (`textBefore`).
  function labelOfValue(el) {
    const named = clean(referenced(el, 'aria-labelledby').join(' ') || el.getAttribute('aria-label'));
    if (named && named.length <= 80) return named;
    const before = textBefore(el, false);
    if (before) return clean(before);
    // A help text tied to it, last: a visible label says what a value is better than a hint about it.
    const described = clean(referenced(el, 'aria-describedby').join(' '));
    return described.length <= 80 ? described : '';
  }

  // The value an element shows, when it shows one: a leaf's text (one run of key characters), or a few
  // short pieces (a value split across spans for display), read once from their parent. Most elements
  // leave at the first test, so the snapshot stays linear and cheap.
  let parentDone = null;
  const PIECE = /^\s*(?=\S*[0-9•*])[A-Za-z0-9%_+/=\-•*]{1,15}\s*$/;
  function valueOf(el) {
    if (el.firstElementChild !== null) return null;
    const only = el.firstChild;
    if (only === null) return null;
    const single = only.nextSibling === null;
    const length = single ? only.length : el.textContent.length;
    if (length > 600) return null;
    const text = single ? only.data : el.textContent;
    if (length >= 8) {
      const token = tokenOf(text);
      return token && !skipped(el) ? { el, value: token } : null;
    }
    const parent = el.parentElement;
    if (parent === parentDone || parent === null || !PIECE.test(text)) return null;
    parentDone = parent;
    if (parent.childElementCount > 16) return null;
    let pieces = 0;
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
      if (skipped(c)) continue;
      if (c.firstElementChild || c.textContent.length >= 24) return null;
      pieces++;
    }
    const whole = pieces >= 2 ? shortText(parent, 300) : null;
    const joined = whole === null ? null : tokenOf(whole.replace(/\s+/g, ''));
    return joined && /[0-9•*]/.test(joined) && !skipped(parent) ? { el: parent, value: joined } : null;
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
  // `deep`: an action's snapshot (capture, a fill, a guide step) also looks for the open dialog and into open
  // shadow roots and same-origin frames; the checklist's frequent looks skip those scans.
  function snapshot(withText, secrets, deep, fingerprints = false) {
    redact = !secrets;
    prints = fingerprints ? [] : null;
    parentDone = null;
    const id = last.id + 1;
    const dialog = deep ? openDialog() : null;
    const modalHeadings = [];
    const elements = new Map();
    const locators = new Map();
    const fields = [];
    const pairs = [];
    let truncated = false;
    let section = '';
    const headings = [];
    const root = document.body ?? document.documentElement;
    const seenValues = new Set();
    const addPair = (rawLabel, value, at, where = section) => {
      const label = scrub(rawLabel);
      if (!label || !value) return;
      const modal = Boolean(dialog?.contains(at));
      const key = `${modal}\n${label}\n${value}`;
      if (seenValues.has(key)) return;
      seenValues.add(key);
      if (pairs.length >= MAX_PAIRS) { truncated = true; return; }
      const pair = { label, value: shown(value), section: where, modal };
      pairs.push(pair);
      if (prints && CREDENTIAL.test(value)) prints.push([pair, value]);
    };
    // The page, then the open shadow roots and same-origin frames found in it (each one pass).
    const roots = [root];
    for (let r = 0; r < roots.length; r++) {
      // Past 16 roots the rest are not read, and the snapshot says it is cut.
      if (r >= 16) { truncated = true; break; }
      // One pass over a live collection: cheaper than a TreeWalker on large pages.
      const all = roots[r].getElementsByTagName?.('*') ?? roots[r].querySelectorAll('*');
      for (let i = 0, n = all.length; i < n; i++) {
        const el = all[i];
        if (deep && el.shadowRoot) roots.push(el.shadowRoot);
        switch (el.tagName) {
          case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6':
            // A heading's own short text (a bounded walk: nested headings cost no more than flat ones).
            section = scrub(clean(shortText(el, MAX_TEXT) ?? ''));
            // What the page says it is about (an Auth0 connection names its provider only here). Past
            // MAX_HEADINGS the rest are left out; `truncated` is for fields and values only.
            if (section && headings.length < MAX_HEADINGS) headings.push(section);
            if (section && dialog?.contains(el) && modalHeadings.length < MAX_HEADINGS) modalHeadings.push(section);
            break;
          case 'IMG': {
            const alt = scrub(clean(el.getAttribute('alt')));
            if (!alt) break;
            if (headings.length < MAX_HEADINGS) headings.push(alt);
            if (dialog?.contains(el) && modalHeadings.length < MAX_HEADINGS) modalHeadings.push(alt);
            break;
          }
          case 'IFRAME': {
            if (!deep) break;
            // A frame of the page's own origin is part of the page; another origin's is never read.
            let doc = null;
            try { doc = el.contentDocument; } catch { doc = null; }
            if (doc?.body && doc.defaultView?.location.origin === location.origin) roots.push(doc.body);
            break;
          }
          case 'INPUT': case 'TEXTAREA': case 'SELECT': case 'BUTTON': {
            if (el.type === 'hidden') break;
            if (fields.length >= MAX_FIELDS) { truncated = true; break; }
            const fieldId = fields.length + 1;
            const field = describeField(el, fieldId, Boolean(dialog?.contains(el)));
            fields.push(field);
            if (deep) {
              // Only an action's snapshot backs a plan. Where a re-rendered field may be found again: its
              // own form or dialog, never elsewhere on the page.
              elements.set(fieldId, el);
              const container = el.closest('form, dialog, [role="dialog"]') ?? el.getRootNode();
              locators.set(fieldId, { tag: el.tagName, id: el.id, name: el.getAttribute('name'), label: field.labels[0], container });
            }
            // A value shown in a read-only field, for copying.
            if ((el.readOnly || el.disabled) && el.type !== 'password') {
              const token = tokenOf(String(el.value ?? ''));
              if (token) addPair(field.labels[0] ?? '', token, el);
            }
            break;
          }
          case 'DT': {
            const dd = el.nextElementSibling;
            if (dd?.tagName !== 'DD') break;
            const token = tokenOf(dd.textContent);
            addPair(clean(el.textContent), token ?? clean(dd.textContent), el);
            break;
          }
          case 'DIV': case 'LI': case 'TR': case 'P': {
            const pair = pairOf(el);
            if (pair) addPair(pair.label, tokenOf(pair.value) ?? pair.value, el);
            break;
          }
          default:
        }
        // Values shown for copying matter only to Capture (other snapshots blank them anyway; a keys page's
        // look fingerprints the values of its label/value pairs, without this second reading of the page).
        if (secrets && pairs.length < MAX_PAIRS) {
          const found = valueOf(el);
          if (found) addPair(labelOfValue(found.el), found.value, found.el);
        }
      }
    }
    // Only an action's snapshot can back a plan: the checklist's looks keep none, so they never push a
    // plan's snapshot out while it waits (for the Twitter tab's check, say).
    if (deep) {
      last = { id, elements, locators };
      recent.set(id, last);
      recent.delete(id - 4);
    } else {
      last = { ...last, id };
    }
    // What the page says is wrong (a refused save): only on a page with controls, a bounded few.
    const alerts = [];
    if (fields.length) {
      for (const el of root.querySelectorAll('[role="alert"]')) {
        const text = scrub(clean(el.textContent));
        if (text && isVisible(el)) alerts.push(text);
        if (alerts.length >= MAX_ALERTS) break;
      }
    }
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
      alerts,
      text: withText ? pageText(root) : '',
      truncated,
    };
  }

  // Sets a value the way typing would, so frameworks that track the native setter (React) see it.
  function setValue(el, value) {
    // The element's own window's prototypes: a same-origin frame has its own.
    const view = el.ownerDocument.defaultView ?? window;
    const proto = el instanceof view.HTMLTextAreaElement ? view.HTMLTextAreaElement.prototype : view.HTMLInputElement.prototype;
    el.focus();
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    // No `data`: the value is never copied into an event a page script could read from elsewhere.
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    el.blur();
  }

  // The element a plan's field names, now: the one the snapshot saw, or, when the page re-rendered it, the
  // control that took its place (same tag, and the same id, name or first label, in the same form or dialog).
  function resolve(field, kept = last) {
    const el = kept.elements.get(field);
    if (el?.isConnected) return el;
    const was = kept.locators.get(field);
    // The form or dialog the field sat in must be the same, still on the page (another provider's dialog
    // mounted in its place is not it).
    if (!was?.container?.isConnected) return null;
    const candidates = [...was.container.querySelectorAll(was.tag.toLowerCase())]
      .filter((c) => c.type !== 'hidden' && isVisible(c));
    for (const same of [(c) => was.id && c.id === was.id, (c) => was.name && c.getAttribute('name') === was.name,
      (c) => was.label && labelsOf(c)[0] === was.label]) {
      const found = candidates.filter(same);
      if (found.length === 1) {
        kept.elements.set(field, found[0]);
        return found[0];
      }
      if (found.length > 1) return null;
    }
    return null;
  }

  async function apply(plan) {
    const refuse = (why) => ({ snapshotId: plan?.snapshotId ?? 0, results: [], refused: why });
    if (window.top !== window) return refuse('not-top-frame');
    if (!FILL_ORIGINS.includes(location.origin) || plan?.origin !== location.origin) return refuse('wrong-origin');
    // The very page the plan was made from (a single-page app may have moved to another connection).
    if (plan.page !== location.origin + location.pathname + location.hash) return refuse('stale');
    const kept = recent.get(plan.snapshotId);
    if (!kept) return refuse('stale');
    const results = [];
    const done = [];
    for (const action of plan.actions ?? []) {
      const el = resolve(action.field, kept);
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
          done.push([action.field, (now) => now.checked === op.check, action.target]);
        }
      } else if (op && 'set' in op) {
        if (el.value === op.set) results.push({ field: action.field, outcome: 'unchanged' });
        else if (el.value !== '' && !plan.overwrite) results.push({ field: action.field, outcome: 'occupied' });
        else {
          setValue(el, op.set);
          done.push([action.field, (now) => now.value === op.set, action.target]);
        }
      }
    }
    // Let the page's framework re-render before reading back: a refused value shows up as a reset. What
    // the page finally holds decides, in the element it shows now (a re-rendered form replaces them).
    await new Promise((done) => setTimeout(done, 0));
    for (const [field, holds, target] of done) {
      const now = resolve(field, kept);
      const took = now && holds(now);
      if (took) touched.set(now, target);
      results.push({ field, outcome: now ? (took ? 'filled' : 'rejected') : 'missing' });
    }
    if (touched.size) watchSaves();
    return { snapshotId: plan.snapshotId, results, refused: null };
  }

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only KeyBridge's own background (never a tab) may ask.
    if (sender.id !== api.runtime.id || sender.tab) return false;
    if (message?.kind === 'snapshot') {
      const result = snapshot(message.text === true, message.secrets === true, message.deep !== false, message.fingerprints === true);
      const pending = prints ?? [];
      prints = null;
      if (!pending.length) {
        sendResponse(result);
        return false;
      }
      // Fingerprints are computed apart from the values; a failure leaves them out (nothing is compared).
      Promise.all(pending.map(async ([pair, value]) => { pair.fingerprint = await fingerprint(value); }))
        .catch(() => {})
        .then(() => sendResponse(result));
      return true;
    }
    if (message?.kind === 'apply') {
      apply(message.plan).then(sendResponse);
      return true;
    }
    return false;
  });
})();
