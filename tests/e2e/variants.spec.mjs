// The variant corpus end to end (issue #15, "reading by meaning"): the packaged extension in real Chromium and Firefox
// over every page of www/variants/generate.mjs — each meaning of the guide's pages in each markup style —
// capturing and filling exactly what a person would, and refusing every decoy. One test per style; every
// variant of the style is checked and a failing one fails the test by name. A summary table (variant →
// pass/fail, the popup's notice id) is printed at the end.
//
//   REPLICA_PORT=9543 CHROMIUM=/usr/bin/chromium node_modules/.bin/playwright test \
//     --config tests/e2e/playwright.config.mjs tests/e2e/variants.spec.mjs
//   KB_VARIANTS=<regex on variant names> runs only the variants it matches (e.g. 'shadow|oauth2\.').
//
// Driven as the popup drives the background (messages from the popup page), reading what was captured from
// storage.session and what was filled from the page itself; expected values come from the generator
// (`expected(name)`), which made them for this run.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { test } from '@playwright/test';

import { FORM_STYLE_NAMES, KEY_STYLE_NAMES, expected, listVariants } from '../../www/variants/generate.mjs';
import { expect, extensionHooks } from './harness.mjs';

const env = extensionHooks(test, expect);

const only = process.env.KB_VARIANTS ? new RegExp(process.env.KB_VARIANTS) : null;
const VARIANTS = listVariants().filter((v) => !only || only.test(v.name));
const STYLES = [...new Set([...KEY_STYLE_NAMES, ...FORM_STYLE_NAMES])];
/// The page every fill starts from: both pairs captured, so each form must pick the one it wants.
const SOURCE = listVariants().find((v) => v.name === 'both.dl');
const sourceSecrets = () => expected(SOURCE.name).pairs.flatMap((p) => [p.key, p.secret]);
/// A fill that finds the form answers in about a second (the late style renders 800 ms after load); a fill
/// still without an answer after this is looking for fields it cannot see (the core waits 12 s for them).
const FILL_CUTOFF_MS = 4000;

// Results go to a file shared by the run's workers (Playwright starts a new worker after a failing test), so
// the last test can print the whole table.
const RESULTS = join(tmpdir(), `keybridge-variants-${process.ppid}.json`);
const results = () => (existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : []);
const saveResult = (r) => writeFileSync(RESULTS, JSON.stringify([...results(), r]));
test.afterAll(() => {
  const all = results();
  if (!VARIANTS.every((v) => all.some((r) => r.name === v.name))) return;
  rmSync(RESULTS, { force: true });
  const width = Math.max(...all.map((r) => r.name.length));
  const lines = all.map((r) => `${r.name.padEnd(width)}  ${r.ok ? 'pass' : 'FAIL'} ${String(r.ms).padStart(5)} ms  ${(r.notice ?? '-').padEnd(26)} ${r.ok ? '' : r.why}`);
  const failed = all.filter((r) => !r.ok).length;
  console.log(`\nvariant corpus: ${all.length - failed} pass, ${failed} fail\n${'variant'.padEnd(width)}  result   time   notice\n${lines.join('\n')}`);
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const noticeOf = (state) => state?.notice?.text?.id ?? (state?.refused ? `refused: ${state.refused}` : null);
const show = (value) => JSON.stringify(value);
const same = (a, b) => isDeepStrictEqual(a, b);

/// What a person sees on `page`: the rendered text and input values of the page, its open shadow roots and
/// its same-origin frames (zero-width spaces dropped: they are invisible).
const shown = (page) => page.evaluate(() => {
  const out = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) for (const child of el.shadowRoot.children) { out.push(child.innerText ?? ''); visit(el.shadowRoot); }
      if (el.tagName === 'INPUT') out.push(el.value);
      if (el.tagName === 'IFRAME' && el.contentDocument?.body) { out.push(el.contentDocument.body.innerText); visit(el.contentDocument); }
    }
  };
  out.push(document.body.innerText);
  visit(document);
  return out.join('\n').replace(/\u200B/g, '');
});

/// The inputs the test marked (`data-kb-field`) with their values, and the React form's state, wherever they
/// are (document, open shadow roots, same-origin frames).
const fieldsOn = (page) => page.evaluate(() => {
  const fields = {};
  let state = null;
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.dataset?.kbField) {
        if (el.dataset.kbField in fields) fields[`${el.dataset.kbField} (again)`] = el.value;
        else fields[el.dataset.kbField] = el.value;
      }
      if (el.id === 'state' && el.tagName === 'PRE') state = el.textContent;
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.tagName === 'IFRAME' && el.contentDocument) visit(el.contentDocument);
    }
  };
  visit(document);
  return { fields, state };
});

const rendered = (page) => page.waitForFunction(() => {
  const done = (d) => d?.documentElement?.dataset.kbRendered === 'true';
  return done(document) && [...document.querySelectorAll('iframe')].every((f) => done(f.contentDocument));
});

test.describe.configure({ timeout: 180_000 });

