/**
 * Comparaison: pick columns (product × formula), ask the main process for the comparison and show it:
 * grouped taxonomy rows, differences only, best/worst, sources, quick filter, copy, Excel export.
 */
import type { CompareRequest } from '../../shared/api';
import type { Comparison } from '../../shared/core/compare';
import { ask } from '../ui/api';
import { busy } from '../ui/busy';
import { copyTable } from '../ui/clipboard';
import type { AppContext, View } from '../ui/context';
import { parseDateFr } from '../ui/dates';
import { button, checkbox, field, h, replace } from '../ui/dom';
import { errorText, say, sayExported } from '../ui/notice';
import { sourcePanel } from '../ui/source-panel';
import { comparisonGrid, type ComparisonGrid } from './comparaison-grid';
import { columnPicker } from './comparaison-picker';
import { productListShow } from '../ui/product-list';

export function comparaisonView(ctx: AppContext): View {
  const status = h('div', { class: 'slot' });
  const pickerTitle = h('summary', { text: 'Colonnes à comparer (produit × formule)' });
  const picker = columnPicker(() => {
    const n = picker.selected().length;
    compareBtn.textContent = n ? `Comparer (${n} colonne${n > 1 ? 's' : ''})` : 'Comparer';
    pickerTitle.textContent = `Colonnes à comparer (produit × formule) — ${n} choisie${n > 1 ? 's' : ''}`;
  });
  const pickerBox = h('details', { class: 'picker-box', open: true }, pickerTitle, picker.element);
  const at = h('input', { type: 'text', id: 'comparaison-date', inputMode: 'numeric', placeholder: 'JJ/MM/AAAA', size: 12 });
  const compareBtn = button('Comparer', () => void run(compareBtn), { class: 'primary', id: 'comparaison-lancer' });
  const diffOnly = checkbox('Écarts seulement', false, { id: 'comparaison-ecarts' });
  const quick = h('input', { type: 'search', id: 'comparaison-filtre', placeholder: 'heures, hospitalisation…', dataset: { command: 'find' } });
  const copyBtn = button('Copier le tableau', () => copy(), { id: 'comparaison-copier', dataset: { command: 'copyGrid' } });
  const exportBtn = button('Exporter en Excel', () => void exportXlsx(), { id: 'comparaison-exporter', dataset: { command: 'export' } });
  const counts = h('span', { class: 'counts', attrs: { 'aria-live': 'polite' } });
  const copySlot = h('div', { class: 'slot' });
  const gridEl = h('div', { class: 'grid grid-comparison', id: 'comparaison-grille' });
  const panel = sourcePanel();
  const assumptions = h('div', { class: 'assumptions' });
  const toolbar = h(
    'div',
    { class: 'toolbar', hidden: true },
    diffOnly.wrap,
    h('label', { htmlFor: quick.id, text: 'Filtrer les lignes' }),
    quick,
    copyBtn,
    exportBtn,
    counts,
    h('span', { class: 'legend' }, h('span', { class: 'mark mark-best', text: '▲' }), ' meilleure colonne ', h('span', { class: 'mark mark-worst', text: '▼' }), ' moins bonne ', h('span', { class: 'swatch swatch-unspecified' }), ' non précisé'),
  );
  const results = h('div', { class: 'results', hidden: true }, toolbar, copySlot, gridEl, panel.element, assumptions);
  const element = h(
    'div',
    { class: 'comparaison' },
    h('div', { class: 'view-head' }, h('h2', { text: 'Comparaison des garanties' }), h('p', { class: 'lead', text: 'Cochez les formules à mettre côte à côte, puis « Comparer ». Survolez ou sélectionnez une case pour lire sa source.' })),
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
    grid ??= comparisonGrid(gridEl, (row, column, cell) => {
      if (!column || !cell) {
        panel.show(row.label, [h('p', { class: 'muted', text: row.figure ? `Ligne comparée sur : ${row.figure.label}.` : 'Sélectionnez une case d’une colonne pour lire sa source.' })], []);
        return;
      }
      const verdict = row.best.includes(column.index) ? 'Meilleure colonne de la ligne.' : row.worst.includes(column.index) ? 'Moins bonne colonne de la ligne.' : null;
      panel.show(
        `${row.label} — ${column.label}`,
        [h('p', { text: cell.text }), verdict ? h('p', { class: 'verdict', text: verdict }) : null, cell.conditions ? h('p', { class: 'conditions', text: `Conditions : ${cell.conditions}` }) : null, cell.trigger ? h('p', { text: `Fait générateur : ${cell.trigger}` }) : null],
        cell.sources.map((s) => ({ source: s, documentTitle: s.documentTitle })),
      );
    });
    grid.set(c);
    grid.api.setGridOption('quickFilterText', quick.value);
    counts.textContent = `${c.counts.shown} ligne${c.counts.shown > 1 ? 's' : ''} sur ${c.counts.categories}, ${c.counts.differing} avec écart`;
    replace(assumptions, h('details', null, h('summary', { text: 'Hypothèses de lecture' }), h('ul', null, ...c.assumptions.map((a) => h('li', { text: a })))));
    panel.clear();
  }

  async function run(trigger: HTMLButtonElement): Promise<void> {
    const columns = picker.selected();
    if (columns.length === 0) {
      say(status, 'empty', 'Choisissez au moins une offre à comparer.', 'Cochez une ou plusieurs formules ci-dessus, puis « Comparer ».');
      return;
    }
    let date: string | null = null;
    if (at.value.trim()) {
      const parsed = parseDateFr(at.value, 'Versions en vigueur au');
      if (!parsed.ok) {
        say(status, 'error', parsed.message);
        at.focus();
        return;
      }
      date = parsed.iso;
    }
    const next: CompareRequest = { columns, at: date, filter: { differencesOnly: diffOnly.input.checked } };
    say(status, 'info', 'Calcul de la comparaison…');
    const answer = await busy(trigger, 'Calcul…', () => ask(() => ctx.api().compare(next)));
    if (!answer.ok) {
      say(status, 'error', errorText(answer.error), 'Vérifiez les colonnes et la date, puis relancez.');
      return;
    }
    request = next;
    replace(status);
    // the grid gets the room; the choice of columns stays one click away
    pickerBox.open = false;
    show(answer.value);
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
