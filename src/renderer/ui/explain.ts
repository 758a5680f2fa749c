/** The explanation of an answer: hypothèses, refusals and sources, always shown beside the figures. */
import type { Source } from '../../shared/core/catalogue-schema';
import type { Hypothesis, Refusal } from '../../shared/core/pricing-types';
import { h, type Child } from './dom';
import { isUnsourced, unsourcedBlock } from './unsourced';

/** "document, section, lignes a-b" and the verbatim quote. */
export function sourceBlock(source: Source | null | undefined, documentTitle?: string | null): HTMLElement | null {
  if (!source) return null;
  if (isUnsourced(source)) return unsourcedBlock();
  const where = [documentTitle ?? source.file, source.section, `l. ${source.lines[0]}–${source.lines[1]}`].filter(Boolean).join(' · ');
  return h('div', { class: 'source' }, h('div', { class: 'source-where', text: where }), h('blockquote', { class: 'source-quote', text: `« ${source.quote} »` }));
}

export function hypothesesList(list: readonly Hypothesis[], title = 'Hypothèses'): HTMLElement | null {
  if (list.length === 0) return null;
  return h(
    'section',
    { class: 'explain explain-hypotheses' },
    h('h4', { text: title }),
    h('ul', null, ...list.map((x) => h('li', null, h('span', { text: x.text }), x.ruling ? h('span', { class: 'tag', text: ` règle ${x.ruling}` }) : null, sourceDetails(x.source)))),
  );
}

export function refusalsList(list: readonly Refusal[], title = 'Refus'): HTMLElement | null {
  if (list.length === 0) return null;
  return h(
    'section',
    { class: 'explain explain-refusals' },
    h('h4', { text: title }),
    h('ul', null, ...list.map((r) => h('li', null, h('span', { text: r.message }), r.rule ? sourceDetails(r.rule.source, r.rule.text) : null))),
  );
}

export function notesList(list: readonly string[]): HTMLElement | null {
  if (list.length === 0) return null;
  return h('ul', { class: 'notes' }, ...list.map((n) => h('li', { text: n })));
}

/** A closed "Source" disclosure: keyboard reachable, the quote only when asked for. */
export function sourceDetails(source: Source | null | undefined, ruleText?: string): HTMLElement | null {
  if (!source) return null;
  const children: Child[] = [h('summary', { text: 'Source' })];
  if (ruleText) children.push(h('p', { class: 'rule-text', text: ruleText }));
  children.push(sourceBlock(source));
  return h('details', { class: 'source-details' }, ...children);
}
