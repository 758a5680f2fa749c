/**
 * Comparaison: pick columns (product × formula), ask the main process for the comparison and show it:
 * grouped taxonomy rows, differences only, best/worst, sources, quick filter, copy, Excel export.
 */
import type { CompareRequest } from '../../shared/api';
import type { Comparison, ComparisonCell, ComparisonColumn, ComparisonRow } from '../../shared/core/compare';
import { ask } from '../ui/api';
import { askWithStatus } from '../ui/ask-status';
import { busy } from '../ui/busy';
import { copyTable } from '../ui/clipboard';
import type { AppContext, View } from '../ui/context';
import { parseDateFr } from '../ui/dates';
import { button, checkbox, field, h, replace } from '../ui/dom';
import { conditionsLine, triggerLine } from '../ui/guarantee-lines';
import { say, sayExported } from '../ui/notice';
import { sourcePanel } from '../ui/source-panel';
import { viewHead } from '../ui/view-head';
import { comparisonGrid, type ComparisonGrid } from './comparaison-grid';
import { columnPicker } from './comparaison-picker';
import { productListShow } from '../ui/product-list';

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** What the panel under the grid says of the focused cell: its text, its rank in the row, its source. */
function showCell(panel: ReturnType<typeof sourcePanel>, row: ComparisonRow, column: ComparisonColumn | null, cell: ComparisonCell | null): void {
  if (!column || !cell) {
    panel.show(row.label, [h('p', { class: 'muted', text: row.figure ? `Ligne comparée sur : ${row.figure.label}.` : 'Sélectionnez une case d’une colonne pour lire sa source.' })], []);
    return;
  }
  const verdict = row.best.includes(column.index) ? 'Meilleure colonne de la ligne.' : row.worst.includes(column.index) ? 'Moins bonne colonne de la ligne.' : null;
  panel.show(
    `${row.label} — ${column.label}`,
    [h('p', { text: cell.text }), verdict ? h('p', { class: 'verdict', text: verdict }) : null, conditionsLine(cell.conditions), triggerLine(cell.trigger)],
    cell.sources.map((s) => ({ source: s, documentTitle: s.documentTitle })),
  );
}

function legend(): HTMLSpanElement {
  return h('span', { class: 'legend' }, h('span', { class: 'mark mark-best', text: '▲' }), ' meilleure colonne ', h('span', { class: 'mark mark-worst', text: '▼' }), ' moins bonne ', h('span', { class: 'swatch swatch-unspecified' }), ' non précisé');
}

function assumptionsBlock(c: Comparison): HTMLDetailsElement {
  return h('details', null, h('summary', { text: 'Hypothèses de lecture' }), h('ul', null, ...c.assumptions.map((a) => h('li', { text: a }))));
}

/** The optional date of the versions: null when empty, undefined (said in the slot) when it cannot be read. */
function readDate(at: HTMLInputElement, status: HTMLElement): string | null | undefined {
  if (!at.value.trim()) return null;
  const parsed = parseDateFr(at.value, 'Versions en vigueur au');
  if (parsed.ok) return parsed.iso;
  say(status, 'error', parsed.message);
  at.focus();
  return undefined;
}

/** The controls of the view, built before it is wired. */
function comparaisonControls() {
  return {
    status: h('div', { class: 'slot' }),
    pickerTitle: h('summary', { text: 'Colonnes à comparer (produit × formule)' }),
    at: h('input', { type: 'text', id: 'comparaison-date', inputMode: 'numeric', placeholder: 'JJ/MM/AAAA', size: 12 }),
    diffOnly: checkbox('Écarts seulement', false, { id: 'comparaison-ecarts' }),
    quick: h('input', { type: 'search', id: 'comparaison-filtre', placeholder: 'heures, hospitalisation…', dataset: { command: 'find' } }),
    counts: h('span', { class: 'counts', attrs: { 'aria-live': 'polite' } }),
    copySlot: h('div', { class: 'slot' }),
    gridEl: h('div', { class: 'grid grid-comparison', id: 'comparaison-grille' }),
    panel: sourcePanel(),
    assumptions: h('div', { class: 'assumptions' }),
  };
}

