// Starts the Rust popup; the only browser call it needs is a message to the background.
import init, { startPopup } from './core.js';

const api = globalThis.browser ?? globalThis.chrome;
await init({ module_or_path: new URL('core_bg.wasm', import.meta.url) });
startPopup(document.getElementById('app'), (message) => api.runtime.sendMessage(message));
