// KeyBridge background: owns the browser APIs and lends them to the Rust core, which decides everything.
import init, { expireCapture, handleCommand, handlePopupMessage, handleSaved } from './core.js';

// For `cargo xtask bench`: when this script started, when the wasm's response arrived and when the core was
// ready (ms since the worker's start).
const startup = { script: performance.now() };
globalThis.keyBridgeStartup = startup;
const api = globalThis.browser ?? globalThis.chrome;
const wasm = fetch(new URL('core_bg.wasm', import.meta.url)).then((response) => {
  startup.fetched = performance.now();
  return response;
});
const ready = init({ module_or_path: wasm });
ready.then(() => { startup.ready = performance.now(); });

// Storage only for KeyBridge's own pages and worker: a content script cannot read or change what is kept
// (storage.session is so by default; storage.local, which holds the options, is not). Where the browser
// has no such switch (Firefox), content scripts never touch storage: none of them calls it.
for (const area of [api.storage.local, api.storage.session]) {
  try {
    Promise.resolve(area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })).catch(() => {});
  } catch {
    // Not offered for this area by this browser.
  }
}

const EXPIRY_ALARM = 'forget-captured-keys';
const NO_RECEIVER = /Receiving end does not exist|Could not establish connection/i;

// Every call the core may make. Messages go to a tab's top frame only (frameId 0).
const browserApi = {
  queryTabs: () => api.tabs.query({}),
  getTab: (id) => api.tabs.get(id),
  async focusTab(id) {
    const tab = await api.tabs.update(id, { active: true });
    await api.windows.update(tab.windowId, { focused: true });
  },
  // A page of the guide the core named (never a page's own suggestion): a new tab in front.
  openTab: (url) => api.tabs.create({ url, active: true }),
  async sendToTab(id, message) {
    try {
      return await api.tabs.sendMessage(id, message, { frameId: 0 });
    } catch (e) {
      if (!NO_RECEIVER.test(String(e?.message ?? e))) throw e;
      // A tab opened before KeyBridge was installed has no content script yet: add it once, then ask again.
      await api.scripting.executeScript({ target: { tabId: id, frameIds: [0] }, files: ['content.js'] });
      return api.tabs.sendMessage(id, message, { frameId: 0 });
    }
  },
  sessionGet: async (key) => (await api.storage.session.get(key))[key],
  sessionGetAll: () => api.storage.session.get(null),
  sessionSet: (key, value) => api.storage.session.set({ [key]: value }),
  sessionRemove: (key) => api.storage.session.remove(key),
  scheduleExpiry: (when) => api.alarms.create(EXPIRY_ALARM, { when }),
  // Whether the admin let KeyBridge read the pages where a Try ends (the optional host permissions: the
  // tenant's sign-in pages, Twitter's authorize page). The popup asks for them when Try is clicked.
  tryPagesAllowed: () => api.permissions.contains({ origins: api.runtime.getManifest().optional_host_permissions ?? [] }),
  // Options are never secret (a custom domain, the expiry, which steps to show).
  optionsGet: async () => (await api.storage.local.get('options')).options,
};

// Registered synchronously so a restarted service worker still receives the message that woke it.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  // A content script says the admin saved a form KeyBridge filled (the targets' names only). Its tab's top
  // frame only; nothing else a content script says is heard. (The popup opened as a tab is KeyBridge's page.)
  if (sender.tab && !String(sender.url ?? '').startsWith(api.runtime.getURL(''))) {
    if (message?.kind === 'saved' && sender.frameId === 0 && Array.isArray(message.targets)) {
      ready.then(() => handleSaved(browserApi, message.targets, sender.origin ?? new URL(sender.url ?? 'about:blank').origin));
    }
    return false;
  }
  ready
    .then(() => handlePopupMessage(browserApi, message, sender.url ?? '', api.runtime.getURL('')))
    .then(sendResponse, (e) => sendResponse({ refused: String(e) }));
  return true;
});

api.commands.onCommand.addListener((command) => {
  ready.then(() => handleCommand(browserApi, command));
});

api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === EXPIRY_ALARM) ready.then(() => expireCapture(browserApi));
});
