/**
 * One product opened from the catalogue: what it is, its documents, formulas, versions and guarantees
 * with their sources (a value keyed in without a document flagged « sans source »); the editing actions
 * (edit-product.ts) and the product's history (history.ts).
 */
import type { TaxonomyCategoryDto } from '../../shared/api';
import type { GuaranteeEntry, ProductFile } from '../../shared/core/catalogue-schema';
import { formatDateFr } from '../../shared/core/format';
import type { ICellRendererParams } from 'ag-grid-community';
import type { AppContext } from '../ui/context';
import { button, facts, h, type Child } from '../ui/dom';
import { sourceBlock } from '../ui/explain';
import { makeGrid } from '../ui/grid';
import { kindLabels, rateText } from '../ui/labels';
import { sourcePanel } from '../ui/source-panel';
import { isUnsourced, UNSOURCED_TIP, unsourcedMark } from '../ui/unsourced';
import { addFormula, addGuarantee, addVersion, editGuarantee, renameFormula } from './edit-product';
import { historySection } from './history';

const statusText: Record<GuaranteeEntry['status'], string> = { covered: 'couvert', not_covered: 'non couvert', unspecified: 'non précisé' };

function table(head: string[], rows: Child[][], className = ''): HTMLTableElement {
  return h('table', { class: `simple ${className}`.trim() }, h('thead', null, h('tr', null, ...head.map((t) => h('th', { text: t, scope: 'col' })))), h('tbody', null, ...rows.map((r) => h('tr', null, ...r.map((c) => h('td', null, c))))));
}

/** A code with the « sans source » flag when its value was keyed in without a document. */
function flagged(text: string, source: { file: string } | null | undefined): Child {
  return isUnsourced(source) ? h('span', null, text, ' ', unsourcedMark()) : text;
}

