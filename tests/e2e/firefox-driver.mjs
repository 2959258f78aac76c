// The Firefox back end of the end-to-end harness: headless Firefox ESR through geckodriver (W3C WebDriver),
// behind the small part of Playwright's API the specs use (pages, locators by CSS, label and role, and
// `expect` on them), so that one spec runs in Chromium (Playwright) and in Firefox (this file).
//
// WebDriver has one current window per session: every command that reads or acts on a page runs in a
// queue that first switches to that page's window, so commands on two pages never interleave.
import { randomUUID } from 'node:crypto';

import { HOSTS } from '../../www/server.mjs';
import { Session, startGeckodriver } from './webdriver.mjs';

const ADDON_ID = 'keybridge@keybridge.dev';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const EXPECT_TIMEOUT = 10_000;
/// What Firefox says of an element the page replaced between two WebDriver calls.
const STALE = /stale element|no longer attached/;

/// Runs in the page: the elements a locator's chain of steps names, in document order. Roles and accessible
/// names follow ARIA for the elements KeyBridge's pages and the replicas use (an approximation of the
/// browser's accessibility tree, as Playwright's own is).
function resolveInPage(chain, start = [document]) {
  const norm = NORM;
  const visible = VISIBLE;
  const matches = (text, want) => {
    if (want.re !== undefined) return new RegExp(want.re, want.flags).test(norm(text));
    return want.exact ? norm(text) === norm(want.s) : norm(text).toLowerCase().includes(norm(want.s).toLowerCase());
  };
  const byIds = (el, attribute) => (el.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean)
    .map((id) => el.getRootNode().getElementById?.(id) ?? document.getElementById(id)).filter(Boolean);
  const textOf = (el) => norm(el.textContent);
  const role = (el) => {
    const explicit = (el.getAttribute('role') ?? '').split(/\s+/)[0];
    if (explicit) return explicit;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    switch (el.tagName) {
      case 'BUTTON': return 'button';
      case 'INPUT':
        if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
        if (type === 'checkbox') return 'checkbox';
        if (type === 'radio') return 'radio';
        if (type === 'search') return 'searchbox';
        if (['', 'text', 'email', 'tel', 'url'].includes(type)) return 'textbox';
        return '';
      case 'TEXTAREA': return 'textbox';
      case 'SELECT': return el.multiple ? 'listbox' : 'combobox';
      case 'A': return el.hasAttribute('href') ? 'link' : '';
      case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6': return 'heading';
      case 'NAV': return 'navigation';
      case 'UL': case 'OL': return 'list';
      case 'LI': return 'listitem';
      case 'DIALOG': return 'dialog';
      case 'MAIN': return 'main';
      case 'IMG': return 'img';
      case 'TABLE': return 'table';
      case 'TR': return 'row';
      case 'TD': return 'cell';
      // A section is a region when it is named.
      case 'SECTION': return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : '';
      default: return '';
    }
  };
  const NAMED_BY_CONTENT = new Set(['button', 'link', 'heading', 'menuitem', 'listitem', 'tab', 'option', 'cell', 'row', 'switch', 'checkbox', 'radio']);
  const nameOf = (el) => {
    const by = byIds(el, 'aria-labelledby');
    if (by.length) return norm(by.map(textOf).join(' '));
    if (el.getAttribute('aria-label')) return norm(el.getAttribute('aria-label'));
    if (el.labels?.length) return norm([...el.labels].map(textOf).join(' '));
    if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) return norm(el.value);
    if (el.tagName === 'IMG') return norm(el.getAttribute('alt'));
    if (NAMED_BY_CONTENT.has(role(el))) return textOf(el);
    return norm(el.getAttribute('title'));
  };
  const labelsOf = (el) => {
    const out = byIds(el, 'aria-labelledby').map(textOf);
    if (el.getAttribute('aria-label')) out.push(el.getAttribute('aria-label'));
    for (const l of el.labels ?? []) out.push(textOf(l));
    return out;
  };
  let scope = start;
  for (const step of chain) {
    let next = [];
    if (step.has !== undefined) {
      // Playwright's `has`: the elements with a match of the inner locator inside them.
      next = scope.filter((el) => resolveInPage(step.has, [el]).length > 0);
    } else if (step.text !== undefined) {
      // Playwright's getByText: the innermost elements whose text matches.
      for (const root of scope) {
        next.push(...[...root.querySelectorAll('*')].filter((el) => !/^(SCRIPT|STYLE)$/.test(el.tagName)
          && matches(el.textContent, step.text) && ![...el.children].some((c) => matches(c.textContent, step.text))));
      }
      next = [...new Set(next)];
    } else if (step.nth !== undefined) {
      const at = step.nth < 0 ? scope.length + step.nth : step.nth;
      next = scope[at] ? [scope[at]] : [];
    } else if (step.hasText) {
      next = scope.filter((el) => matches(el.textContent, step.hasText));
    } else {
      for (const root of scope) {
        const all = [...root.querySelectorAll(step.css ?? '*')];
        if (step.css) next.push(...all);
        else if (step.label) next.push(...all.filter((el) => /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || ['textbox', 'checkbox', 'switch', 'combobox', 'radio'].includes(el.getAttribute('role')))
          .filter((el) => el.type !== 'hidden' && labelsOf(el).some((t) => matches(t, step.label))));
        else if (step.role) next.push(...all.filter((el) => role(el) === step.role && visible(el) && el.closest('[aria-hidden=true]') === null
          && (!step.name || matches(nameOf(el), step.name))
          && (step.level === undefined || Number(el.getAttribute('aria-level') ?? el.tagName.slice(1)) === step.level)));
      }
      next = [...new Set(next)];
    }
    scope = next;
  }
  return scope;
}

