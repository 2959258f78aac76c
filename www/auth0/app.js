// The Auth0 dashboard replica: real React 18 (UMD from npm), controlled inputs, data loaded after a spinner.
// Routes follow real-pages.md §4: /dashboard/<region>/<tenant>/connections/social/con_<16>/settings.
// [I] the exact markup and the field labels of the current era ("API Key" / "API Secret Key").
(() => {
  'use strict';
  const h = React.createElement;
  const { useEffect, useState } = React;

  const route = location.pathname.match(
    /^\/dashboard\/([a-z0-9-]+)\/([a-z0-9-]+)\/connections\/social\/(con_[A-Za-z0-9]{16})\/(settings|applications)\/?$/,
  );

  const Spinner = () => h('div', { className: 'spinner', role: 'progressbar', 'aria-label': 'Loading' });

  function Field({ id, label, type, value, onChange, help }) {
    return h('div', { className: 'field' },
      h('label', { htmlFor: id }, label),
      h('input', { id, name: id, type, value, autoComplete: 'off', spellCheck: false, onChange: (e) => onChange(e.target.value) }),
      h('p', { className: 'help' }, help));
  }

  function TwitterSettings({ connectionId }) {
    const [loaded, setLoaded] = useState(false);
    const [clientId, setClientId] = useState('');
    const [clientSecret, setClientSecret] = useState('');
    const [syncAttributes, setSyncAttributes] = useState(true);
    const [saved, setSaved] = useState(null);
    useEffect(() => {
      fetch(`/api/v2/connections/${connectionId}`).then((r) => r.json()).then((c) => {
        setClientId(c.options.client_id);
        setClientSecret(c.options.client_secret);
        setLoaded(true);
      });
    }, [connectionId]);
    if (!loaded) return h(Spinner);
    const onSubmit = async (e) => {
      e.preventDefault();
      const options = { client_id: clientId, client_secret: clientSecret, protocol: 'oauth1' };
      const r = await fetch(`/api/v2/connections/${connectionId}`, {
        method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ options }),
      });
      // What React's state held at the moment of Save: the tests read this to prove React saw the fill.
      setSaved({ status: r.ok ? 'saved' : 'failed', client_id: clientId, client_secret: clientSecret });
    };
    return h('form', { onSubmit, 'aria-label': 'Twitter settings' },
      h('input', { type: 'hidden', name: 'strategy', value: 'twitter' }),
      h(Field, { id: 'client_id', label: 'API Key', type: 'text', value: clientId, onChange: setClientId,
        help: 'Your Twitter app’s API Key (also called Consumer Key).' }),
      h(Field, { id: 'client_secret', label: 'API Secret Key', type: 'password', value: clientSecret, onChange: setClientSecret,
        help: 'For security purposes, we don’t show your existing API Secret Key.' }),
      h('div', { className: 'field' }, h('label', null,
        h('input', { type: 'checkbox', checked: syncAttributes, onChange: (e) => setSyncAttributes(e.target.checked) }),
        ' Sync user profile attributes at each login')),
      h('button', { type: 'submit', className: 'btn-primary' }, 'Save'),
      saved && h('pre', { id: 'saved-state', className: 'saved', role: 'status' }, JSON.stringify(saved)));
  }

  function Shell({ children }) {
    const base = route ? `/dashboard/${route[1]}/${route[2]}` : '';
    return h('div', { className: 'shell' },
      h('nav', { className: 'sidebar', 'aria-label': 'Main' },
        h('a', { href: `${base}/` }, 'Getting Started'), h('a', { href: `${base}/applications` }, 'Applications'),
        h('a', { href: `${base}/connections/database` }, 'Authentication'), h('a', { href: `${base}/connections/social` }, 'Social'),
        h('a', { href: `${base}/users` }, 'User Management')),
      h('div', { className: 'page' },
        h('div', { className: 'topbar' },
          h('input', { type: 'search', placeholder: 'Search for docs, settings, and more', 'aria-label': 'Search' }),
          h('span', null, route ? route[2] : '')),
        h('main', { className: 'content' }, children)));
  }

  function App() {
    if (!route) return h(Shell, null, h('h1', null, 'Getting Started'));
    const [, , , connectionId, tab] = route;
    const tabHref = (t) => location.pathname.replace(/\/(settings|applications)\/?$/, `/${t}`);
    return h(Shell, null,
      h('a', { href: tabHref('settings').replace(/\/con_[^/]+\/settings$/, '') }, '← Back to Social Connections'),
      h('h1', null, 'Twitter'),
      h('p', null, 'Identifier ', h('code', null, connectionId)),
      h('nav', { className: 'tabs', 'aria-label': 'Connection' },
        h('a', { href: tabHref('settings'), className: tab === 'settings' ? 'active' : '' }, 'Settings'),
        h('a', { href: tabHref('applications'), className: tab === 'applications' ? 'active' : '' }, 'Applications')),
      tab === 'settings' ? h(TwitterSettings, { connectionId }) : h('p', null, 'Applications using this connection.'));
  }

  ReactDOM.createRoot(document.getElementById('root')).render(h(App));
})();
