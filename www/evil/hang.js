// A page that stops answering (the security tests' "one slow tab"): half a second after load, its main
// thread is busy for `data-ms` milliseconds, so nothing in it, a content script included, can answer.
const ms = Number(document.currentScript?.dataset.ms ?? 0);
setTimeout(() => {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* busy */ }
}, 500);
