// A minimal W3C WebDriver client for geckodriver: just what the Firefox end-to-end tests need.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor(what, probe, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startGeckodriver(binary) {
  const port = await freePort();
  const websocket = await freePort();
  const child = spawn(binary, ['--port', String(port), '--websocket-port', String(websocket), '--allow-system-access'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Firefox's own chrome-script noise (its internals' errors and warnings) is dropped; the rest is shown.
  const NOISE = /^(JavaScript (error|warning): |\*\*\* You are running in headless mode)|^\S*@(https?|moz-extension|resource|chrome):\S*:\d+:\d+$/;
  // Every line also goes to `listeners` (a test's record of the browser's console: pages' and the add-on's
  // console messages come here with Firefox's devtools.console.stdout.* prefs).
  const listeners = new Set();
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        for (const listener of listeners) listener(line);
        if (stream === child.stderr && line && !NOISE.test(line) && !line.startsWith('console.')) process.stderr.write(`${line}\n`);
      }
    });
  }
  const base = `http://127.0.0.1:${port}`;
  await waitFor('geckodriver', async () => (await fetch(`${base}/status`)).ok);
  return { base, listeners, stop: () => child.kill() };
}

export class Session {
  static async create(base, capabilities) {
    const s = new Session(base, '');
    const { sessionId } = await s.call('POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    s.id = sessionId;
    return s;
  }

  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  async call(method, path, body) {
    const url = path === '/session' ? `${this.base}/session` : `${this.base}/session/${this.id}${path}`;
    const r = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }

  installAddon(path) { return this.call('POST', '/moz/addon/install', { path, temporary: true }); }
  goto(url) { return this.call('POST', '/url', { url }); }
  async newWindow() { return (await this.call('POST', '/window/new', { type: 'window' })).handle; }
  currentWindow() { return this.call('GET', '/window'); }
  switchTo(handle) { return this.call('POST', '/window', { handle }); }
  async find(css) { return (await this.call('POST', '/element', { using: 'css selector', value: css }))[ELEMENT]; }
  async findAll(css) { return (await this.call('POST', '/elements', { using: 'css selector', value: css })).map((e) => e[ELEMENT]); }
  click(el) { return this.call('POST', `/element/${el}/click`, {}); }
  text(el) { return this.call('GET', `/element/${el}/text`); }
  property(el, name) { return this.call('GET', `/element/${el}/property/${name}`); }
  enabled(el) { return this.call('GET', `/element/${el}/enabled`); }
  executeAsync(script, args = []) { return this.call('POST', '/execute/async', { script, args }); }
  /// Runs `script` (a function body) with `args`; a returned Promise is awaited, elements become references.
  executeSync(script, args = []) { return this.call('POST', '/execute/sync', { script, args }); }
  clear(el) { return this.call('POST', `/element/${el}/clear`, {}); }
  type(el, text) { return this.call('POST', `/element/${el}/value`, { text }); }
  close() { return this.call('DELETE', '', undefined).catch(() => {}); }
}