for (const style of STYLES) {
  const mine = VARIANTS.filter((v) => v.style === style);
  if (!mine.length) continue;
  test(`every meaning in the ${style} style: captured and filled as a person would, decoys refused`, async () => {
    const popup = await env.openPopup();
    const send = (message) => popup.evaluate((m) => chrome.runtime.sendMessage(m), message);
    // Each variant starts from a fresh session, as in a new browser: nothing captured, no fill report and no
    // facts observed on an earlier variant's page (the popup's observations are kept in storage.session too).
    const fresh = async () => {
      await send({ kind: 'forget' });
      await (await env.browser.currentWorker()).evaluate(() => chrome.storage.session.clear());
    };
    const captured = async () => {
      const { capture } = await (await env.browser.currentWorker()).evaluate(() => chrome.storage.session.get('capture'));
      return capture ? capture.pairs.map(({ protocol, key, secret }) => ({ protocol, key, secret })) : null;
    };
    const failures = [];
    let started = Date.now();
    const record = (name, ok, notice, why = '') => {
      saveResult({ name, ok, notice, why, ms: Date.now() - started });
      started = Date.now();
      if (!ok) failures.push(`${name}: ${why} (notice ${notice ?? '-'})`);
    };
    const keyTab = await env.browser.context.newPage();

    // Key pages: Capture takes exactly the pairs a person would copy, or nothing.
    for (const v of mine.filter((x) => x.side === 'keys')) {
      const { pairs: want, others } = expected(v.name);
      await fresh();
      await keyTab.goto(v.url);
      await rendered(keyTab);
      // The page really shows the values (else the corpus, not KeyBridge, is wrong).
      const text = await shown(keyTab);
      for (const p of want ?? []) for (const value of [p.key, p.secret]) expect(text, `${v.name} shows ${value}`).toContain(value);
      const state = await send({ kind: 'capture' });
      const got = await captured();
      const notice = noticeOf(state);
      const session = JSON.stringify(await (await env.browser.currentWorker()).evaluate(() => chrome.storage.session.get(null)));
      const kept = others.filter((value) => session.includes(value));
      if (kept.length) record(v.name, false, notice, `kept a value a person would not take: ${show(kept)}`);
      else if (want === null) record(v.name, got === null, notice, `a decoy was captured: ${show(got)}`);
      else record(v.name, same(got, want), notice, got ? `captured ${show(got)}, a person would take ${show(want)}` : 'nothing captured');
      await send({ kind: 'forget' });
    }

    // Auth0 forms: Fill puts the pair the form wants into its two fields and touches nothing else.
    const forms = mine.filter((x) => x.side === 'auth0');
    if (forms.length) await keyTab.goto(SOURCE.url);
    for (const v of forms) {
      const want = expected(v.name);
      const source = expected(SOURCE.name).pairs;
      await fresh();
      const captureState = await send({ kind: 'capture' });
      if (!same(await captured(), source)) {
        record(v.name, false, noticeOf(captureState), `setup: ${SOURCE.name} did not capture both pairs`);
        continue;
      }
      const auth0 = await env.browser.context.newPage();
      await auth0.goto(v.url);
      const problems = [];
      // The late style is filled at once: KeyBridge waits for a form that renders late. Other pages are filled
      // once a person sees them.
      if (style !== 'late') {
        await rendered(auth0);
        const before = await fieldsOn(auth0);
        if (!same(before.fields, want.fields)) problems.push(`the page started as ${show(before.fields)}`);
      }
      const fill = () => Promise.race([send({ kind: 'fill' }), sleep(FILL_CUTOFF_MS).then(() => 'timeout')]);
      let answer = await fill();
      let notice = answer === 'timeout' ? `noAnswerIn${FILL_CUTOFF_MS / 1000}s` : noticeOf(answer);
      // "The page changed after KeyBridge looked at it. Try again.": a person clicks Fill once more.
      if (notice === 'errStalePlan') {
        answer = await fill();
        notice = `errStalePlan, then ${answer === 'timeout' ? `noAnswerIn${FILL_CUTOFF_MS / 1000}s` : noticeOf(answer)}`;
      }
      await auth0.waitForTimeout(100); // the page's own handlers (React) run after the fill's events
      if (style === 'late') await rendered(auth0); // a refusal may come before the form is there
      const after = await fieldsOn(auth0);
      // Closing the tab also ends a fill still waiting for fields, before the next variant's tab opens.
      await auth0.close();
      const pair = want.wants && source.find((p) => p.protocol === want.wants);
      const wanted = { ...want.fields, ...(pair ? { key: pair.key, secret: pair.secret } : {}) };
      if (!same(after.fields, wanted)) problems.push(`fields hold ${show(after.fields)}, a person would leave ${show(wanted)}`);
      if (want.state && pair && !same(JSON.parse(after.state ?? 'null'), { client_id: pair.key, client_secret: pair.secret })) {
        problems.push(`the form's state holds ${after.state}`);
      }
      if (answer === 'timeout') problems.push(`no answer within ${FILL_CUTOFF_MS / 1000} s (fields not found)`);
      else if (answer?.askProtocol) problems.push('asked which pair, though the form says it');
      else if (pair && answer?.notice?.text?.id !== 'noticeFilled') problems.push(`the popup does not say both values are in the form (fill report ${show(answer?.fill)})`);
      record(v.name, problems.length === 0, notice, problems.join('; '));
      await send({ kind: 'forget' });
    }

    // No key or secret of a variant in any console line (the harness checks the world's own).
    const secrets = mine.flatMap((v) => (v.side === 'keys' ? [...(expected(v.name).pairs ?? []).flatMap((p) => [p.key, p.secret]), ...expected(v.name).others] : []));
    for (const line of env.consoleLines) for (const secret of [...secrets, ...sourceSecrets()]) expect(line, 'a variant\'s key in the console').not.toContain(secret);
    expect(failures, `failing variants of the ${style} style`).toEqual([]);
  });
}
