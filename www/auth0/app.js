// The Auth0 dashboard replica: real React 18 (UMD from npm), both eras, as single-page apps that change
// routes without reloading and render their data after a short load (spinner first).
// - the seed's era (about 2017): hash routes on "/": #/connections/social, #/connections/social/twitter/
//   settings and …/clients [I: the exact hash routes of the Twitter settings and Clients views];
// - the current era: /dashboard/<region>/<tenant>/connections/social[/con_<16>/settings|applications], and
//   the Create Connection flow …/connections/social/create[/<provider>/setup] (real-pages.md §4).
// [I] all markup; labels "Consumer Key"/"Consumer Secret" (seed), "API Key"/"API Secret Key" (current),
// "Client ID"/"Client Secret" (2025 docs) selectable through the world's `fieldLabels`. Also [I] and chosen
// by the world: the setup page's help text (`createHelp`), how the settings page shows the connection's
// protocol (`protocolUi`), and the seed-era settings as a dialog over the list (`seedDialog`).
(() => {
  'use strict';
  const h = React.createElement;
  const { useEffect, useState } = React;
  const LOAD_MS = 250;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function api(path, method = 'GET', body) {
    await sleep(LOAD_MS);
    const r = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status}`);
    return r.json();
  }

  function useData(load, deps) {
    const [data, setData] = useState(null);
    useEffect(() => {
      let live = true;
      setData(null);
      load().then((d) => { if (live) setData(d); });
      return () => { live = false; };
    }, deps);
    return [data, setData];
  }

  function useLocation() {
    const read = () => ({ path: location.pathname, hash: location.hash });
    const [loc, setLoc] = useState(read);
    useEffect(() => {
      const on = () => setLoc(read());
      addEventListener('popstate', on);
      addEventListener('hashchange', on);
      return () => { removeEventListener('popstate', on); removeEventListener('hashchange', on); };
    }, []);
    return loc;
  }

  function navigate(href, state = null) {
    history.pushState(state, '', href);
    dispatchEvent(new PopStateEvent('popstate'));
  }

  function Link({ href, children, ...rest }) {
    const onClick = (e) => {
      if (href.startsWith('#') || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      navigate(href);
    };
    return h('a', { href, onClick, ...rest }, children);
  }

  const Spinner = () => h('div', { className: 'spinner', role: 'progressbar', 'aria-label': 'Loading' });

  const LABELS = {
    consumer: ['Consumer Key', 'Consumer Secret'],
    api: ['API Key', 'API Secret Key'],
    client: ['Client ID', 'Client Secret'],
  };

  // Each provider's strategy name (Management API); the catalogue's order [I].
  const STRATEGIES = { Amazon: 'amazon', Apple: 'apple', Facebook: 'facebook', GitHub: 'github', Google: 'google-oauth2',
    'Google / Gmail': 'google-oauth2', LinkedIn: 'linkedin', 'Microsoft Account': 'windowslive', Tumblr: 'tumblr', Twitter: 'twitter' };
  const CATALOGUE = ['Twitter', 'GitHub', 'Google', 'Facebook', 'LinkedIn', 'Tumblr', 'Apple', 'Amazon'];

  /// A provider's logo: a lettered disc as a data: image (the real logos are not ours to copy).
  const Logo = ({ provider }) => h('img', { className: 'logo', alt: provider, width: 32, height: 32,
    src: `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#1e212a"/><text x="16" y="21" font-size="14" font-family="sans-serif" text-anchor="middle" fill="#fff">${provider[0]}</text></svg>`)}` });

  /// What React's state held at the moment of Save or Create: the tests read this to prove React saw the fill.
  const SavedState = ({ saved }) => saved && h('pre', { id: 'saved-state', className: 'saved', role: 'status' }, JSON.stringify(saved));

  function Field({ id, label, type, value, onChange, help }) {
    return h('div', { className: 'field' },
      h('label', { htmlFor: id }, label),
      h('input', { id, name: id, type, value, autoComplete: 'off', spellCheck: false, onChange: (e) => onChange(e.target.value),
        'aria-describedby': help ? `${id}-help` : undefined }),
      help && h('p', { className: 'help', id: `${id}-help` }, help));
  }

  /// The settings form of the tenant's Twitter connection; or, with `other` ({ provider, strategy }), of another
  /// provider's connection, found by its strategy and saved by POST (made if missing).
  function ConnectionSettings({ boot, labels, other }) {
    const id = other ? null : boot.connection.id;
    const [conn] = useData(() => (other
      ? api('/api/v2/connections').then((list) => list.find((c) => c.strategy === other.strategy) ?? { options: { client_id: '', client_secret: '' } })
      : api(`/api/v2/connections/${id}`)), [id]);
    const [clientId, setClientId] = useState('');
    const [clientSecret, setClientSecret] = useState('');
    const [chosenProtocol, setProtocol] = useState(null);
    const [profile, setProfile] = useState(true);
    // A connection just made by the Create Connection flow arrives with what was submitted (history state).
    const [saved, setSaved] = useState(() => history.state?.saved ?? null);
    useEffect(() => {
      if (!conn) return;
      setClientId(conn.options.client_id);
      setClientSecret(conn.options.client_secret);
    }, [conn]);
    if (!conn) return h(Spinner);
    const protocol = chosenProtocol ?? conn.options.protocol;
    const [keyLabel, secretLabel] = LABELS[labels];
    // How the dashboard shows the protocol is not public [I]: per the world, not at all, in the help text, or a control.
    const protocolUi = boot.era === 'current' && !other ? boot.protocolUi : 'none';
    const keyHelp = protocolUi === 'help' ? (protocol === 'oauth2' ? 'OAuth 2.0 Client ID' : 'Consumer Key (OAuth 1.0a)') : keyLabel;
    const onSubmit = async (e) => {
      e.preventDefault();
      const options = { client_id: clientId, client_secret: clientSecret, protocol };
      try {
        if (other) await api('/api/v2/connections', 'POST', { name: other.strategy, strategy: other.strategy, options });
        else await api(`/api/v2/connections/${id}`, 'PATCH', { options });
        setSaved({ status: 'saved', client_id: clientId, client_secret: clientSecret, ...(protocolUi === 'control' ? { protocol } : {}) });
      } catch {
        setSaved({ status: 'failed' });
      }
    };
    const provider = other ? other.provider : boot.connection.provider;
    return h('form', { onSubmit, 'aria-label': `${provider || 'Connection'} settings` },
      h('input', { type: 'hidden', name: 'strategy', value: other ? other.strategy : provider.toLowerCase() }),
      h('input', { type: 'hidden', name: 'csrf', value: boot.csrf }),
      protocolUi === 'control' && h('div', { className: 'field' }, h('label', { htmlFor: 'protocol' }, 'Protocol'),
        h('select', { id: 'protocol', name: 'protocol', value: protocol, onChange: (e) => setProtocol(e.target.value) },
          h('option', { value: 'oauth2' }, 'OAuth 2.0'), h('option', { value: 'oauth1' }, 'OAuth 1.0a (legacy)'))),
      h(Field, { id: 'client_id', label: keyLabel, type: 'text', value: clientId, onChange: setClientId,
        help: `The ${keyHelp} of your ${provider} app.` }),
      h(Field, { id: 'client_secret', label: secretLabel, type: 'password', value: clientSecret, onChange: setClientSecret,
        help: `The ${secretLabel} of your ${provider} app.` }),
      h('fieldset', null, h('legend', null, 'Attributes'),
        h('label', { className: 'check' }, h('input', { type: 'checkbox', checked: profile, onChange: (e) => setProfile(e.target.checked) }), ' Basic Profile')),
      h('button', { type: 'submit', className: 'btn-primary' }, 'Save'),
      h(SavedState, { saved }));
  }

  function ConnectionClients({ boot }) {
    const id = boot.connection.id;
    const [clients, setClients] = useData(() => api(`/api/v2/connections/${id}/clients`), [id]);
    const [saved, setSaved] = useState(null);
    if (!clients) return h(Spinner);
    const toggle = (clientId) => setClients(clients.map((c) => (c.client_id === clientId ? { ...c, status: !c.status } : c)));
    const onSubmit = async (e) => {
      e.preventDefault();
      await api(`/api/v2/connections/${id}/clients`, 'PATCH', clients.map(({ client_id, status }) => ({ client_id, status })));
      setSaved(clients.filter((c) => c.status).map((c) => c.name));
    };
    return h('form', { onSubmit, 'aria-label': 'Applications using this connection' },
      h('p', null, boot.era === 'seed' ? 'Enable this connection for the following clients.' : 'Enable the toggle for each of your Auth0 applications that should use this connection.'),
      h('ul', { className: 'clients' }, clients.map((c) => h('li', { key: c.client_id },
        h('label', { className: 'switch' },
          h('input', { type: 'checkbox', role: 'switch', name: `client-${c.client_id}`, checked: c.status, onChange: () => toggle(c.client_id) }),
          h('span', { className: 'client-name' }, c.name)),
        h('span', { className: 'client-type' }, c.type)))),
      h('button', { type: 'submit', className: 'btn-primary' }, 'Save'),
      saved && h('pre', { id: 'saved-clients', className: 'saved', role: 'status' }, JSON.stringify(saved)));
  }

  const PROVIDERS = ['Amazon', 'Apple', 'Facebook', 'GitHub', 'Google / Gmail', 'LinkedIn', 'Microsoft Account', 'Twitter'];

  function TryMenu({ boot }) {
    const [open, setOpen] = useState(false);
    return h('div', { className: 'menu' },
      h('button', { type: 'button', className: 'icon-btn', 'aria-label': 'More actions', 'aria-expanded': open, onClick: () => setOpen(!open) }, '…'),
      open && h('ul', { role: 'menu' }, h('li', { role: 'none' },
        h('button', { type: 'button', role: 'menuitem', onClick: () => { setOpen(false); window.open(boot.tryUrl, '_blank'); } }, 'Try Connection'))));
  }

  /// The seed era's settings of one provider as a modal dialog over the list, the route unchanged [I].
  function ConnectionDialog({ boot, provider, onClose }) {
    const ref = React.useRef(null);
    useEffect(() => {
      const opener = document.activeElement;
      ref.current.focus();
      const onKey = (e) => { if (e.key === 'Escape') onClose(); };
      addEventListener('keydown', onKey);
      return () => { removeEventListener('keydown', onKey); opener?.focus?.(); };
    }, []);
    // Every provider's dialog looks alike (real-pages.md §4): only the heading and logo say which it is.
    const other = provider === 'Twitter' ? null : { provider, strategy: STRATEGIES[provider] };
    return h('div', { className: 'backdrop' }, h('div', { ref, className: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'dialog-title', tabIndex: -1 },
      h('div', { className: 'conn-header' }, h(Logo, { provider }), h('h2', { id: 'dialog-title' }, provider),
        h('button', { type: 'button', className: 'icon-btn close', 'aria-label': 'Close', onClick: onClose }, '×')),
      h(ConnectionSettings, { boot, labels: boot.fieldLabels || 'consumer', other })));
  }

  function SocialList({ boot, base }) {
    const [list] = useData(() => api('/api/v2/connections?strategy=social'), []);
    const [query, setQuery] = useState('');
    const [open, setOpen] = useState(null);
    if (!list) return h(Spinner);
    const shown = PROVIDERS.filter((p) => p.toLowerCase().includes(query.toLowerCase()));
    if (boot.era === 'seed') {
      const tile = (p) => (boot.seedDialog
        ? h('button', { key: p, type: 'button', className: 'tile', 'aria-haspopup': 'dialog', onClick: () => setOpen(p) }, p)
        : h('a', { key: p, className: 'tile', href: p === 'Twitter' ? '#/connections/social/twitter/settings' : '#/connections/social' }, p));
      return h('div', null, h('h1', null, 'Social Connections'),
        h('p', null, 'Configure social connections like Facebook, Twitter, Github and others so that you can let your users login with them.'),
        h('div', { className: 'tiles' }, PROVIDERS.map(tile)),
        open && h(ConnectionDialog, { key: open, boot, provider: open, onClose: () => setOpen(null) }));
    }
    return h('div', null, h('div', { className: 'conn-header' }, h('h1', null, 'Social Connections'),
      h(Link, { href: `${base}/connections/social/create`, className: 'btn-primary' }, '+ Create Connection')),
      h(SavedState, { saved: history.state?.saved }),
      h('input', { type: 'search', placeholder: 'Search social connections', 'aria-label': 'Search social connections', value: query, onChange: (e) => setQuery(e.target.value) }),
      h('table', { className: 'list' }, h('tbody', null, shown.map((p) => h('tr', { key: p },
        h('td', null, p === 'Twitter' ? h(Link, { href: `${base}/connections/social/${boot.connection.id}/settings` }, 'twitter') : h('span', { className: 'muted' }, p.toLowerCase())),
        h('td', null, p === 'Twitter' ? 'Twitter' : 'Not configured'),
        h('td', null, p === 'Twitter' && h(TryMenu, { boot })))))));
  }

  function CreateCatalogue({ base }) {
    return h('div', null, h(Link, { href: `${base}/connections/social` }, '← Back to Social Connections'),
      h('h1', null, 'New Social Connection'),
      h('p', null, 'Choose the identity provider your users will log in with.'),
      h('ul', { className: 'tiles catalogue' }, CATALOGUE.map((p) => h('li', { key: p },
        h(Link, { className: 'tile', href: `${base}/connections/social/create/${p.toLowerCase()}/setup` }, h(Logo, { provider: p }),
          // The logo's alt text names the link; the visible name is for the eye only (no doubled name).
          h('span', { 'aria-hidden': 'true' }, p))))));
  }

  /// The setup page of a new connection: Name, Client ID, Client Secret, Create. A Twitter connection made
  /// here speaks OAuth 2.0 (real-pages.md §2c).
  function CreateSetup({ boot, base, provider }) {
    const strategy = STRATEGIES[provider];
    const [name, setName] = useState(strategy);
    const [clientId, setClientId] = useState('');
    const [clientSecret, setClientSecret] = useState('');
    const [saved, setSaved] = useState(null);
    const twitter = strategy === 'twitter';
    const help = (what) => (boot.createHelp === 'none' ? `${what} of your ${provider} app.`
      : `The OAuth 2.0 ${what} of your ${twitter ? 'X' : provider} app${twitter ? ' (Keys and tokens)' : ''}.`);
    const onSubmit = async (e) => {
      e.preventDefault();
      const options = { client_id: clientId, client_secret: clientSecret, ...(twitter ? { protocol: 'oauth2' } : {}) };
      try {
        const conn = await api('/api/v2/connections', 'POST', { name, strategy, options });
        // What React's state held at Create travels with the navigation, for the next page to show.
        const submitted = { status: 'created', name, client_id: clientId, client_secret: clientSecret };
        if (twitter) boot.connection.protocol = 'oauth2';
        navigate(twitter ? `${base}/connections/social/${conn.id}/settings` : `${base}/connections/social`, { saved: submitted });
      } catch {
        setSaved({ status: 'failed' });
      }
    };
    return h('div', null, h(Link, { href: `${base}/connections/social/create` }, '← Back'),
      h('div', { className: 'conn-header' }, h(Logo, { provider }), h('h1', null, `New ${provider} Connection`)),
      h('form', { onSubmit, 'aria-labelledby': 'general-title' },
        h('h2', { id: 'general-title' }, 'General'),
        h(Field, { id: 'name', label: 'Name', type: 'text', value: name, onChange: setName,
          help: 'A name for the connection: letters, digits and "-". It cannot be changed later.' }),
        h(Field, { id: 'client_id', label: 'Client ID', type: 'text', value: clientId, onChange: setClientId, help: help('Client ID') }),
        h(Field, { id: 'client_secret', label: 'Client Secret', type: 'password', value: clientSecret, onChange: setClientSecret, help: help('Client Secret') }),
        h('button', { type: 'submit', className: 'btn-primary' }, 'Create'),
        h(SavedState, { saved })));
  }

  function TwitterConnection({ boot, tab, hrefs }) {
    // [I] the current era labels an OAuth 2.0 connection's fields as Auth0's docs do (Client ID / Client
    // Secret), an older OAuth 1.0a one "API Key" / "API Secret Key".
    const labels = boot.fieldLabels || (boot.era === 'seed' ? 'consumer' : boot.connection.protocol === 'oauth2' ? 'client' : 'api');
    const tabLink = (t, label) => (boot.era === 'seed'
      ? h('a', { href: hrefs[t], className: tab === t ? 'active' : '', 'aria-current': tab === t ? 'page' : undefined }, label)
      : h(Link, { href: hrefs[t], className: tab === t ? 'active' : '', 'aria-current': tab === t ? 'page' : undefined }, label));
    return h('div', null,
      boot.era === 'seed' ? h('a', { href: '#/connections/social' }, '← Social Connections') : h(Link, { href: hrefs.list }, '← Back to Social Connections'),
      // Every social connection looks alike; only its heading names the provider (real-pages.md §4). A
      // world may show another provider (or none) here, as a page KeyBridge must refuse.
      h('div', { className: 'conn-header' }, h('h1', null, boot.connection.provider || 'Social connection'),
        boot.era === 'seed'
          ? h('button', { type: 'button', className: 'btn-secondary', onClick: () => window.open(boot.tryUrl, '_blank') }, 'Try')
          : h(TryMenu, { boot })),
      boot.era === 'current' && h('p', null, 'Identifier ', h('code', null, boot.connection.id)),
      h('nav', { className: 'tabs', 'aria-label': 'Connection' },
        tabLink('settings', 'Settings'), tabLink('clients', boot.era === 'seed' ? 'Clients' : 'Applications')),
      tab === 'settings' ? h(ConnectionSettings, { boot, labels }) : h(ConnectionClients, { boot }));
  }

  function Shell({ boot, base, children }) {
    const nav = boot.era === 'seed'
      ? [['#/', 'Dashboard'], ['#/clients', 'Clients'], ['#/apis', 'APIs'], ['#/connections/database', 'Connections: Database'], ['#/connections/social', 'Connections: Social'], ['#/users', 'Users']]
      : [[`${base}/`, 'Getting Started'], [`${base}/applications`, 'Applications'], [`${base}/connections/database`, 'Authentication: Database'], [`${base}/connections/social`, 'Authentication: Social'], [`${base}/users`, 'User Management']];
    return h('div', { className: `shell era-${boot.era}` },
      h('nav', { className: 'sidebar', 'aria-label': 'Main' }, nav.map(([href, label]) =>
        h(boot.era === 'seed' ? 'a' : Link, { key: href, href }, label))),
      h('div', { className: 'page' },
        h('div', { className: 'topbar' },
          h('input', { type: 'search', placeholder: 'Search for docs, settings, and more', 'aria-label': 'Search' }),
          h('div', { className: 'tenant', title: 'Tenant' },
            h('span', { className: 'tenant-name' }, boot.tenant.name), ' ',
            h('span', { className: 'tenant-domain' }, boot.tenant.domain))),
        h('main', { className: 'content' }, children)));
  }

  function App() {
    const loc = useLocation();
    const [boot] = useData(() => api('/api/v2/replica/bootstrap'), []);
    if (!boot) return h(Spinner);
    // The admin may belong to several tenants: the dashboard serves each at its own path (the replica's
    // other tenants show the same connection; the security tests open one beside the admin's).
    const under = (x) => loc.path.startsWith(`/dashboard/${x.region}/${x.name}/`) || loc.path === `/dashboard/${x.region}/${x.name}`;
    const t = [boot.tenant, ...(boot.otherTenants ?? [])].find(under) ?? boot.tenant;
    const base = `/dashboard/${t.region}/${t.name}`;
    if (loc.path === '/' || loc.path === '') {
      const seed = { ...boot, era: 'seed' };
      const hrefs = { settings: '#/connections/social/twitter/settings', clients: '#/connections/social/twitter/clients' };
      const route = loc.hash.replace(/^#/, '').replace(/\/$/, '');
      let view = h('h1', null, 'Dashboard');
      if (route === '/connections/social') view = h(SocialList, { boot: seed, base });
      if (route === '/connections/social/twitter/settings') view = h(TwitterConnection, { boot: seed, tab: 'settings', hrefs });
      if (route === '/connections/social/twitter/clients') view = h(TwitterConnection, { boot: seed, tab: 'clients', hrefs });
      return h(Shell, { boot: seed, base }, view);
    }
    const current = { ...boot, tenant: t, era: 'current' };
    if (!loc.path.startsWith(`${base}/`) && loc.path !== base) {
      return h(Shell, { boot: current, base }, h('h1', null, 'Tenant not found'));
    }
    const rest = loc.path.slice(base.length).replace(/\/$/, '');
    const m = rest.match(/^\/connections\/social\/(con_[A-Za-z0-9]{16})\/(settings|applications)$/);
    const create = rest.match(/^\/connections\/social\/create(?:\/([a-z0-9-]+)\/setup)?$/);
    let view = h('h1', null, 'Getting Started');
    if (rest === '/connections/social') view = h(SocialList, { boot: current, base });
    else if (create && !create[1]) view = h(CreateCatalogue, { base });
    else if (create) {
      const provider = CATALOGUE.find((p) => p.toLowerCase() === create[1]);
      view = provider ? h(CreateSetup, { key: provider, boot: current, base, provider }) : h('h1', null, 'Provider not found');
    } else if (m && m[1] === boot.connection.id) {
      const conn = `${base}/connections/social/${m[1]}`;
      view = h(TwitterConnection, { key: m[2], boot: current, tab: m[2] === 'settings' ? 'settings' : 'clients',
        hrefs: { settings: `${conn}/settings`, clients: `${conn}/applications`, list: `${base}/connections/social` } });
    } else if (m) view = h('h1', null, 'Connection not found');
    return h(Shell, { boot: current, base }, view);
  }

  ReactDOM.createRoot(document.getElementById('root')).render(h(App));
})();
