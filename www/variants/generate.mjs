// The variant corpus (issue #15, "reading by meaning"): every page of the guide rendered from its meaning
// (labels, values, fields) in many markup styles, so tests can prove KeyBridge reads what a person reads,
// whatever the markup. None of these pages copies a live site: the styles are common ways to show a
// label and a value, or a labelled field, that any site may use [I]; labels and value formats follow
// ../shared/reference/real-pages.md §1-4.
//
// A variant is `<meaning>.<style>` and is served at a real URL of its side with `?kb-variant=<name>`:
//   key pages   https://apps.twitter.com/app/4242/keys?kb-variant=consumer-legacy.dl  (site per meaning)
//   Auth0 forms https://manage.auth0.com/dashboard/us/acme-demo/connections/social/con_ABCDEFGH12345678/settings?kb-variant=auth0-api.label-for
// (`variantUrl(name)` gives it). `&kb-frame=1` is the inner document of the `iframe` style.
//
// Expected values: `expected(name)` (this module; the test and the server share it, one process) returns what
// a person would capture or fill on that variant, with the values generated for it. Values are made fresh,
// per variant, the first time a variant is served or asked about, and kept until `resetVariants()`.
//   key page:   { side: 'keys', pairs: [{ protocol, key, secret }] (oauth1 first) | null (refused),
//                 others: [the page's other token-like values, which must be kept nowhere] }
//   Auth0 form: { side: 'auth0', wants: 'oauth1' | 'oauth2' | null (refused), fields: { <marker>: initial value } }
// Every input of an Auth0 variant carries `data-kb-field` (key, secret, hidden-client-id, search): the test's
// own handle, never something KeyBridge may rely on.
//
// Behaviour (late rendering, the React form) lives in /__replica/variants.js, configured by data attributes:
// the server's CSP allows no inline script.
import { accessToken, bearerToken, consumerPair, oauth2Client } from '../world.mjs';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const OWNER_ID = '1234567890';
const MASK = '•'.repeat(20);

const KEY_URLS = {
  legacy: 'https://apps.twitter.com/app/4242/keys',
  portal: 'https://developer.x.com/en/portal/projects/1234567890123456789/apps/4242/keys',
  console: 'https://console.x.com/accounts/1234567890123456789/apps/4242',
};
const AUTH0_URL = 'https://manage.auth0.com/dashboard/us/acme-demo/connections/social/con_ABCDEFGH12345678/settings';
const SITE_NAMES = { legacy: 'Twitter Application Management', portal: 'Developer Portal', console: 'X Developer Console' };

// ---------------------------------------------------------------------------------------------- meanings

const oauth1 = (c) => ({ protocol: 'oauth1', key: c.consumerKey, secret: c.consumerSecret });
const oauth2 = (o) => ({ protocol: 'oauth2', key: o.clientId, secret: o.clientSecret });
const ownerRows = (level) => [['Access Level', level], ['Owner', 'acme_admin'], ['Owner ID', OWNER_ID]];

