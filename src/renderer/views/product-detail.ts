/** One product opened from the catalogue: what it is, its documents, formulas, versions and guarantees with their sources. */
import type { TaxonomyCategoryDto } from '../../shared/api';
import type { GuaranteeEntry, ProductFile } from '../../shared/core/catalogue-schema';
import { formatDateFr } from '../../shared/core/format';
import type { AppContext } from '../ui/context';
import { button, facts, h } from '../ui/dom';
import { sourceBlock } from '../ui/explain';
import { makeGrid } from '../ui/grid';
import { kindLabels, rateText } from '../ui/labels';
import { sourcePanel } from '../ui/source-panel';

const statusText: Record<GuaranteeEntry['status'], string> = { covered: 'couvert', not_covered: 'non couvert', unspecified: 'non précisé' };

function table(head: string[], rows: string[][]): HTMLTableElement {
  return h('table', { class: 'simple' }, h('thead', null, h('tr', null, ...head.map((t) => h('th', { text: t, scope: 'col' })))), h('tbody', null, ...rows.map((r) => h('tr', null, ...r.map((c) => h('td', { text: c }))))));
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

  const gridEl = h('div', { class: 'grid grid-guarantees' });
  const panel = sourcePanel();
  // in the document's order: the articles follow one another as the person reads them
  const guarantees = p.guarantees;
  const showSource = (g: GuaranteeEntry | undefined) => {
    if (!g) return;
    panel.show(g.label, [h('p', { text: g.text }), g.conditions ? h('p', { class: 'conditions', text: `Conditions : ${g.conditions}` }) : null], [{ source: g.source, documentTitle: docTitle(g.source.file) }]);
  };
  makeGrid<GuaranteeEntry>(gridEl, {
    rowData: guarantees,
    domLayout: 'normal',
    columnDefs: [
      { headerName: 'Catégorie', colId: 'category', valueGetter: (x) => (x.data ? (labels.get(x.data.category) ?? x.data.category) : ''), width: 220, pinned: 'left' },
      { headerName: 'Garantie', field: 'label', width: 240 },
      { headerName: 'Statut', colId: 'status', valueGetter: (x) => (x.data ? statusText[x.data.status] : ''), width: 110 },
      { headerName: 'Ce que dit le document', field: 'text', flex: 1, minWidth: 320, tooltip: (x) => x.value },
      { headerName: 'Formules', colId: 'formulas', valueGetter: (x) => (x.data?.formulas.includes('*') ? 'toutes' : (x.data?.formulas.join(', ') ?? '')), width: 120 },
      { headerName: 'Conditions', field: 'conditions', width: 220, tooltip: (x) => x.value },
      { headerName: 'Source', colId: 'source', valueGetter: (x) => (x.data ? `${x.data.source.section} (l. ${x.data.source.lines[0]}–${x.data.source.lines[1]})` : ''), width: 220, tooltip: (x) => (x.data ? `« ${x.data.source.quote} »` : '') },
    ],
    defaultColDef: { sortable: true, resizable: true, filter: true },
    tooltipShowDelay: 400,
    onCellFocused: (e) => {
      if (e.rowIndex !== null && e.rowIndex !== undefined) showSource(e.api.getDisplayedRowAtIndex(e.rowIndex)?.data);
    },
    onRowClicked: (e) => showSource(e.data),
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
    table(['Document', 'Nature', 'Date', 'Fichier'], p.documents.map((d) => [d.title, d.kind, d.date ? formatDateFr(d.date) : 'non datée', d.file])),
    h('h4', { text: 'Formules et options' }),
    table(['Code', 'Libellé', 'Nature', 'Description'], p.formulas.map((f) => [f.code, f.label, f.kind === 'option' ? 'option' : 'formule', f.description ?? ''])),
    h('h4', { text: 'Versions' }),
    table(
      ['Code', 'Libellé', 'Du', 'Au', 'Référence', 'Révision'],
      p.versions.map((v) => [
        v.code,
        v.label,
        v.effectiveFrom ? formatDateFr(v.effectiveFrom) : '—',
        v.effectiveTo ? formatDateFr(v.effectiveTo) : '—',
        v.reference ?? '',
        v.revision ? `${v.revision.mode === 'additive' ? 'additive' : 'composée'} : ${v.revision.components.map((c) => `${c.label} ${rateText(c.rate)}`).join(' + ')}` : '',
      ]),
    ),
    h('h4', { text: `Garanties (${p.guarantees.length})` }),
    p.guarantees.length ? gridEl : h('p', { class: 'muted', text: 'Ce produit ne décrit pas de garantie dans le catalogue.' }),
    p.guarantees.length ? panel.element : null,
    h('details', { class: 'source-details' }, h('summary', { text: 'Source du produit' }), sourceBlock(p.product.source, docTitle(p.product.source.file))),
  );
}
