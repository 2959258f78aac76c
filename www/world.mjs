// The replica world's state: Twitter apps (legacy, developer portal and X Developer Console), the Auth0
// tenant, its Twitter connection and applications, and the sign-in requests under way. It changes only
// through the pages' own forms and buttons. Test keys are generated to the documented formats
// (real-pages.md §3): random, never a real or leaked key.
import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = `${ALNUM}-_`;

const pick = (alphabet, n) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
export const alnum = (n) => pick(ALNUM, n);
export const digits = (n) => String(randomInt(1, 10)) + Array.from({ length: n - 1 }, () => randomInt(0, 10)).join('');

export const consumerPair = () => ({ consumerKey: alnum(25), consumerSecret: alnum(50) });

export function accessToken(ownerId) {
  return { accessToken: `${ownerId}-${alnum(50 - ownerId.length - 1)}`, accessTokenSecret: alnum(45) };
}

/// OAuth 2.0 client credentials: the ID is base64 of `<20 chars>:1:ci` (so it ends in `MTpjaQ`).
export function oauth2Client() {
  return { clientId: Buffer.from(`${alnum(20)}:1:ci`).toString('base64').replace(/=+$/, ''), clientSecret: pick(URLSAFE, 50) };
}

export const bearerToken = () => `${'A'.repeat(22)}${alnum(20)}%3D${alnum(50)}`;

export const TENANT = { name: 'acme-demo', region: 'us' };
export const tenantDomain = (t) => `${t.name}.${t.region}.auth0.com`;

const OWNER = { owner: 'acme_admin', ownerId: digits(10) };

export function legacyApp(id, name, fields = {}) {
  return {
    site: 'legacy', id, name, description: 'Sign in to Acme with Twitter', website: 'https://www.example.com',
    // One Callback URL field on the legacy Settings tab; empty until the admin sets it.
    callbackUrl: '', signInWithTwitter: false, callbackLocking: false, accessLevel: 'read-write',
    requestEmail: false, suspended: false, token: null, ...OWNER, ...consumerPair(), ...fields,
  };
}

export function portalApp(id, name, site = 'portal') {
  return {
    site, id, name, suspended: false, ...OWNER, ...consumerPair(), oauth2: oauth2Client(),
    bearer: bearerToken(), token: null,
    // Set by the "User authentication settings" form; `null` until set up, then
    // { permissions, appType: 'native'|'web', callbackUrls: [...], websiteUrl, organizationName }.
    userAuth: null,
    // Values shown once, in the dialog after Generate/Regenerate; cleared once rendered.
    reveal: null,
  };
}

/// An app of the X Developer Console (real-pages.md §2b): the portal's app on another site.
export const consoleApp = (id, name) => portalApp(id, name, 'console');

export function newWorld() {
  return {
    twitterApps: [legacyApp(digits(8), 'Acme Sign-in')],
    portal: { projectId: digits(19), projectName: 'Acme Project', apps: [portalApp(digits(8), 'Acme Portal Sign-in')] },
    console: { accountId: digits(19), apps: [consoleApp(digits(19), 'Acme Console Sign-in')] },
    tenant: {
      ...TENANT,
      // `protocol` 'oauth1' (the seed's era) or 'oauth2' (what the Create Connection flow makes, §2c);
      // `created: true` once the Create Connection flow has (re)made it.
      connection: { id: `con_${alnum(16)}`, clientId: '', clientSecret: '', protocol: 'oauth1', enabledClients: [] },
      // Connections of other providers made by the Create Connection flow or the seed-era dialogs:
      // { id, strategy, name, clientId, clientSecret }.
      otherConnections: [],
      // The setup page's help under Client ID / Client Secret: 'oauth2' names the protocol, 'none' does not.
      createHelp: 'oauth2',
      // How the current-era settings page shows the connection's protocol [I]: 'none', 'help' (the Client ID
      // help text names it) or 'control' (a "Protocol" select, saved with the form).
      protocolUi: 'none',
      // The seed-era list opens each provider's settings as a dialog over the list [I].
      seedDialog: false,
      clients: [
        { id: alnum(32), name: 'Default App', type: 'Generic' },
        { id: alnum(32), name: 'Acme Web', type: 'Regular Web Application' },
        { id: alnum(32), name: 'Acme iOS', type: 'Native' },
      ],
      // The dashboard's own client, used by "Try": needs no enabling.
      globalClientId: alnum(32),
    },
    requests: new Map(),
  };
}

/// Every Twitter app of every era.
export const allApps = (world) => [...world.twitterApps, ...world.portal.apps, ...world.console.apps];

/// The callback URLs Twitter approves for an app.
export function approvedCallbacks(app) {
  if (app.site === 'legacy') return app.callbackUrl ? [app.callbackUrl] : [];
  return app.userAuth?.callbackUrls ?? [];
}

/// Whether the app may be used to sign in with Twitter.
export const signInAllowed = (app) => (app.site === 'legacy' ? app.signInWithTwitter : app.userAuth !== null);
