/**
 * What the Révision view shows of a revision computed: its headline and facts, the cell-by-cell grid
 * (before, after, Δ € and Δ %, the source of the original cell) and the hypotheses it rests on.
 */
import type { ColDef, GridApi } from 'ag-grid-community';
import type { RevisionDto } from '../../shared/api';
import { formatDateFr } from '../../shared/core/format';
import type { CellChange } from '../../shared/core/revision';
import { facts, h, replace } from '../ui/dom';
import { hypothesesList } from '../ui/explain';
import { compactTheme, makeGrid } from '../ui/grid';
import { deltaColumn } from '../ui/grid-rows';
import { sourceWhere } from '../ui/guarantee-lines';
import { amountText, codeLabels, deltaEurosText, deltaPercentText } from '../ui/labels';

export type Names = ReturnType<typeof codeLabels>;

function revisionFacts(r: RevisionDto): HTMLDListElement {
  return facts([
    ['Mode', r.mode === 'additive' ? 'additive (taux additionnés)' : 'composée (taux multipliés)'],
    ['Composantes', r.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + ')],
    ['Facteur', r.factorText],
    ['Version de départ', r.fromVersion ?? '—'],
    ['Date d’effet', formatDateFr(r.effectiveFrom)],
    ['Référence', r.reference ?? ''],
    ['Cellules révisées', String(r.cells.length)],
  ]);
}

/** The grid's columns; the names are read at each refresh (they follow the product revised last). */
function revisionColumns(names: () => Names): ColDef<CellChange>[] {
  return [
    { headerName: 'Formule', colId: 'formula', valueGetter: (p) => (p.data ? names().formula(p.data.formula) : ''), width: 140, pinned: 'left' },
    { headerName: 'Option', colId: 'option', valueGetter: (p) => (p.data?.option ? names().formula(p.data.option) : ''), width: 110 },
    { headerName: 'Segment', colId: 'segment', valueGetter: (p) => (p.data ? names().segment(p.data.segment) : ''), width: 220 },
    { headerName: 'Avant', colId: 'old', valueGetter: (p) => (p.data ? amountText(p.data.oldCents, p.data.period) : ''), width: 160, type: 'rightAligned' },
    { headerName: 'Après', colId: 'new', valueGetter: (p) => (p.data ? amountText(p.data.newCents, p.data.period) : ''), width: 160, type: 'rightAligned' },
    deltaColumn<CellChange>('Δ €', 'de', 110, (c) => (c ? deltaEurosText(c.deltaCents) : '')),
    deltaColumn<CellChange>('Δ %', 'dp', 110, (c) => (c ? deltaPercentText(c.deltaPercent) : '')),
    { headerName: 'Source de la cellule d’origine', colId: 'src', valueGetter: (p) => (p.data?.previousSource ? sourceWhere(p.data.previousSource) : ''), flex: 1, minWidth: 220, tooltip: (p) => (p.data?.previousSource ? `« ${p.data.previousSource.quote} »` : undefined) },
  ];
}

/** The grid of the cells, built on the first revision; later ones replace its rows (the columns and their sort stay). */
function cellsGrid(gridEl: HTMLElement, names: () => Names): (rows: CellChange[]) => void {
  let grid: GridApi<CellChange> | null = null;
  return (rows) => {
    gridEl.hidden = false;
    if (!grid) {
      grid = makeGrid<CellChange>(gridEl, {
        theme: compactTheme,
        rowData: rows,
        getRowId: (p) => `${p.data.formula}|${p.data.option}|${p.data.segment}|${p.data.zone}|${p.data.period}`,
        domLayout: 'autoHeight',
        defaultColDef: { resizable: true, sortable: true },
        columnDefs: revisionColumns(names),
      });
    } else {
      grid.setGridOption('rowData', rows);
      grid.refreshCells({ force: true });
    }
    grid.setColumnsVisible(['option'], rows.some((c) => c.option !== ''));
  };
}

/** The result's slots, in the view's order, and how a revision is shown in them with the names of its product. */
export function revisionResult(): { elements: HTMLElement[]; show(headline: string, r: RevisionDto, names: Names): void } {
  const summary = h('div', { class: 'revision-summary' });
  const gridEl = h('div', { class: 'grid grid-revision', id: 'revision-grille', hidden: true });
  const explain = h('div');
  let current = codeLabels(null);
  const showCells = cellsGrid(gridEl, () => current);
  return {
    elements: [summary, gridEl, explain],
    show(headline, r, names) {
      current = names;
      replace(summary, h('h3', { text: headline }), revisionFacts(r));
      showCells(r.cells);
      replace(explain, hypothesesList(r.hypotheses));
    },
  };
}
