/** The head of a view: its title and the one paragraph that says what to do in it. */
import { h } from './dom';

export function viewHead(title: string, lead: string): HTMLDivElement {
  return h('div', { class: 'view-head' }, h('h2', { text: title }), h('p', { class: 'lead', text: lead }));
}