/// Runs in the page: what an expectation reads from each element a locator names; with `withElements`, the
/// elements too (one resolution for both, for an action).
function probeInPage(chain, attribute, withElements) {
  const elements = RESOLVE(chain);
  const states = elements.map((el) => ({
    text: NORM(el.textContent),
    value: 'value' in el ? String(el.value) : null,
    visible: VISIBLE(el),
    enabled: !el.disabled,
    checked: Boolean(el.checked) || el.getAttribute('aria-checked') === 'true',
    className: String(el.className ?? ''),
    focused: el === el.ownerDocument.activeElement,
    attribute: attribute ? el.getAttribute(attribute) : null,
    // The accessible description: the texts aria-describedby names.
    description: NORM((el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
      .map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' ')),
  }));
  return withElements ? { elements, states } : states;
}

const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
function visibleInPage(el) {
  if (!el.isConnected) return false;
  if (el.checkVisibility) return el.checkVisibility({ visibilityProperty: true });
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}
const want = (text, exact = false) => (text instanceof RegExp ? { re: text.source, flags: text.flags } : { s: String(text), exact });
// The script for `fn` in the page, with the helpers it may name (NORM, VISIBLE, RESOLVE) defined before it.
const inPage = (fn) => `const NORM = ${norm.toString()};\nconst VISIBLE = ${visibleInPage.toString()};\n`
  + `const RESOLVE = ${resolveInPage.toString()};\nreturn (${fn.toString()}).apply(null, arguments);`;

export class FirefoxLocator {
  constructor(page, chain) {
    this.page = page;
    this.chain = chain;
  }

  locator(css, { hasText, has } = {}) {
    const chain = [...this.chain, { css }];
    if (hasText !== undefined) chain.push({ hasText: want(hasText) });
    if (has !== undefined) chain.push({ has: has.chain });
    return new FirefoxLocator(this.page, chain);
  }

  getByText(text, { exact } = {}) { return new FirefoxLocator(this.page, [...this.chain, { text: want(text, exact) }]); }

