/**
 * The columns of the "Impact budgétaire" sheet: the lead columns of a headcount line (formula, segment,
 * statut and tranche when the headcounts have them, the count), then the amounts.
 */
import type { ImpactLine, ImpactResult } from '../../../shared/core/impact';
import type { Cell } from '../sheet-grid';
import { headerLeftStyle, headerStyle, textStyle } from '../styles';
import { COUNT } from './format';
import type { DeliberationData } from './types';

export interface ImpactLayout {
  /** the lead columns' headers, the count last */
  lead: string[];
  /** the count's column (1-based); amounts start after it */
  countColumn: number;
  /** span of the sheet's titles and notes */
  span: number;
  formulaLabel: Map<string, string>;
  segmentLabel: Map<string, string>;
  hasStatus: boolean;
  hasBand: boolean;
}

/** The number of amount columns after the lead. */
export const AMOUNT_COLUMNS = 9;

export function impactLayout(data: DeliberationData, result: ImpactResult): ImpactLayout {
  const p = data.product;
  const hasStatus = result.lines.some((l) => l.status !== null);
  const hasBand = result.lines.some((l) => l.band !== null);
  const lead = ['Formule', 'Segment', ...(hasStatus ? ['Statut'] : []), ...(hasBand ? ['Tranche'] : []), 'Effectif'];
  return {
    lead,
    countColumn: lead.length,
    span: lead.length + AMOUNT_COLUMNS,
    formulaLabel: new Map(p.formulas.map((f) => [f.code, f.label])),
    segmentLabel: new Map(p.segments.map((s) => [s.code, s.label])),
    hasStatus,
    hasBand,
  };
}

/** The i-th amount column (1-based column number). */
export function amountColumn(layout: ImpactLayout, i: number): number {
  return layout.countColumn + 1 + i;
}

export function impactWidths(layout: ImpactLayout): number[] {
  const L = layout.countColumn;
  return [...layout.lead.map((_x, i) => (i === 0 ? 22 : i === 1 ? 26 : i === L - 1 ? 10 : 12)), ...new Array<number>(AMOUNT_COLUMNS).fill(15)];
}

/** A table's header row: the lead headers, then the amounts'. */
export function headerCells(lead: readonly (string | null)[], amounts: readonly string[]): Cell[] {
  return [...lead.map((h): Cell => [h, headerLeftStyle]), ...amounts.map((h): Cell => [h, headerStyle])];
}

function statusWord(s: string | null): string {
  return s === 'retraite' ? 'retraité' : (s ?? '');
}

/** The lead cells of a headcount line. */
export function leadCells(layout: ImpactLayout, l: ImpactLine): Cell[] {
  return [
    [layout.formulaLabel.get(l.formula) ?? l.formula, textStyle],
    [layout.segmentLabel.get(l.segment) ?? l.segment, textStyle],
    ...(layout.hasStatus ? [[statusWord(l.status), textStyle] as Cell] : []),
    ...(layout.hasBand ? [[l.band ?? '', textStyle] as Cell] : []),
    [l.count, COUNT],
  ];
}
