/** The "Sources" sheet: where each row of both tables comes from (docs/RULINGS.md, règle 7). */
import type { Source } from '../../../shared/core/catalogue-schema';
import { sourceFileText } from '../../../shared/core/source-label';
import { lineRange, SheetGrid } from '../sheet-grid';
import { headerLeftStyle, textStyle } from '../styles';
import { landscapeFitToWidth, type SheetSpec } from '../workbook-writer';
import { SIDE_WORD } from './format';
import { SIDES, type Grid } from './grid';
import { SHEET_SOURCES, type DeliberationData } from './types';

export function sourcesSheet(data: DeliberationData, grid: Grid): SheetSpec {
  const segLabel = new Map(data.product.segments.map((s) => [s.code, s.label]));
  const g = new SheetGrid();
  g.add({ values: ['Côté', 'Formule', 'Segments', 'Fichier', 'Article / section', 'Lignes', 'Citation'], style: headerLeftStyle });
  for (const side of SIDES) {
    const s = data[side];
    for (const row of grid.rows) {
      const cells = s.cells.filter((c) => c.formula === row.formula && (c.option ?? '') === row.option && (c.zone ?? '') === row.zone);
      // one line per source, with the segments it gives
      const bySource = new Map<string, { source: Source | null; segments: string[] }>();
      for (const c of cells) {
        const k = c.source ? `${c.source.file}\u0000${c.source.section}\u0000${c.source.lines.join('-')}\u0000${c.source.quote}` : '';
        let entry = bySource.get(k);
        if (!entry) bySource.set(k, (entry = { source: c.source ?? null, segments: [] }));
        entry.segments.push(segLabel.get(c.segment) ?? c.segment);
      }
      for (const { source: src, segments } of bySource.values()) {
        g.add({
          values: [
            `${SIDE_WORD[side]}${s.computed ? ' (calculé : source de la cotisation de départ)' : ''}`,
            row.label,
            segments.join(', '),
            src ? sourceFileText(src.file) : '',
            src?.section ?? 'sans source',
            src ? lineRange(src) : '',
            src?.quote ?? '',
          ],
          style: textStyle,
        });
      }
    }
  }
  if (data.revision?.source) {
    const src = data.revision.source;
    g.add({ values: ['Composantes', '', data.revision.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + '), src.file, src.section, lineRange(src), src.quote], style: textStyle });
  }
  return { name: SHEET_SOURCES, widths: [18, 22, 36, 26, 34, 9, 70], frozen: { rows: 1, columns: 0 }, pageSetup: landscapeFitToWidth({ printTitlesRow: '1:1' }), rows: g.rows() };
}