export function productDetail(ctx: AppContext, p: ProductFile, taxonomy: readonly TaxonomyCategoryDto[]): HTMLElement {
  const labels = new Map<string, string>([...taxonomy.map((c) => [c.key, c.label] as const), ...p.categories.map((c) => [c.key, c.label] as const)]);
  const org = (id: string | null) => (id ? (p.organisations.find((o) => o.id === id)?.name ?? id) : null);
  const docTitle = (file: string) => p.documents.find((d) => d.file === file)?.title ?? null;
  const hasTariffs = p.tariffs.length > 0;
  const title = h('h3', { text: p.product.name, tabIndex: -1 });

  const actions = h(
    'div',
    { class: 'actions' },
    button('Comparer ce produit', () => ctx.go('comparaison', { productId: p.product.id })),
    hasTariffs ? button('Voir les tarifs', () => ctx.go('tarifs', { productId: p.product.id })) : null,
    hasTariffs ? button('Faire un devis', () => ctx.go('devis', { productId: p.product.id })) : null,
  );

  // a few guarantees (a product keyed in from the desktop) take their own height, not a tall empty grid
  const few = p.guarantees.length <= 8;
  const gridEl = h('div', { class: `grid grid-guarantees${few ? ' grid-guarantees-few' : ''}` });
  const panel = sourcePanel();
  // in the document's order: the articles follow one another as the person reads them
  const guarantees = p.guarantees;
  const edit = (g: GuaranteeEntry | undefined) => {
    const index = g ? guarantees.indexOf(g) : -1;
    if (index >= 0) void editGuarantee(ctx, p, index);
  };
  const showSource = (g: GuaranteeEntry | undefined) => {
    if (!g) return;
    panel.show(
      g.label,
      [
        h('p', { text: g.text }),
        g.conditions ? h('p', { class: 'conditions', text: `Conditions : ${g.conditions}` }) : null,
        button('Modifier cette garantie', () => edit(g), { class: 'panel-edit' }),
      ],
      [{ source: g.source, documentTitle: docTitle(g.source.file) }],
    );
  };
  const sourceCell = (x: ICellRendererParams<GuaranteeEntry>): HTMLElement | string => {
    const s = x.data?.source;
    if (!s) return '';
    return isUnsourced(s) ? unsourcedMark() : `${s.section} (l. ${s.lines[0]}–${s.lines[1]})`;
  };
  makeGrid<GuaranteeEntry>(gridEl, {
    rowData: guarantees,
    // (the default theme keeps room for « Aucune ligne » when a filter leaves none)
    domLayout: few ? 'autoHeight' : 'normal',
    columnDefs: [
      { headerName: 'Catégorie', colId: 'category', valueGetter: (x) => (x.data ? (labels.get(x.data.category) ?? x.data.category) : ''), width: 220, pinned: 'left' },
      { headerName: 'Garantie', field: 'label', width: 240 },
      { headerName: 'Statut', colId: 'status', valueGetter: (x) => (x.data ? statusText[x.data.status] : ''), width: 110 },
      { headerName: 'Ce que dit le document', field: 'text', flex: 1, minWidth: 320, tooltip: (x) => x.value },
      { headerName: 'Formules', colId: 'formulas', valueGetter: (x) => (x.data?.formulas.includes('*') ? 'toutes' : (x.data?.formulas.join(', ') ?? '')), width: 120 },
      { headerName: 'Conditions', field: 'conditions', width: 220, tooltip: (x) => x.value },
      {
        headerName: 'Source',
        colId: 'source',
        valueGetter: (x) => (x.data ? (isUnsourced(x.data.source) ? 'sans source' : `${x.data.source.section} (l. ${x.data.source.lines[0]}–${x.data.source.lines[1]})`) : ''),
        cellRenderer: sourceCell,
        width: 220,
        tooltip: (x) => (x.data ? (isUnsourced(x.data.source) ? UNSOURCED_TIP : `« ${x.data.source.quote} »`) : ''),
      },
      {
        headerName: '',
        colId: 'edit',
        width: 110,
        pinned: 'right',
        sortable: false,
        filter: false,
        resizable: false,
        cellRenderer: (x: ICellRendererParams<GuaranteeEntry>) =>
          x.data ? button('Modifier', () => edit(x.data), { class: 'link cell-action', tabIndex: -1, attrs: { 'aria-label': `Modifier la garantie ${x.data.label}` } }) : '',
      },
    ],
    defaultColDef: { sortable: true, resizable: true, filter: true },
    tooltipShowDelay: 400,
    onCellFocused: (e) => {
      if (e.rowIndex !== null && e.rowIndex !== undefined) showSource(e.api.getDisplayedRowAtIndex(e.rowIndex)?.data);
    },
    onRowClicked: (e) => showSource(e.data),
    onCellKeyDown: (e) => {
      // Entrée on a guarantee opens its editing dialog
      if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) {
        (e.event as KeyboardEvent).preventDefault();
        edit(e.data);
      }
    },
  });

  return h(
    'article',
    { class: 'card product' },
    title,
    facts([
      ['Identifiant', p.product.id],
      ['Type', kindLabels[p.product.kind]],
      ['Assureur', org(p.product.insurer)],
      ['Distributeur', org(p.product.distributor)],
      ['Références', p.product.references.join(', ')],
      ['Rattaché à', p.product.attachedTo],
    ]),
    p.product.description ? h('p', { text: p.product.description }) : null,
    actions,
    h('h4', { text: 'Documents' }),
    table(['Document', 'Nature', 'Date', 'Fichier'], p.documents.map((d) => [d.title, d.kind, d.date ? formatDateFr(d.date) : 'non datée', isUnsourced(d) ? unsourcedMark() : d.file])),
    h('h4', { text: 'Formules et options' }),
    table(
      ['Code', 'Libellé', 'Nature', 'Description', ''],
      p.formulas.map((f) => [
        flagged(f.code, f.source),
        f.label,
        f.kind === 'option' ? 'option' : 'formule',
        f.description ?? '',
        button('Renommer', () => void renameFormula(ctx, p, f.code), { class: 'link', attrs: { 'aria-label': `Renommer la formule ${f.label}` } }),
      ]),
      'formulas',
    ),
    h('div', { class: 'actions' }, button('Ajouter une formule', () => void addFormula(ctx, p), { class: 'add-formula' })),
    h('h4', { text: 'Versions' }),
    table(
      ['Code', 'Libellé', 'Du', 'Au', 'Référence', 'Révision'],
      p.versions.map((v) => [
        flagged(v.code, v.source),
        v.label,
        v.effectiveFrom ? formatDateFr(v.effectiveFrom) : '—',
        v.effectiveTo ? formatDateFr(v.effectiveTo) : '—',
        v.reference ?? '',
        v.revision ? `${v.revision.mode === 'additive' ? 'additive' : 'composée'} : ${v.revision.components.map((c) => `${c.label} ${rateText(c.rate)}`).join(' + ')}` : '',
      ]),
      'versions',
    ),
    h('div', { class: 'actions' }, button('Ajouter une version', () => void addVersion(ctx, p), { class: 'add-version' })),
    h('h4', { text: `Garanties (${p.guarantees.length})` }),
    p.guarantees.length ? gridEl : h('p', { class: 'muted', text: 'Ce produit ne décrit pas encore de garantie dans le catalogue : la comparaison le dit « non précisé » partout.' }),
    p.guarantees.length ? panel.element : null,
    h('div', { class: 'actions' }, button('Ajouter une garantie', () => void addGuarantee(ctx, p, taxonomy), { class: 'add-guarantee' })),
    h('details', { class: 'source-details' }, h('summary', { text: 'Source du produit' }), sourceBlock(p.product.source, docTitle(p.product.source.file))),
    historySection(ctx, p.product.id),
  );
}