/// Key pages: `make()` gives fresh sections [{ heading, rows: [[label, value]] }] and the pairs a person would
/// capture (null: nothing to capture, the page must be refused).
export const KEY_MEANINGS = {
  'consumer-legacy': { site: 'legacy', make() {
    const c = consumerPair();
    const t = accessToken(OWNER_ID);
    return { pairs: [oauth1(c)], sections: [
      { heading: 'Application Settings', rows: [['Consumer Key (API Key)', c.consumerKey], ['Consumer Secret (API Secret)', c.consumerSecret],
        ...ownerRows('Read and write (modify app permissions)')] },
      { heading: 'Your Access Token', rows: [['Access Token', t.accessToken], ['Access Token Secret', t.accessTokenSecret],
        ...ownerRows('Read and write')] },
    ] };
  } },
  'consumer-portal': { site: 'portal', make() {
    const c = consumerPair();
    return { pairs: [oauth1(c)], sections: [
      { heading: 'Consumer Keys', rows: [['API Key', c.consumerKey], ['API Key Secret', c.consumerSecret]] },
      { heading: 'Authentication Tokens', rows: [['Bearer Token', bearerToken()]] },
    ] };
  } },
  'consumer-console': { site: 'console', make() {
    const c = consumerPair();
    return { pairs: [oauth1(c)], sections: [
      { heading: 'Application Created Successfully', rows: [['Consumer Key', c.consumerKey], ['Secret Key', c.consumerSecret], ['Bearer Token', bearerToken()]] },
    ] };
  } },
  oauth2: { site: 'console', make() {
    const o = oauth2Client();
    return { pairs: [oauth2(o)], sections: [
      { heading: 'OAuth 2.0 Client ID and Client Secret', rows: [['Client ID', o.clientId], ['Client Secret', o.clientSecret]] },
    ] };
  } },
  both: { site: 'portal', make() {
    const c = consumerPair();
    const o = oauth2Client();
    return { pairs: [oauth1(c), oauth2(o)], sections: [
      { heading: 'Consumer Keys', rows: [['API Key', c.consumerKey], ['API Key Secret', c.consumerSecret]] },
      { heading: 'OAuth 2.0 Client ID and Client Secret', rows: [['Client ID', o.clientId], ['Client Secret', o.clientSecret]] },
    ] };
  } },
  // Decoys: a person captures nothing here.
  masked: { site: 'console', decoy: true, make: () => ({ pairs: null, sections: [
    { heading: 'Keys and tokens', rows: [['Consumer Key', MASK], ['App ID', '4242']] },
  ] }) },
  'token-only': { site: 'legacy', decoy: true, make() {
    const t = accessToken(OWNER_ID);
    return { pairs: null, sections: [
      { heading: 'Your Access Token', rows: [['Access Token', t.accessToken], ['Access Token Secret', t.accessTokenSecret], ...ownerRows('Read and write')] },
    ] };
  } },
  'two-keys': { site: 'legacy', decoy: true, make() {
    const [a, b] = [consumerPair(), consumerPair()];
    return { pairs: null, sections: [
      { heading: 'Application Settings', rows: [['Consumer Key', a.consumerKey], ['Consumer Key', b.consumerKey], ['Consumer Secret', a.consumerSecret]] },
    ] };
  } },
  'bearer-only': { site: 'portal', decoy: true, make: () => ({ pairs: null, sections: [
    { heading: 'Authentication Tokens', rows: [['Bearer Token', bearerToken()]] },
  ] }) },
};

/// Auth0 forms: the page's provider, its two fields (label, help) and the pair a person fills (null: none).
export const FORM_MEANINGS = {
  'auth0-api': { provider: 'Twitter', wants: 'oauth1', fields: [
    { label: 'API Key', help: 'The API Key of your Twitter app.' },
    { label: 'API Secret Key', help: 'The API Secret Key of your Twitter app.', type: 'password' }] },
  'auth0-client-oauth2': { provider: 'Twitter', wants: 'oauth2', fields: [
    { label: 'Client ID', help: 'OAuth 2.0 Client ID of your X app.' },
    { label: 'Client Secret', help: 'OAuth 2.0 Client Secret of your X app.', type: 'password' }] },
  'auth0-consumer': { provider: 'Twitter', wants: 'oauth1', fields: [
    { label: 'Consumer Key' }, { label: 'Consumer Secret', type: 'password' }] },
  // The API Key form as Chromium's page translation renders it in German: text translated, markup and
  // attributes (name/id client_id, client_secret) kept, `lang` switched.
  'auth0-translated': { provider: 'Twitter', wants: 'oauth1', lang: 'de', title: 'Twitter-Verbindung | Auth0', save: 'Speichern',
    search: 'Verbindungen suchen', fields: [
      { label: 'API-Schlüssel', help: 'Der API-Schlüssel Ihrer Twitter-App.' },
      { label: 'API-Geheimschlüssel', help: 'Der API-Geheimschlüssel Ihrer Twitter-App.', type: 'password' }] },
  'auth0-github': { provider: 'GitHub', wants: null, decoy: true, fields: [
    { label: 'API Key', help: 'The API Key of your GitHub app.' },
    { label: 'API Secret Key', help: 'The API Secret Key of your GitHub app.', type: 'password' }] },
};

// ------------------------------------------------------------------------------------------ key styles

