/**
 * The short confirmation after a write (« Modification enregistrée : … »): one polite live region at
 * the top of the page, outside the views (a view reloads after a write), gone after a few seconds.
 */
import { button, h } from './dom';

const SHOWN_MS = 8000;
let timer: ReturnType<typeof setTimeout> | null = null;

export function confirmation(text: string): void {
  let region = document.getElementById('grille-confirmation');
  if (!region) {
    region = h('div', { id: 'grille-confirmation', class: 'toast', attrs: { role: 'status', 'aria-live': 'polite' } });
    document.body.append(region);
  }
  const slot = region;
  slot.replaceChildren(
    h('span', { class: 'toast-icon', text: '✓', attrs: { 'aria-hidden': 'true' } }),
    h('span', { class: 'toast-text', text, title: text }),
    button('×', () => slot.replaceChildren(), { class: 'toast-close', title: 'Fermer ce message', attrs: { 'aria-label': 'Fermer ce message' } }),
  );
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => slot.replaceChildren(), SHOWN_MS);
}
