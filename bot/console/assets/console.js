// ce-bot admin console: small progressive enhancements only; every page works without this script.
document.addEventListener('submit', (ev) => {
  const form = ev.target;
  const msg = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (msg && !window.confirm(msg)) ev.preventDefault();
});
// Import form: show only the options of the chosen kind.
const kind = document.querySelector('select[name=kind][data-switch]');
if (kind) {
  const sync = () => {
    for (const el of document.querySelectorAll('[data-for-kind]')) el.hidden = !el.dataset.forKind.split(' ').includes(kind.value);
  };
  kind.addEventListener('change', sync);
  sync();
}