const copy = (what = '') => `<button type="button" class="copy"${what ? ` aria-label="Copy ${esc(what)}"` : ''}>Copy</button>`;
const icon = '<svg class="icon" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16"><path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z"/></svg>';
const dl = (s) => `<dl class="kv">${s.rows.map(([l, v]) => `<dt>${esc(l)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
/// A value as a long token is often shown: surrounded by the template's indentation, with an invisible
/// break opportunity (a zero-width space, a <wbr>) and split across spans. A person reads it unbroken.
function broken(v) {
  if (!/^\S{20,}$/.test(v)) return esc(v); // only long tokens are broken so
  const [a, b, c] = [v.slice(0, 8), v.slice(8, v.length - 8), v.slice(v.length - 8)];
  const mid = Math.floor(b.length / 2);
  return `\n        <span class="tok">${esc(a)}</span><wbr><span class="tok">${esc(b.slice(0, mid))}\u200B${esc(b.slice(mid))}</span><span class="tok">${esc(c)}</span>\n      `;
}
const rowsOf = (s, row) => s.rows.map((r, i) => row(r, `${s.n}-${i}`)).join('');

/// Each style renders one section (heading + rows) or, for containers, wraps the `dl` rendering.
const KEY_STYLES = {
  dl: (s) => dl(s),
  'table-row': (s) => `<table class="keys"><tbody>${rowsOf(s, ([l, v]) =>
    `<tr><th scope="row">${esc(l)}</th><td><code>${esc(v)}</code> ${copy(l)}</td></tr>`)}</tbody></table>`,
  'table-columns': (s) => `<table class="keys"><thead><tr>${s.rows.map(([l]) => `<th scope="col">${esc(l)}</th>`).join('')}</tr></thead>
      <tbody><tr>${s.rows.map(([, v]) => `<td><code>${esc(v)}</code></td>`).join('')}</tr></tbody></table>`,
  'nested-icons': (s) => rowsOf(s, ([l, v]) => `<div class="credential">
      <div class="credential-label">${icon}<span class="name">${esc(l)}</span></div>
      <div class="credential-value"><span class="mono">${esc(v)}</span>
        <div class="actions">${copy(l)}<button type="button" class="show">Show</button></div></div>
    </div>`),
  'readonly-input': (s) => rowsOf(s, ([l, v], id) => `<div class="field"><label for="kv-${id}">${esc(l)}</label>
      <input id="kv-${id}" type="text" readonly value="${esc(v)}"> ${copy(l)}</div>`),
  'header-row': (s) => rowsOf(s, ([l, v]) => `<div class="cred">
      <div class="cred-header"><span class="cred-title">${esc(l)}</span>${copy(l)}</div>
      <div class="cred-body"><code>${esc(v)}</code></div>
    </div>`),
  'aria-labelledby': (s) => rowsOf(s, ([l, v], id) => `<div class="cred-line">
      <span class="cred-title" id="kl-${id}">${esc(l)}</span>
      <div class="cred-box"><code aria-labelledby="kl-${id}">${esc(v)}</code>${copy()}</div>
    </div>`),
  'broken-value': (s) => `<dl class="kv">${s.rows.map(([l, v]) => `<dt>${esc(l)}</dt><dd><code>${broken(v)}</code></dd>`).join('')}</dl>`,
  shadow: { wrap: (inner) => `<div class="shadow-host"><template shadowrootmode="open"><link rel="stylesheet" href="/__replica/variants.css">${inner}</template></div>` },
  iframe: { frame: true },
  late: { wrap: (inner) => late(inner) },
  dialog: { dialog: true },
  // A component library's output: classes like React's generated ones, six and more wrappers deep.
  wrappers: (s) => rowsOf(s, ([l, v], id) => `<div class="css-1dbjc4n r-${id}"><div class="sc-AxjAm kXFzfe"><div class="Box__Root-sc-9x1 kWrAPq"><div data-testid="credential">
      <div class="css-1dbjc4n r-18u37iz"><div class="css-901oao"><span class="css-16my406 r-bcqeeo"><span>${esc(l)}</span></span></div></div>
      <div class="css-1dbjc4n r-1awozwy"><div class="css-1dbjc4n"><div><span class="css-901oao r-1qd0xha"><span>${esc(v)}</span></span></div></div>
        <div role="button" tabindex="0" class="css-18t94o4">Copy</div></div>
    </div></div></div></div>`),
};

const late = (inner, delay = 800) => `<div class="spinner" role="progressbar" aria-label="Loading" data-kb-late="${delay}">Loading…</div>
  <template class="kb-late-content">${inner}</template>`;

function keyPage(name, meaning, style, data, frame) {
  const site = KEY_MEANINGS[meaning].site;
  const renderer = KEY_STYLES[style];
  const sections = data.sections.map((s, n) => ({ ...s, n }));
  const base = (fn) => sections.map((s) => `<section class="card"><h2>${esc(s.heading)}</h2>${fn(s)}</section>`).join('\n');
  const inner = base(typeof renderer === 'function' ? renderer : KEY_STYLES.dl);
  if (frame) return document_({ title: 'Keys', body: `<main>${inner}</main>`, frame: true });
  let main;
  if (renderer.wrap) main = renderer.wrap(inner);
  else if (renderer.frame) main = `<iframe class="keys-frame" title="Keys and tokens" src="?kb-variant=${esc(name)}&amp;kb-frame=1"></iframe>`;
  else if (renderer.dialog) {
    main = `<section class="card"><h2>Keys and tokens</h2><dl class="kv"><dt>App ID</dt><dd>4242</dd><dt>Consumer Key</dt><dd>${MASK}</dd></dl>
      <p>Keys are shown once. Regenerate them to see them again.</p></section>
      <div class="backdrop"><div class="dialog" role="dialog" aria-modal="true" aria-labelledby="kb-dialog-title">
        <h2 id="kb-dialog-title">Here are your keys</h2>${inner.replace(/<h2>/g, '<h3>').replace(/<\/h2>/g, '</h3>')}
        <button type="button">Done</button></div></div>`;
  } else main = inner;
  return document_({ title: `Keys and tokens | ${SITE_NAMES[site]}`, body: `<header class="site"><a href="/">${SITE_NAMES[site]}</a>
    <nav aria-label="Main"><a href="/">Apps</a> <a href="/">Docs</a></nav></header>
    <main><h1>Acme Sign-in</h1><nav class="tabs" aria-label="App"><a href="#">Details</a> <a href="#" aria-current="page">Keys and tokens</a></nav>
    ${main}</main>` });
}

// ------------------------------------------------------------------------------------------ form styles

/// One field's parts: its input (with the test's marker and the help tie) and its help text.
function input(f, attrs = '') {
  const described = f.help ? ` aria-describedby="${f.id}-help"` : '';
  return `<input type="${f.type}" id="${f.id}" name="${f.id}" autocomplete="off" spellcheck="false" value="" data-kb-field="${f.marker}"${described}${attrs}>`;
}
const helpOf = (f) => (f.help ? `<p class="help" id="${f.id}-help">${esc(f.help)}</p>` : '');

/// Each style renders one field, or (containers) wraps the `label-for` form.
const FORM_STYLES = {
  'label-for': (f) => `<div class="field"><label for="${f.id}">${esc(f.label)}</label>${input(f)}${helpOf(f)}</div>`,
  'label-wrap': (f) => `<div class="field"><label><span class="label-text">${esc(f.label)}</span>${input(f)}</label>${helpOf(f)}</div>`,
  'aria-label': (f) => `<div class="field">${input(f, ` aria-label="${esc(f.label)}"`)}${helpOf(f)}</div>`,
  'aria-labelledby': (f) => `<div class="field"><div class="field-head"><span id="${f.id}-label">${esc(f.label)}</span>
      <button type="button" class="info" aria-label="More information">?</button></div>${input(f, ` aria-labelledby="${f.id}-label"`)}${helpOf(f)}</div>`,
  'table-row': (f) => `<tr><th scope="row">${esc(f.label)}</th><td>${input(f)}${helpOf(f)}</td></tr>`,
  'nested-icons': (f) => `<div class="field"><div class="field-label">${icon}<span class="name">${esc(f.label)}</span>
      <button type="button" class="info" aria-label="More information">?</button></div>
      <div class="input-wrap"><div class="input-group">${icon}${input(f)}<button type="button" class="show">Show</button></div></div>${helpOf(f)}</div>`,
  'header-row': (f) => `<div class="field"><div class="field-header"><span class="field-title">${esc(f.label)}</span>${copy()}</div>
      <div class="field-body">${input(f)}</div>${helpOf(f)}</div>`,
  // A React-like component tree: a <label> without `for`, the input six wrappers below its container.
  wrappers: (f) => `<div class="css-1dbjc4n"><div class="sc-AxjAm kXFzfe"><div class="FormField__Root-sc-1 jJtFvK">
      <div class="css-1dbjc4n r-label"><label class="FormField__Label-sc-2 dZmUxL"><span>${esc(f.label)}</span></label></div>
      <div class="css-1dbjc4n"><div class="Input__Wrapper-sc-3"><div class="Input__Inner-sc-4"><span class="css-16my406">${input(f)}</span></div></div></div>
      ${helpOf(f)}</div></div></div>`,
  shadow: { wrap: (inner) => `<div class="shadow-host"><template shadowrootmode="open"><link rel="stylesheet" href="/__replica/variants.css">${inner}</template></div>` },
  iframe: { frame: true },
  late: { wrap: (inner) => late(inner) },
  dialog: { dialog: true },
  'react-rerender': { react: true },
};

const LOGO = (provider) => `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#1e212a"/><text x="16" y="21" font-size="14" font-family="sans-serif" text-anchor="middle" fill="#fff">${provider[0]}</text></svg>`)}`;
/// The decoy beside the real fields: a hidden field whose name looks like the key's.
const HIDDEN_DECOY = '<input type="text" hidden name="client_id" autocomplete="off" tabindex="-1" value="" data-kb-field="hidden-client-id">';

function formFields(meaning) {
  return FORM_MEANINGS[meaning].fields.map((f, i) => ({ type: 'text', ...f, id: i ? 'client_secret' : 'client_id', marker: i ? 'secret' : 'key' }));
}

function formPage(name, meaning, style) {
  const m = FORM_MEANINGS[meaning];
  const renderer = FORM_STYLES[style];
  const fields = formFields(meaning);
  const render = typeof renderer === 'function' ? renderer : FORM_STYLES['label-for'];
  const rows = fields.map(render).join('\n');
  const body = style === 'table-row' ? `<table class="form"><tbody>${rows}</tbody></table>` : rows;
  const form = `<form class="card settings" method="post" action="#" novalidate>${HIDDEN_DECOY}${body}
      <button type="submit" class="btn btn-primary">${esc(m.save ?? 'Save')}</button></form>`;
  const title = m.title ?? `${m.provider} connection | Auth0`;
  const head = `<h1><img class="logo" alt="${esc(m.provider)}" width="32" height="32" src="${LOGO(m.provider)}"> ${esc(m.provider)}</h1>
    <nav class="tabs" aria-label="Connection"><a href="#" aria-current="page">Settings</a> <a href="#">Applications</a></nav>`;
  const frameUrl = `?kb-variant=${esc(name)}&amp;kb-frame=1`;
  let main;
  if (renderer.wrap) main = `${head}${renderer.wrap(form)}`;
  else if (renderer.frame) main = `${head}<iframe class="form-frame" title="Settings" src="${frameUrl}"></iframe>`;
  else if (renderer.dialog) {
    // The settings open as a dialog over the list of social connections.
    main = `<h1>Social Connections</h1><ul class="providers"><li>Google</li><li>GitHub</li><li>Twitter</li></ul>
      <div class="backdrop"><div class="dialog" role="dialog" aria-modal="true" aria-labelledby="kb-dialog-title">
        <h2 id="kb-dialog-title"><img class="logo" alt="${esc(m.provider)}" width="32" height="32" src="${LOGO(m.provider)}"> ${esc(m.provider)}</h2>
        ${form}<button type="button">Close</button></div></div>`;
  } else if (renderer.react) {
    const config = { fields, save: m.save ?? 'Save', hidden: 'client_id' };
    main = `${head}<div id="kb-react" data-kb-react="${esc(JSON.stringify(config))}"><div class="spinner" role="progressbar" aria-label="Loading">Loading…</div></div>`;
  } else main = `${head}${form}`;
  return {
    form,
    page: document_({ title, lang: m.lang, react: Boolean(renderer.react), body: `<header class="dashboard"><a href="/">Auth0</a>
      <input type="search" placeholder="${esc(m.search ?? 'Search connections')}" aria-label="${esc(m.search ?? 'Search connections')}" value="" data-kb-field="search">
      <nav aria-label="Main"><a href="#">Applications</a> <a href="#">Authentication</a></nav></header>
      <main>${main}</main>` }),
  };
}

// -------------------------------------------------------------------------------------------- documents

function document_({ title, body, lang = 'en', react = false, frame = false }) {
  const scripts = react ? '<script src="/__replica/react.production.min.js"></script><script src="/__replica/react-dom.production.min.js"></script>' : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${esc(title)}</title><link rel="stylesheet" href="/__replica/variants.css">
${scripts}<script src="/__replica/variants.js" defer></script></head>
<body${frame ? ' class="framed"' : ''}>
${body}
</body></html>`;
}

