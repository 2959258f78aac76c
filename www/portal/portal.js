// The page script of X's developer sites (the portal and the console): the copy buttons of the one-time
// dialog, and the console's "Show" toggle, which still shows the Consumer Key masked (real-pages.md §2b).
document.addEventListener('click', (e) => {
  const show = e.target.closest?.('button[data-show]');
  if (show) {
    show.setAttribute('aria-pressed', String(show.getAttribute('aria-pressed') !== 'true'));
    return;
  }
  const button = e.target.closest?.('button[data-copy]');
  if (!button) return;
  const value = document.getElementById(button.dataset.copy)?.textContent ?? '';
  navigator.clipboard?.writeText(value).then(() => { button.textContent = 'Copied'; }, () => {});
});
