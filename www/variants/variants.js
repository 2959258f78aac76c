// Behaviour of the variant corpus's pages (www/variants/generate.mjs), configured by data attributes (the
// replica's CSP allows no inline script):
//   [data-kb-late="<ms>"]   replaced, after <ms>, by the <template class="kb-late-content"> that follows it;
//   #kb-react[data-kb-react] a React 18 form that remounts its inputs on every change (each input's `key`
//                            follows the state's version) and shows its state in <pre id="state">.
// When the page is rendered, <html data-kb-rendered> is set: the test's sign that a person sees the content.
(() => {
  'use strict';
  const rendered = () => { document.documentElement.dataset.kbRendered = 'true'; };
  let pending = 0;
  const done = () => { if (--pending <= 0) rendered(); };

  for (const spinner of document.querySelectorAll('[data-kb-late]')) {
    const template = spinner.nextElementSibling;
    if (template?.tagName !== 'TEMPLATE') continue;
    pending++;
    setTimeout(() => {
      spinner.replaceWith(template.content.cloneNode(true));
      template.remove();
      done();
    }, Number(spinner.dataset.kbLate) || 800);
  }

  const root = document.getElementById('kb-react');
  if (root && globalThis.React && globalThis.ReactDOM) {
    pending++;
    const config = JSON.parse(root.dataset.kbReact);
    const h = React.createElement;
    function Form() {
      const [state, setState] = React.useState(() => Object.fromEntries(config.fields.map((f) => [f.id, ''])));
      const [version, setVersion] = React.useState(0);
      const change = (id) => (e) => {
        const value = e.target.value;
        setState((s) => ({ ...s, [id]: value }));
        setVersion((n) => n + 1);
      };
      React.useEffect(() => { done(); }, []);
      return h(React.Fragment, null,
        h('form', { className: 'card settings', method: 'post', action: '#', noValidate: true, onSubmit: (e) => e.preventDefault() },
          h('input', { type: 'text', hidden: true, name: config.hidden, autoComplete: 'off', tabIndex: -1, defaultValue: '', 'data-kb-field': 'hidden-client-id' }),
          config.fields.map((f) => h('div', { className: 'field', key: f.id },
            h('label', { htmlFor: f.id }, f.label),
            // A new key on every change: React drops the element and mounts another in its place.
            h('input', { key: `${f.id}-${version}`, type: f.type, id: f.id, name: f.id, autoComplete: 'off', spellCheck: false,
              value: state[f.id], onChange: change(f.id), 'data-kb-field': f.marker,
              'aria-describedby': f.help ? `${f.id}-help` : undefined }),
            f.help && h('p', { className: 'help', id: `${f.id}-help` }, f.help))),
          h('button', { type: 'submit', className: 'btn btn-primary' }, config.save)),
        h('pre', { id: 'state', className: 'state' }, JSON.stringify(state)));
    }
    ReactDOM.createRoot(root).render(h(Form));
  }

  if (pending === 0) rendered();
})();