// ---------------------------------------------------------------------------------------------- catalogue

/// The key styles and the form styles (names), in order.
export const KEY_STYLE_NAMES = Object.keys(KEY_STYLES);
export const FORM_STYLE_NAMES = Object.keys(FORM_STYLES);

/// Every variant: { name, meaning, style, side: 'keys' | 'auth0', decoy, url }.
export function listVariants() {
  const keys = Object.entries(KEY_MEANINGS).flatMap(([meaning, m]) => KEY_STYLE_NAMES.map((style) =>
    ({ name: `${meaning}.${style}`, meaning, style, side: 'keys', decoy: Boolean(m.decoy) })));
  const forms = Object.entries(FORM_MEANINGS).flatMap(([meaning, m]) => FORM_STYLE_NAMES.map((style) =>
    ({ name: `${meaning}.${style}`, meaning, style, side: 'auth0', decoy: Boolean(m.decoy) })));
  return [...keys, ...forms].map((v) => ({ ...v, url: variantUrl(v.name) }));
}

function parse(name) {
  const [meaning, style, ...rest] = String(name).split('.');
  if (rest.length) return null;
  if (KEY_MEANINGS[meaning] && KEY_STYLES[style]) return { meaning, style, side: 'keys' };
  if (FORM_MEANINGS[meaning] && FORM_STYLES[style]) return { meaning, style, side: 'auth0' };
  return null;
}

