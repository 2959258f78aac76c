// The options page: a custom domain, the expiry of captured keys, which optional steps to show. Options
// are plain settings (no captured value ever); they live in storage.local under "options".
const api = globalThis.browser ?? globalThis.chrome;
const form = document.getElementById('options');
const status = document.getElementById('status');
const t = (id) => api.i18n.getMessage(id);

for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

async function load() {
  const { options = {} } = await api.storage.local.get('options');
  form.customDomain.value = options.customDomain ?? '';
  form.expiryMinutes.value = options.expiryMinutes ?? 10;
  form.showPermissions.checked = options.showPermissions !== false;
  form.showApplications.checked = options.showApplications !== false;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const domain = form.customDomain.value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const minutes = Number(form.expiryMinutes.value);
  const say = (tone, id) => { status.className = `notice ${tone}`; status.textContent = t(id); };
  if (domain && !DOMAIN.test(domain)) return say('error', 'optionsBadDomain');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) return say('error', 'optionsBadExpiry');
  const options = { customDomain: domain || null, expiryMinutes: minutes,
    showPermissions: form.showPermissions.checked, showApplications: form.showApplications.checked };
  await api.storage.local.set({ options });
  say('success', 'optionsSaved');
});

load();