export function comparaisonView(ctx: AppContext): View {
  const { status, pickerTitle, at, diffOnly, quick, counts, copySlot, gridEl, panel, assumptions } = comparaisonControls();
  const picker = columnPicker(() => {
    const n = picker.selected().length;
    compareBtn.textContent = n ? `Comparer (${plural(n, 'colonne')})` : 'Comparer';
    pickerTitle.textContent = `Colonnes à comparer (produit × formule) — ${plural(n, 'choisie')}`;
  });
  const pickerBox = h('details', { class: 'picker-box', open: true }, pickerTitle, picker.element);
  const compareBtn = button('Comparer', () => void run(compareBtn), { class: 'primary', id: 'comparaison-lancer' });
  const copyBtn = button('Copier le tableau', () => copy(), { id: 'comparaison-copier', dataset: { command: 'copyGrid' } });
  const exportBtn = button('Exporter en Excel', () => void exportXlsx(), { id: 'comparaison-exporter', dataset: { command: 'export' } });
  const toolbar = h('div', { class: 'toolbar', hidden: true }, diffOnly.wrap, h('label', { htmlFor: quick.id, text: 'Filtrer les lignes' }), quick, copyBtn, exportBtn, counts, legend());
  const results = h('div', { class: 'results', hidden: true }, toolbar, copySlot, gridEl, panel.element, assumptions);
  const element = h(
    'div',
    { class: 'comparaison' },
    viewHead('Comparaison des garanties', 'Cochez les formules à mettre côte à côte, puis « Comparer ». Survolez ou sélectionnez une case pour lire sa source.'),
    pickerBox,
    h('div', { class: 'form-row' }, field('Versions en vigueur au (facultatif)', at, 'Vide : la dernière version de chaque produit.'), compareBtn),
    status,
    results,
  );

  let grid: ComparisonGrid | null = null;
  let request: CompareRequest | null = null;
  let comparison: Comparison | null = null;

  function show(c: Comparison): void {
    comparison = c;
    results.hidden = false;
    toolbar.hidden = false;
    grid ??= comparisonGrid(gridEl, (row, column, cell) => showCell(panel, row, column, cell));
    grid.set(c);
    grid.api.setGridOption('quickFilterText', quick.value);
    counts.textContent = `${plural(c.counts.shown, 'ligne')} sur ${c.counts.categories}, ${c.counts.differing} avec écart`;
    replace(assumptions, assumptionsBlock(c));
    panel.clear();
  }

  async function run(trigger: HTMLButtonElement): Promise<void> {
    const columns = picker.selected();
    if (columns.length === 0) {
      say(status, 'empty', 'Choisissez au moins une offre à comparer.', 'Cochez une ou plusieurs formules ci-dessus, puis « Comparer ».');
      return;
    }
    const date = readDate(at, status);
    if (date === undefined) return;
    const next: CompareRequest = { columns, at: date, filter: { differencesOnly: diffOnly.input.checked } };
    const texts = { working: 'Calcul de la comparaison…', busy: 'Calcul…', retry: 'Vérifiez les colonnes et la date, puis relancez.' };
    const answer = await askWithStatus(status, trigger, texts, () => ctx.api().compare(next));
    if (!answer) return;
    request = next;
    replace(status);
    // the grid gets the room; the choice of columns stays one click away
    pickerBox.open = false;
    show(answer);
  }

  function copy(): void {
    if (!grid || !comparison) return;
    const rows = grid.visibleTable();
    if (rows.length <= 1) {
      say(copySlot, 'empty', 'Rien à copier : aucune ligne n’est affichée.', 'Effacez le filtre ou décochez « Écarts seulement ».');
      return;
    }
    const outcome = copyTable(rows, copySlot);
    if (outcome === 'copied') say(copySlot, 'ok', `Tableau copié : ${rows.length - 1} lignes × ${rows[0]!.length} colonnes.`, 'Collez-le dans Excel (Ctrl+V).');
  }

  async function exportXlsx(): Promise<void> {
    if (!request) return;
    const r: CompareRequest = { ...request, filter: { differencesOnly: diffOnly.input.checked, search: quick.value.trim() || null } };
    const answer = await busy(exportBtn, 'Export…', () => ask(() => ctx.api().exportComparison(r)));
    sayExported(copySlot, answer);
  }

  diffOnly.input.addEventListener('change', () => {
    if (request) void run(compareBtn);
  });
  quick.addEventListener('input', () => grid?.api.setGridOption('quickFilterText', quick.value));

  function compareProduct(id: string): void {
    picker.selectProduct(id, true);
    void run(compareBtn);
  }
  const showView = productListShow(ctx, status, {
    fill: (products, wanted) => {
      picker.fill(products);
      if (wanted) compareProduct(wanted);
    },
    select: compareProduct,
    // the catalogue changed (an edit, an undo, an import): the comparison on screen is asked again
    changed: () => {
      if (request) void run(compareBtn);
    },
  });

  return { element, show: showView };
}
