// Starts the Rust popup; the only browser call it needs is a message to the background.
import init, { startPopup } from './core.js';

const api = globalThis.browser ?? globalThis.chrome;
// The core, and the keyboard shortcuts the admin has (they can change or remove them in the browser's
// settings), side by side.
const [commands] = await Promise.all([
  api.commands.getAll().catch(() => []),
  init({ module_or_path: new URL('core_bg.wasm', import.meta.url) }),
]);
const shortcut = (name) => commands.find((c) => c.name === name)?.shortcut ?? '';
const refreshPopup = startPopup(document.getElementById('app'), (message) => api.runtime.sendMessage(message),
  (id, args) => api.i18n.getMessage(id, args), { capture: shortcut('capture-keys'), fill: shortcut('fill-auth0') });

// Keep the tab lines true while the popup is open: a tab opened, closed, or moved to another page.
let pending = 0;
const refresh = () => {
  clearTimeout(pending);
  pending = setTimeout(refreshPopup, 150);
};
api.tabs.onUpdated.addListener((id, change) => { if (change.url || change.title || change.status === 'complete') refresh(); });
api.tabs.onRemoved.addListener(refresh);
api.tabs.onCreated.addListener(refresh);
api.tabs.onActivated.addListener(refresh);
// Single-page apps render after their URL changes; while the popup is open, look again now and then.
setInterval(refreshPopup, 1500);
