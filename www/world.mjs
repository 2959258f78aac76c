// The replica world's state: Twitter apps with their keys, the Auth0 tenant and its Twitter connection.
// Test keys are generated to the documented formats (real-pages.md §3); never a real or leaked key.
import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function alnum(n) {
  const bytes = randomBytes(n);
  return Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('');
}

const digits = (n) => String(randomInt(1, 9)) + Array.from({ length: n - 1 }, () => randomInt(0, 10)).join('');

export function consumerPair() {
  return { consumerKey: alnum(25), consumerSecret: alnum(50) };
}

export function accessToken(ownerId) {
  const token = `${ownerId}-${alnum(50 - ownerId.length - 1)}`;
  return { accessToken: token, accessTokenSecret: alnum(45) };
}

export function newWorld() {
  const ownerId = digits(10);
  return {
    twitterApps: [{
      id: digits(8),
      name: 'Acme Sign-in',
      description: 'Sign in to Acme with Twitter',
      website: 'https://www.example.com',
      callbackUrl: '',
      signInWithTwitter: false,
      accessLevel: 'read-write',
      owner: 'acme_admin',
      ownerId,
      ...consumerPair(),
      token: accessToken(ownerId),
    }],
    tenant: {
      name: 'acme-demo',
      region: 'us',
      connection: { id: `con_${alnum(16)}`, clientId: '', clientSecret: '', enabledClients: [] },
      clients: [{ id: alnum(32), name: 'Default App' }, { id: alnum(32), name: 'Acme Web' }],
    },
  };
}
