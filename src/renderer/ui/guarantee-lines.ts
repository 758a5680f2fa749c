/** The paragraphs said of a guarantee beside its wording, wherever it is shown (tooltip, source panel). */
import type { Source } from '../../shared/core/catalogue-schema';
import { h } from './dom';

export function conditionsLine(conditions: string | null | undefined): HTMLParagraphElement | null {
  return conditions ? h('p', { class: 'conditions', text: `Conditions : ${conditions}` }) : null;
}

export function triggerLine(trigger: string | null | undefined): HTMLParagraphElement | null {
  return trigger ? h('p', { text: `Fait générateur : ${trigger}` }) : null;
}

/** A source in a cell or a tooltip: « section (l. a–b) ». */
export function sourceWhere(s: Pick<Source, 'section' | 'lines'>): string {
  return `${s.section} (l. ${s.lines[0]}–${s.lines[1]})`;
}
