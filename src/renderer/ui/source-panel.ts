/** The panel under a grid that shows where the focused value comes from (keyboard users read it here). */
import type { Source } from '../../shared/core/catalogue-schema';
import { h, replace, type Child } from './dom';
import { sourceBlock } from './explain';

export function sourcePanel(): { element: HTMLElement; show(title: string, parts: Child[], sources: { source: Source; documentTitle?: string | null }[]): void; clear(text?: string): void } {
  const element = h('aside', { class: 'source-panel', attrs: { 'aria-live': 'polite', 'aria-label': 'Source de la valeur sélectionnée' } });
  const clear = (text = 'Sélectionnez une case pour voir sa source : document, article, citation et conditions.') => replace(element, h('p', { class: 'muted', text }));
  clear();
  return {
    element,
    clear,
    show(title, parts, sources) {
      replace(element, h('h4', { text: title }), ...parts, ...sources.map((s) => sourceBlock(s.source, s.documentTitle)));
      if (sources.length === 0) element.append(h('p', { class: 'muted', text: 'Aucune source : le document ne donne pas cette valeur.' }));
    },
  };
}
