/** The "Hypothèses" sheet: each assumption once, numbered, with its source when it has one. */
import type { Source } from '../../../shared/core/catalogue-schema';
import { sourceFileText } from '../../../shared/core/source-label';
import { lineRange, SheetGrid } from '../sheet-grid';
import { centerStyle, headerLeftStyle, textStyle } from '../styles';
import { landscapeFitToWidth, type SheetSpec } from '../workbook-writer';
import type { Grid } from './grid';
import { SHEET_ASSUMPTIONS, type DeliberationData } from './types';

export function assumptionsSheet(data: DeliberationData, grid: Grid): SheetSpec {
  const g = new SheetGrid();
  g.add({ values: ['N°', 'Hypothèse', 'Source'], style: headerLeftStyle });
  const items: { text: string; source: string }[] = [];
  const seen = new Set<string>();
  const add = (text: string, source: Source | null = null) => {
    if (seen.has(text)) return;
    seen.add(text);
    items.push({ text, source: source ? `« ${source.quote} » (${sourceFileText(source.file)}, l. ${lineRange(source)})` : '' });
  };
  add(`Avant : ${data.before.label}${data.before.version ? ` (version ${data.before.version})` : ''}. Après : ${data.after.label}${data.after.version ? ` (version ${data.after.version})` : ' (révision calculée)'}.`);
  for (const h of data.hypotheses) add(h.text, h.source);
  if (grid.derivedNote) add(grid.derivedNote);
  add('Écart en euros = après − avant ; écart en % = écart en euros / avant. Formules Excel, valeurs enregistrées avec elles.');
  if (data.revision) add('Contrôle = avant × coefficient, arrondi au centime (ARRONDI / ROUND) ; le coefficient est celui de la section « Composantes de la révision ».');
  add('« non précisé » : la source ne donne pas le montant. Jamais remplacé par 0 ; aucun écart ni total n’est calculé dessus.');
  if (data.impact) for (const h of data.impact.result.hypotheses) add(h.text, h.source);
  items.forEach((it, i) => g.add({ values: [i + 1, it.text, it.source], styles: [centerStyle, textStyle, textStyle] }));
  return { name: SHEET_ASSUMPTIONS, widths: [6, 100, 50], frozen: { rows: 1, columns: 0 }, pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }), rows: g.rows() };
}
