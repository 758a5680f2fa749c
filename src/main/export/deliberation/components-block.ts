/**
 * The revision's components under the deliberation's tables: one row per component with its rate, the
 * overall rate (`=SUM(…)` additive, `=PRODUCT(1+…)-1` compound) and the coefficient (`=1+…`) that the
 * check block multiplies each "before" cell by (docs/RULINGS.md, règle 2).
 */
import { formatFactor, formatRationalPercent, percentOfFactor, type Rational } from '../../../shared/core/money';
import { sourceFileText } from '../../../shared/core/source-label';
import { cellAddress } from '../sheet-rows';
import { blockCell, blockRange, cellsRow, lineRange, noteRow, type BlockRows, type SheetGrid } from '../sheet-grid';
import { headerLeftStyle, headerStyle, numberStyle, numFmtDecimal, numFmtPercent, textStyle, titleStyle, totalLabelStyle, totalNumberStyle } from '../styles';
import { formula } from '../workbook-writer';
import type { DeliberationRevision } from './types';

/** Where the components stand: their rows, the overall rate's and the coefficient's. */
export interface ComponentsRows extends BlockRows {
  totalRow: number;
  coefRow: number;
}

/** Decimals of an exact percentage (59/10 → 1), 4 when it does not end within 8. */
function decimalsOf(percent: Rational): number {
  let num = percent.num < 0n ? -percent.num : percent.num;
  for (let d = 0; d <= 8; d++) {
    if (num % percent.den === 0n) return d;
    num *= 10n;
  }
  return 4;
}

function rateDecimals(rate: string): number {
  return (rate.split('.')[1] ?? '').length;
}

function ratio(r: Rational): number {
  return Number(r.num) / Number(r.den);
}

/** The components' table (rates in column B), then how the "after" side relates to them and their source. */
export function componentsBlock(g: SheetGrid, rev: DeliberationRevision, afterLabel: string, span: number): ComponentsRows {
  g.blank();
  g.add(cellsRow([['Composantes de la révision', titleStyle]], { height: 20 }));
  const block = g.block(cellsRow([['Composante', headerLeftStyle], ['Taux', headerStyle]]), rev.components, (c) =>
    cellsRow([
      [c.label, textStyle],
      [Number(c.rate) / 100, numberStyle(numFmtPercent(rateDecimals(c.rate)))],
    ]),
  );
  const percent = percentOfFactor(rev.factor);
  const dec = decimalsOf(percent);
  const rates = rev.components.map((_c, i) => blockCell(block, i, 2));
  // the rate as a fraction (5,9 % → 0,059), divided exactly rather than 5.9 / 100
  const asRate = ratio({ num: percent.num, den: percent.den * 100n });
  const total = rev.mode === 'additive' ? formula(`SUM(${blockRange(block, 2)})`, asRate) : formula(`PRODUCT(${rates.map((a) => `1+${a}`).join(',')})-1`, asRate);
  const totalRow = g.add(
    cellsRow([
      [rev.mode === 'additive' ? 'Hausse globale (somme des taux)' : 'Hausse globale (taux composés)', totalLabelStyle],
      [total, totalNumberStyle(numFmtPercent(dec))],
    ]),
  );
  const coefRow = g.add(
    cellsRow([
      ['Coefficient appliqué à chaque cotisation', totalLabelStyle],
      [formula(`1+${cellAddress(2, totalRow)}`, ratio(rev.factor)), totalNumberStyle(numFmtDecimal(dec + 2))],
    ]),
  );
  const how =
    rev.origin === 'revision'
      ? `Révision calculée par Grille (${rev.mode === 'additive' ? 'taux additionnés' : 'taux composés'}, hausse de ${formatRationalPercent(percent)}) : chaque cotisation « après » = cotisation « avant » × ${formatFactor(rev.factor)}, arrondie au centime le plus proche (demi vers le haut), cellule par cellule.`
      : `Composantes déclarées pour la version « ${afterLabel} » (${rev.mode === 'additive' ? 'taux additionnés' : 'taux composés'}, hausse de ${formatRationalPercent(percent)}). Le bloc « Contrôle » recalcule chaque cotisation à partir du tableau « avant ».`;
  g.add(noteRow(how, span));
  if (rev.source) g.add(noteRow(`Source : « ${rev.source.quote} » (${sourceFileText(rev.source.file)}, ${rev.source.section}, l. ${lineRange(rev.source)}).`, span));
  return { ...block, totalRow, coefRow };
}
