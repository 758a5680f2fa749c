/**
 * One product opened from the catalogue: what it is, its documents, formulas, versions and guarantees
 * with their sources (a value keyed in without a document flagged « sans source »); the editing actions
 * (edit-product.ts), the guarantees' grid (product-guarantees.ts) and the product's history (history.ts).
 */
import type { TaxonomyCategoryDto } from '../../shared/api';
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { formatDateFr } from '../../shared/core/format';
import type { AppContext } from '../ui/context';
import { button, facts, h, type Child } from '../ui/dom';
import { sourceBlock } from '../ui/explain';
import { kindLabels, rateText } from '../ui/labels';
import { isUnsourced, unsourcedMark } from '../ui/unsourced';
import { addFormula, addGuarantee, addVersion, renameFormula } from './edit-product';
import { historySection } from './history';
import { productGuarantees } from './product-guarantees';

function table(head: string[], rows: Child[][], className = ''): HTMLTableElement {
  return h('table', { class: `simple ${className}`.trim() }, h('thead', null, h('tr', null, ...head.map((t) => h('th', { text: t, scope: 'col' })))), h('tbody', null, ...rows.map((r) => h('tr', null, ...r.map((c) => h('td', null, c))))));
}

/** A code with the « sans source » flag when its value was keyed in without a document. */
function flagged(text: string, source: { file: string } | null | undefined): Child {
  return isUnsourced(source) ? h('span', null, text, ' ', unsourcedMark()) : text;
}

function productFacts(p: ProductFile): HTMLDListElement {
  const org = (id: string | null) => (id ? (p.organisations.find((o) => o.id === id)?.name ?? id) : null);
  return facts([
    ['Identifiant', p.product.id],
    ['Type', kindLabels[p.product.kind]],
    ['Assureur', org(p.product.insurer)],
    ['Distributeur', org(p.product.distributor)],
    ['Références', p.product.references.join(', ')],
    ['Rattaché à', p.product.attachedTo],
  ]);
}

/** Where the product leads: its comparison, and its tariffs and a quote when it has a tariff table. */
function productActions(ctx: AppContext, p: ProductFile): HTMLDivElement {
  const hasTariffs = p.tariffs.length > 0;
  return h(
    'div',
    { class: 'actions' },
    button('Comparer ce produit', () => ctx.go('comparaison', { productId: p.product.id })),
    hasTariffs ? button('Voir les tarifs', () => ctx.go('tarifs', { productId: p.product.id })) : null,
    hasTariffs ? button('Faire un devis', () => ctx.go('devis', { productId: p.product.id })) : null,
  );
}

function documentsTable(p: ProductFile): HTMLTableElement {
  return table(['Document', 'Nature', 'Date', 'Fichier'], p.documents.map((d) => [d.title, d.kind, d.date ? formatDateFr(d.date) : 'non datée', isUnsourced(d) ? unsourcedMark() : d.file]));
}

function formulasTable(ctx: AppContext, p: ProductFile): HTMLTableElement {
  return table(
    ['Code', 'Libellé', 'Nature', 'Description', ''],
    p.formulas.map((f) => [
      flagged(f.code, f.source),
      f.label,
      f.kind === 'option' ? 'option' : 'formule',
      f.description ?? '',
      button('Renommer', () => void renameFormula(ctx, p, f.code), { class: 'link', attrs: { 'aria-label': `Renommer la formule ${f.label}` } }),
    ]),
    'formulas',
  );
}

function versionsTable(p: ProductFile): HTMLTableElement {
  const revisionText = (r: ProductFile['versions'][number]['revision']) => (r ? `${r.mode === 'additive' ? 'additive' : 'composée'} : ${r.components.map((c) => `${c.label} ${rateText(c.rate)}`).join(' + ')}` : '');
  return table(
    ['Code', 'Libellé', 'Du', 'Au', 'Référence', 'Révision'],
    p.versions.map((v) => [flagged(v.code, v.source), v.label, v.effectiveFrom ? formatDateFr(v.effectiveFrom) : '—', v.effectiveTo ? formatDateFr(v.effectiveTo) : '—', v.reference ?? '', revisionText(v.revision)]),
    'versions',
  );
}

/** The guarantees' grid and panel, or what an empty list means for the comparison. */
function guaranteesPart(ctx: AppContext, p: ProductFile, taxonomy: readonly TaxonomyCategoryDto[], docTitle: (file: string) => string | null): Child[] {
  const labels = new Map<string, string>([...taxonomy.map((c) => [c.key, c.label] as const), ...p.categories.map((c) => [c.key, c.label] as const)]);
  const { grid, panel } = productGuarantees(ctx, p, labels, docTitle);
  return [
    h('h4', { text: `Garanties (${p.guarantees.length})` }),
    p.guarantees.length ? grid : h('p', { class: 'muted', text: 'Ce produit ne décrit pas encore de garantie dans le catalogue : la comparaison le dit « non précisé » partout.' }),
    p.guarantees.length ? panel : null,
    h('div', { class: 'actions' }, button('Ajouter une garantie', () => void addGuarantee(ctx, p, taxonomy), { class: 'add-guarantee' })),
  ];
}

export function productDetail(ctx: AppContext, p: ProductFile, taxonomy: readonly TaxonomyCategoryDto[]): HTMLElement {
  const docTitle = (file: string) => p.documents.find((d) => d.file === file)?.title ?? null;
  return h(
    'article',
    { class: 'card product' },
    h('h3', { text: p.product.name, tabIndex: -1 }),
    productFacts(p),
    p.product.description ? h('p', { text: p.product.description }) : null,
    productActions(ctx, p),
    h('h4', { text: 'Documents' }),
    documentsTable(p),
    h('h4', { text: 'Formules et options' }),
    formulasTable(ctx, p),
    h('div', { class: 'actions' }, button('Ajouter une formule', () => void addFormula(ctx, p), { class: 'add-formula' })),
    h('h4', { text: 'Versions' }),
    versionsTable(p),
    h('div', { class: 'actions' }, button('Ajouter une version', () => void addVersion(ctx, p), { class: 'add-version' })),
    ...guaranteesPart(ctx, p, taxonomy, docTitle),
    h('details', { class: 'source-details' }, h('summary', { text: 'Source du produit' }), sourceBlock(p.product.source, docTitle(p.product.source.file))),
    historySection(ctx, p.product.id),
  );
}
