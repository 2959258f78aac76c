// Starts the popup. The static shell in popup.html is shown at once: its messages are put in here (the
// browser's i18n), and the first requests leave while the core loads. The core then binds the
// shell, shows the state and turns clicks into requests; the only browser call it needs is a message to
// the background. This script is async: it may run before the shell is parsed, so the requests leave
// first and the shell is waited for.
const api = globalThis.browser ?? globalThis.chrome;

// The wasm (preloaded by popup.html) is compiled now, beside the glue's import and the first request
// (compiling needs no glue; only instantiating does).
const wasm = WebAssembly.compileStreaming(fetch(new URL('core_bg.wasm', import.meta.url)));
const send = (message) => api.runtime.sendMessage(message);
// A glance (no page read: the tabs and captured keys as they are, the checklist as last seen) answers
// first. The full status (the background reads the open pages) is asked in the task after the glance's
// answer: by then the core, if ready, has shown the glance, without the page reads taking the machine's
// cores from it (4 ms sooner in paired runs).
const glance = send({ kind: 'glance' });
const status = glance.catch(() => {}).then(() => new Promise((shown) => setTimeout(shown)))
  .then(() => send({ kind: 'status' }));
const core = Promise.all([
  import('./core.js'),
  // The keyboard shortcuts the admin has (they can change or remove them in the browser's settings).
  api.commands.getAll().catch(() => []),
]);

if (document.readyState === 'loading') {
  await new Promise((parsed) => document.addEventListener('DOMContentLoaded', parsed, { once: true }));
}
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = api.i18n.getMessage(el.dataset.i18n);

const [{ default: init, startPopup }, commands] = await core;
await init({ module_or_path: await wasm });
// The core lays the checklist out (it scrolls to the current step): the stylesheet must be in by then.
const sheet = document.querySelector('link[rel="stylesheet"]');
if (sheet && !sheet.sheet) await new Promise((loaded) => { sheet.onload = sheet.onerror = loaded; });
const shortcut = (name) => commands.find((c) => c.name === name)?.shortcut ?? '';
const popup = startPopup(document.getElementById('app'), send, (id, args) => api.i18n.getMessage(id, args),
  { capture: shortcut('capture-keys'), fill: shortcut('fill-auth0') }, glance, status);

// Try connection: the browser asks the admin, in this very click (a permission prompt needs one), whether
// KeyBridge may read the pages where a Try ends, to say why it failed. Not awaited: the Try goes ahead
// either way, and "It works!" is read without it.
document.addEventListener('click', (event) => {
  if (!event.target.closest?.('[data-asks-access]')) return;
  const origins = api.runtime.getManifest().optional_host_permissions ?? [];
  // Called in the click itself (Firefox allows the prompt only there); granted already, it asks nothing.
  Promise.resolve(api.permissions.request({ origins })).catch(() => {});
}, true);

// Export: Copy and Download of one format's text as shown (placeholders only: the export never holds a key
// or a secret). The button says what happened for a moment.
const said = (button, id) => {
  const name = button.dataset.i18n;
  button.textContent = api.i18n.getMessage(id);
  setTimeout(() => { button.textContent = api.i18n.getMessage(name); }, 2000);
};
document.addEventListener('click', (event) => {
  const button = event.target.closest?.('[data-copy], [data-download]');
  if (!button) return;
  const text = document.getElementById(button.dataset.copy ?? button.dataset.download)?.textContent ?? '';
  if (button.dataset.copy) {
    navigator.clipboard.writeText(text).then(() => said(button, 'exportCopied'), () => said(button, 'exportCopyFailed'));
    return;
  }
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  Object.assign(document.createElement('a'), { href: url, download: button.dataset.filename }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  said(button, 'exportDownloaded');
});

// Keep the tab lines true while the popup is open: a tab opened, closed, or moved to another page. The
// core waits a moment for more changes, and also looks again now and then (single-page apps).
api.tabs.onUpdated.addListener((id, change) => { if (change.url || change.title || change.status === 'complete') popup.tabsChanged(); });
api.tabs.onRemoved.addListener(() => popup.tabsChanged());
api.tabs.onCreated.addListener(() => popup.tabsChanged());
api.tabs.onActivated.addListener(() => popup.tabsChanged());
