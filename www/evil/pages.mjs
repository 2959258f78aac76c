// Hostile pages for the security tests, served on the lookalike hosts: a page that only watches, and a
// real-looking Auth0 Twitter form meant to sit in an iframe of the Auth0 replica.
const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/__replica/auth0.css"><script src="/__replica/recorder.js"></script></head><body>${body}</body></html>`;

const FORM = `<form aria-label="Twitter settings"><h1>Twitter</h1>
  <div class="field"><label for="client_id">API Key</label><input id="client_id" name="client_id" type="text"></div>
  <div class="field"><label for="client_secret">API Secret Key</label><input id="client_secret" name="client_secret" type="password"></div>
  <button type="submit" class="btn-primary">Save</button></form>`;

export function handleEvil(url) {
  if (url.pathname === '/__evil/page') {
    return { body: page('Auth0 Dashboard', `<main class="content">${FORM}</main>`) };
  }
  if (url.pathname === '/__evil/form') {
    // Framable only by the Auth0 replica, which embeds it in its hostile setting.
    return { body: page('Twitter', FORM), frameAncestors: 'https://manage.auth0.com' };
  }
  return null;
}
