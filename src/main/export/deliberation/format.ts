/** The styles and wordings the deliberation's sheets share. */
import { formatDateFr } from '../../../shared/core/format';
import { NUMFMT_COUNT, NUMFMT_EURO, NUMFMT_EURO_SIGNED, NUMFMT_PERCENT_SIGNED, numberStyle } from '../styles';
import type { SideName } from './grid';
import type { DeliberationSide } from './types';

export const EURO = numberStyle(NUMFMT_EURO);
export const EURO_SIGNED = numberStyle(NUMFMT_EURO_SIGNED);
export const PERCENT_SIGNED = numberStyle(NUMFMT_PERCENT_SIGNED);
export const COUNT = numberStyle(NUMFMT_COUNT);

export const SIDE_WORD: Record<SideName, string> = { before: 'Avant', after: 'Après' };

/** "Avant : <label> — du … au … (calculé par Grille)". */
export function sideTitle(side: DeliberationSide, name: string): string {
  const dates =
    side.effectiveFrom && side.effectiveTo
      ? ` — du ${formatDateFr(side.effectiveFrom)} au ${formatDateFr(side.effectiveTo)}`
      : side.effectiveFrom
        ? ` — à compter du ${formatDateFr(side.effectiveFrom)}`
        : side.effectiveTo
          ? ` — jusqu’au ${formatDateFr(side.effectiveTo)}`
          : '';
  return `${name} : ${side.label}${dates}${side.computed ? ' (calculé par Grille)' : ''}`;
}