/// The real URL a variant is served at.
export function variantUrl(name) {
  const v = parse(name);
  if (!v) throw new Error(`unknown variant ${name}`);
  const base = v.side === 'keys' ? KEY_URLS[KEY_MEANINGS[v.meaning].site] : AUTH0_URL;
  return `${base}?kb-variant=${encodeURIComponent(name)}`;
}

/// The values of the variants served or asked about so far, by name (generated once per name).
const values = new Map();
function valuesOf(name, v) {
  if (!values.has(name)) values.set(name, v.side === 'keys' ? KEY_MEANINGS[v.meaning].make() : {});
  return values.get(name);
}

/// Forgets every variant's values: the next request or `expected()` makes fresh ones.
export function resetVariants() { values.clear(); }

/// What a person would capture (key pages) or fill (Auth0 forms) on variant `name`; see the top of this file.
export function expected(name) {
  const v = parse(name);
  if (!v) throw new Error(`unknown variant ${name}`);
  if (v.side === 'keys') {
    const data = valuesOf(name, v);
    const pairs = data.pairs && data.pairs.map((p) => ({ ...p }));
    const taken = new Set((pairs ?? []).flatMap((p) => [p.key, p.secret]));
    // The page's other credential-like values (access tokens, bearer tokens, a second key): never kept.
    const others = data.sections.flatMap((s) => s.rows.map(([, value]) => value)).filter((value) => /^[^\s•]{20,}$/.test(value) && !taken.has(value));
    return { side: 'keys', pairs, others };
  }
  return { side: 'auth0', wants: FORM_MEANINGS[v.meaning].wants, fields: { key: '', secret: '', 'hidden-client-id': '', search: '' },
    // The React form shows what its own state holds.
    ...(FORM_STYLES[v.style].react ? { state: true } : {}) };
}

/// The server's hook: answers `?kb-variant=<name>` (and `&kb-frame=1`, the iframe style's document), or a 404.
export function handleVariant(url) {
  const name = url.searchParams.get('kb-variant');
  const v = parse(name);
  const frame = url.searchParams.get('kb-frame') === '1';
  if (!v || (frame && v.style !== 'iframe')) {
    return { status: 404, body: `<!doctype html><title>Not found</title><h1>No variant ${esc(name)}</h1>` };
  }
  if (v.side === 'keys') {
    const body = keyPage(name, v.meaning, v.style, valuesOf(name, v), frame);
    return frame ? { body, frameAncestors: "'self'" } : { body };
  }
  const { form, page } = formPage(name, v.meaning, v.style);
  if (frame) return { body: document_({ title: 'Settings', lang: FORM_MEANINGS[v.meaning].lang, body: `<main>${form}</main>`, frame: true }), frameAncestors: "'self'" };
  return { body: page };
}
