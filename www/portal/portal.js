// The portal's own page script: the copy buttons of the one-time dialog.
document.addEventListener('click', (e) => {
  const button = e.target.closest?.('button[data-copy]');
  if (!button) return;
  const value = document.getElementById(button.dataset.copy)?.textContent ?? '';
  navigator.clipboard?.writeText(value).then(() => { button.textContent = 'Copied'; }, () => {});
});