  getByRole(role, { name, exact, level } = {}) { return new FirefoxLocator(this.page, [...this.chain, { role, level, name: name === undefined ? undefined : want(name, exact) }]); }
  getByLabel(label, { exact } = {}) { return new FirefoxLocator(this.page, [...this.chain, { label: want(label, exact) }]); }
  nth(i) { return new FirefoxLocator(this.page, [...this.chain, { nth: i }]); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }

  probe(attribute) { return this.page.run(() => this.page.browser.session.executeSync(inPage(probeInPage), [this.chain, attribute ?? null])); }

  /// The one element, visible and enabled (as Playwright's actions wait for), or a timeout.
  async element({ enabled = true } = {}) {
    const end = Date.now() + EXPECT_TIMEOUT;
    let seen = [];
    for (;;) {
      let found;
      try {
        found = await this.page.run(() => this.page.browser.session.executeSync(inPage(probeInPage), [this.chain, null, true]));
      } catch (e) {
        // The page re-rendered the element while Firefox handed it back (a stale reference): look again.
        if (!STALE.test(e.message) || Date.now() > end) throw e;
        continue;
      }
      const { elements, states } = found;
      seen = states;
      if (elements.length > 1) throw new Error(`strict: ${elements.length} elements for ${JSON.stringify(this.chain)}`);
      if (elements.length === 1 && seen[0].visible && (!enabled || seen[0].enabled)) return elements[0];
      if (Date.now() > end) throw new Error(`no actionable element for ${JSON.stringify(this.chain)} (saw ${JSON.stringify(seen)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /// Acts on the one element; when the page re-rendered it in between (a stale reference), finds it again
  /// and retries, as Playwright's actions do.
  async act(action) {
    const end = Date.now() + EXPECT_TIMEOUT;
    for (;;) {
      const el = await this.element();
      try {
        return await this.page.run(() => action(this.page.browser.session, el[ELEMENT]));
      } catch (e) {
        if (!(STALE.test(e.message) || /not reachable|not interactable/.test(e.message)) || Date.now() > end) throw e;
      }
    }
  }

  click() { return this.act((s, el) => s.click(el)); }

  async check() {
    const [state] = await this.probe();
    if (!state?.checked) await this.click();
  }

  /// Picks the option of this <select> with that label, by a WebDriver click on it (which fires input and
  /// change, as the admin's choice would).
  async selectOption({ label }) {
    const select = await this.element();
    await this.page.run(async () => {
      const s = this.page.browser.session;
      const option = await s.executeSync('return [...arguments[0].options].find((o) => o.label === arguments[1] || o.text.trim() === arguments[1]) ?? null;', [select, label]);
      if (!option) throw new Error(`no option ${label}`);
      await s.click(option[ELEMENT]);
    });
  }

  async setChecked(on) {
    const [state] = await this.probe();
    if (Boolean(state?.checked) !== on) await this.click();
  }

  async isVisible() {
    const states = await this.probe();
    return states.length === 1 && states[0].visible;
  }

  fill(value) {
    return this.act(async (s, el) => {
      await s.clear(el);
      await s.type(el, value);
    });
  }

  dispatchEvent(type) {
    return this.act((s, el) => s.executeSync('arguments[0].dispatchEvent(new PointerEvent(arguments[1], { bubbles: true, composed: true }));', [{ [ELEMENT]: el }, type]));
  }

  focus() { return this.act((s, el) => s.executeSync('arguments[0].focus();', [{ [ELEMENT]: el }])); }

  /// Until the one element is there and visible.
  async waitFor() { await this.element({ enabled: false }); }

  async textContent() {
    await this.element({ enabled: false });
    return (await this.probe())[0].text;
  }

  async evaluate(fn, arg) {
    const el = await this.element({ enabled: false });
    return this.page.run(() => this.page.browser.session.executeSync(`return (${fn.toString()}).apply(null, arguments);`, [el, arg]));
  }
}

export class FirefoxPage {
  constructor(browser, handle, frame = null) {
    this.browser = browser;
    this.handle = handle;
    this.frame = frame; // the iframe's index among the page's iframes, for a frame
  }

  /// Runs `fn` with this page's window (and frame) current, alone in the browser's queue.
  run(fn) {
    return this.browser.queue(async () => {
      const s = this.browser.session;
      await s.switchTo(this.handle);
      await s.call('POST', '/frame', { id: null });
      if (this.frame !== null) {
        const frames = await s.findAll('iframe');
        await s.call('POST', '/frame', { id: { [ELEMENT]: frames[this.frame] } });
      }
      return fn();
    });
  }

  goto(url) { return this.run(() => this.browser.session.goto(url)); }
  url() { return this.run(() => (this.frame === null ? this.browser.session.call('GET', '/url') : this.browser.session.executeSync('return location.href;'))); }
  title() { return this.run(() => this.browser.session.call('GET', '/title')); }
  async reload() {
    await this.run(() => this.browser.session.call('POST', '/refresh', {}));
    await this.waitForLoadState();
  }
  /// `fn(arg)` in the page; a string is run as a script (as Playwright's `evaluate` of a string).
  evaluate(fn, arg) {
    const script = typeof fn === 'string' ? `${fn}\n;return null;` : `return (${fn.toString()}).apply(null, arguments);`;
    return this.run(() => this.browser.session.executeSync(script, [arg]));
  }

  focus(selector) { return this.locator(selector).focus(); }

  /// The colour scheme pages see (Firefox's content override, set from its privileged context: the whole
  /// browser, as one page at a time is not offered).
  emulateMedia({ colorScheme }) {
    const value = { dark: 0, light: 1 }[colorScheme] ?? 2;
    return this.run(async () => {
      const s = this.browser.session;
      await s.call('POST', '/moz/context', { context: 'chrome' });
      try {
        await s.executeSync('Services.prefs.setIntPref("layout.css.prefers-color-scheme.content-override", arguments[0]);', [value]);
      } finally {
        await s.call('POST', '/moz/context', { context: 'content' });
      }
    });
  }
  /// The page's viewport size, through its window's (the window's frame added: Playwright sets the viewport).
  setViewportSize({ width, height }) {
    return this.run(async () => {
      const s = this.browser.session;
      const [iw, ih, ow, oh] = await s.executeSync('return [innerWidth, innerHeight, outerWidth, outerHeight];', []);
      await s.call('POST', '/window/rect', { width: width + ow - iw, height: height + oh - ih });
    });
  }
  bringToFront() { return this.run(async () => {}); }
  async waitForLoadState() {
    const end = Date.now() + EXPECT_TIMEOUT;
    while ((await this.evaluate(() => document.readyState).catch(() => '')) !== 'complete') {
      if (Date.now() > end) throw new Error('the page did not load');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close() {
    await this.run(() => this.browser.session.call('DELETE', '/window'));
    this.browser.known.delete(this.handle);
  }

  /// The page's iframes (same order as in the document), each as a page of its own for locators.
  async frames() {
    const srcs = await this.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.src));
    return srcs.map((src, i) => Object.assign(new FirefoxPage(this.browser, this.handle, i), { src }));
  }

  locator(css, options) { return new FirefoxLocator(this, []).locator(css, options); }
  getByRole(role, options) { return new FirefoxLocator(this, []).getByRole(role, options); }
  getByLabel(label, options) { return new FirefoxLocator(this, []).getByLabel(label, options); }
  getByText(text, options) { return new FirefoxLocator(this, []).getByText(text, options); }
  waitForTimeout(ms) { return new Promise((r) => setTimeout(r, ms)); }

  /// Until `fn(arg)`, run in the page, returns something truthy (then that).
  async waitForFunction(fn, arg, { timeout = 30_000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg).catch(() => null);
      if (value) return value;
      if (Date.now() > end) throw new Error(`waitForFunction timed out: ${fn}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /// Key presses through WebDriver's actions (to the focused element), as Playwright's `keyboard` sends them.
  get keyboard() {
    const KEYS = { Space: '\uE00D', Enter: '\uE007', Tab: '\uE004', Escape: '\uE00C' };
    const key = (type, name) => this.run(() => this.browser.session.call('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions: [{ type, value: KEYS[name] ?? name }] }],
    }));
    return {
      down: (name) => key('keyDown', name),
      up: (name) => key('keyUp', name),
      press: async (name) => { await key('keyDown', name); await key('keyUp', name); },
    };
  }
}

/// Firefox with KeyBridge's packaged add-on installed; `context` and `currentWorker` as the Chromium back
/// end has them (the "worker" is an extension page here: Firefox runs the background as an event page).
/// `grantOptional`: the browser grants the optional host permissions when KeyBridge asks (Firefox's own
/// switch for its permission prompt), so the request in the click on Try connection is tested as it runs.
export async function launchFirefox({ geckodriver, binary, extension, prefs = {}, grantOptional = false }) {
  const uuid = randomUUID();
  const session = await Session.create(geckodriver.base, {
    browserName: 'firefox',
    acceptInsecureCerts: true,
    'moz:firefoxOptions': {
      binary,
      args: ['-headless'],
      prefs: {
        'network.dns.localDomains': HOSTS.join(','),
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        // The clipboard test reads and writes the clipboard from a page without the paste prompt.
        'dom.events.testing.asyncClipboard': true,
        'dom.events.asyncClipboard.readText': true,
        // Console messages of pages and of the add-on to Firefox's output, where the test reads them.
        'devtools.console.stdout.content': true,
        'devtools.console.stdout.chrome': true,
        // A hostile page's window.open runs from a test's script, without a click: let it open, as Chromium does.
        'dom.disable_open_during_load': false,
        ...(grantOptional ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
        ...prefs,
      },
    },
  });
  await session.installAddon(extension);
  const consoleLines = [];
  const listen = (line) => consoleLines.push(line);
  geckodriver.listeners.add(listen);
  let tail = Promise.resolve();
  const browser = {
    name: 'firefox',
    session,
    consoleLines,
    extensionId: uuid,
    popupUrl: `moz-extension://${uuid}/popup.html`,
    known: new Set(await session.call('GET', '/window/handles')),
    queue(fn) {
      const run = tail.then(fn);
      tail = run.catch(() => {});
      return run;
    },
    async newPage() {
      const handle = await browser.queue(async () => {
        // A new tab needs a live current window (the last one may have been closed).
        const [any] = await session.call('GET', '/window/handles');
        await session.switchTo(any);
        return (await session.call('POST', '/window/new', { type: 'tab' })).handle;
      });
      browser.known.add(handle);
      return new FirefoxPage(browser, handle);
    },
    worker: null,
    async currentWorker() {
      if (!browser.worker) {
        const page = await browser.newPage();
        await page.goto(`moz-extension://${uuid}/options.html`);
        browser.worker = page;
      }
      return browser.worker;
    },
    context: {
      newPage: () => browser.newPage(),
      // Firefox needs no grant: the clipboard prefs above stand in for it.
      grantPermissions: async () => {},
      async waitForEvent(event) {
        if (event !== 'page') throw new Error(`unsupported event ${event}`);
        const before = new Set(browser.known);
        const end = Date.now() + EXPECT_TIMEOUT;
        for (;;) {
          const handles = await session.call('GET', '/window/handles');
          // Not one the harness opened itself meanwhile (the extension page standing in for the worker).
          const fresh = handles.find((h) => !before.has(h) && !browser.known.has(h));
          if (fresh) {
            browser.known.add(fresh);
            return new FirefoxPage(browser, fresh);
          }
          if (Date.now() > end) throw new Error('no new page');
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    },
    async close() {
      geckodriver.listeners.delete(listen);
      await session.close();
    },
  };
  return browser;
}

export { startGeckodriver };

/// `expect` for Firefox locators and pages, with Playwright's matchers the specs use (retrying until
/// `timeout`, as Playwright's do); anything else goes to Playwright's own `expect`.
export function firefoxExpect(received, negate = false) {
  let timeout = EXPECT_TIMEOUT;
  const poll = async (what, check) => {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await check();
        if (Boolean(last?.ok) !== negate) return;
      } catch (e) {
        last = { ok: false, seen: e.message };
      }
      if (Date.now() > end) {
        throw new Error(`expect(${JSON.stringify(received.chain ?? received.handle)})${negate ? '.not' : ''}.${what} failed; saw ${JSON.stringify(last?.seen)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const textIs = (t, wanted, contains) => (wanted instanceof RegExp ? wanted.test(t)
    : contains ? t.includes(norm(wanted)) : t === norm(wanted));
  const one = (what, test, attribute) => poll(what, async () => {
    const states = await received.probe(attribute);
    return { ok: states.length === 1 && test(states[0]), seen: states };
  });
  const matchers = {
    toBeVisible: () => one('toBeVisible', (s) => s.visible),
    toBeHidden: () => poll('toBeHidden', async () => {
      const states = await received.probe();
      return { ok: states.every((s) => !s.visible), seen: states };
    }),
    toBeEnabled: () => one('toBeEnabled', (s) => s.enabled),
    toBeDisabled: () => one('toBeDisabled', (s) => !s.enabled),
    toBeChecked: () => one('toBeChecked', (s) => s.checked),
    toBeFocused: () => one('toBeFocused', (s) => s.focused),
    toHaveValue: (v) => one('toHaveValue', (s) => (v instanceof RegExp ? v.test(s.value) : s.value === v)),
    toHaveAttribute: (name, v) => one('toHaveAttribute', (s) => s.attribute !== null && (v === undefined || (v instanceof RegExp ? v.test(s.attribute) : s.attribute === v)), name),
    toHaveClass: (v) => one('toHaveClass', (s) => (v instanceof RegExp ? v.test(s.className) : s.className === v)),
    toHaveCount: (n) => poll('toHaveCount', async () => {
      const states = await received.probe();
      return { ok: states.length === n, seen: states.length };
    }),
    toHaveText: (v) => poll('toHaveText', async () => {
      const states = await received.probe();
      const ok = Array.isArray(v)
        ? states.length === v.length && states.every((s, i) => textIs(s.text, v[i], false))
        : states.length === 1 && textIs(states[0].text, v, false);
      return { ok, seen: states.map((s) => s.text) };
    }),
    toContainText: (v) => poll('toContainText', async () => {
      const states = await received.probe();
      return { ok: states.length === 1 && textIs(states[0].text, v, true), seen: states.map((s) => s.text) };
    }),
    toHaveAccessibleDescription: (v) => one('toHaveAccessibleDescription', (s) => (v instanceof RegExp ? v.test(s.description) : s.description === norm(v))),
    toBeAttached: () => poll('toBeAttached', async () => {
      const states = await received.probe();
      return { ok: states.length === 1, seen: states.length };
    }),
    toHaveTitle: (v) => poll('toHaveTitle', async () => {
      const title = await received.title();
      return { ok: v instanceof RegExp ? v.test(title) : title === v, seen: title };
    }),
    toHaveURL: (v) => poll('toHaveURL', async () => {
      const url = await received.url();
      return { ok: v instanceof RegExp ? v.test(url) : url === v, seen: url };
    }),
  };
  const wrapped = {};
  // The last argument may be Playwright's options ({ timeout }).
  for (const [name, fn] of Object.entries(matchers)) wrapped[name] = (...args) => {
    const options = args.find((a) => a && typeof a === 'object' && !(a instanceof RegExp) && !Array.isArray(a) && 'timeout' in a);
    if (options) timeout = options.timeout;
    return fn(...args.filter((a) => a !== options));
  };
  if (!negate) Object.defineProperty(wrapped, 'not', { get: () => firefoxExpect(received, true) });
  return wrapped;
}
