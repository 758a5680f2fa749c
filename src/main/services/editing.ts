/**
 * Catalogue editing from the desktop: edit a guarantee, a tariff cell, a formula's label;
 * add a guarantee, a formula, a version, a product; undo the latest edits. Shared by the IPC handlers and the CLI.
 *
 * Every change is checked whole before anything is written (product, guarantee position, codes,
 * dates, periods, amounts, texts, and the value the user saw: a value changed meanwhile is refused),
 * then written with its audit row in one transaction. The audit row keeps what undo needs: the old
 * and the new value, identified by natural keys (codes, guarantee position), never by row ids.
 *
 * Sources: `keep` keeps the value's source (its quote must still show the new numbers), `document`
 * cites a document (its quote must show them), `none` stores a source whose file is UNSOURCED_FILE,
 * shown « sans source » and counted by `catalogue check`.
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { CatalogueEdit, EditAnswer, HistoryEntryDto, SourceChoice, UndoAnswer } from '../../shared/api';
import { guaranteeSchema, productFileSchema, quantitiesSchema, quantityKinds, type ProductFile, type Quantities, type Source } from '../../shared/core/catalogue-schema';
import { dayBefore, formatDateFr, isIsoDate } from '../../shared/core/dates';
import { formatQuantity, type QuantityKind } from '../../shared/core/format';
import { EDIT_LIMITS } from '../../shared/core/limits';
import { formatEuros } from '../../shared/core/money';
import { displayedNumber, quoteShowsNumber } from '../../shared/core/provenance';
import { UNSOURCED_FILE, UNSOURCED_TEXT } from '../../shared/core/source-label';
import { formatZodIssues } from '../../shared/core/zod-issues';
import { slugify } from '../../shared/core/slug';
import { crossCheck } from '../catalogue/data-dir';
import { GrilleError } from '../../shared/errors';
import { getProduct, getTaxonomy, productExists, productIds } from '../store/reader';
import { saveProduct } from '../store/writer';
import {
  appendGuarantee,
  deleteDocument,
  deleteFormula,
  deleteGuarantee,
  deleteOrganisationIfUnused,
  deleteProduct,
  deleteVersion,
  documentInUse,
  forgetVersionUsers,
  formulaUsers,
  guaranteeRow,
  inheritVersionUsers,
  insertDocument,
  insertFormula,
  insertVersion,
  organisationExists,
  organisationRow,
  organisationsNamed,
  setFormulaLabel,
  setVersionEnd,
  updateGuarantee,
  updateTariffCell,
  versionCellCount,
  versionUsers,
  type CellKey,
  type GuaranteeFields,
} from '../store/writer-edit';
import { insertAudit } from '../store/writer-import';
import { historyWithUndo, undoTop, UNDO_ACTION, type EditAction, type HistoryEntry } from '../transfer/history';
import type { Catalogue } from './catalogue';

/** Limits of what an edit may hold: shared with the renderer's fields (src/shared/core/limits.ts). */
export { EDIT_LIMITS };

const CODE_RE = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

export interface EditOptions {
  /** AAAA-MM-JJ: the date written in the quote of a value keyed in without source */
  today: string;
}

const invalid = (message: string) => new GrilleError('INVALID_INPUT', message);
const conflict = (message: string) => new GrilleError('CONFLICT', message);

function requireProduct(cat: Catalogue, id: string): ProductFile {
  const p = getProduct(cat.db, id);
  if (!p) throw new GrilleError('NOT_FOUND', `Produit inconnu : « ${id} ». Produits du catalogue : ${productIds(cat.db).join(', ')}.`);
  return p;
}

const productName = (p: ProductFile) => `« ${p.product.name} » (${p.product.id})`;
const stale = (where: string, detail: string) => conflict(`${where} : la valeur a changé depuis l’affichage : ${detail} ; rechargez, rien n’a été modifié.`);
const list = (values: string[]) => (values.length ? values.join(', ') : '(aucun)');

function checkText(value: string, what: string, max: number): string {
  const t = value.trim();
  if (!t) throw invalid(`${what} : texte vide ; ce champ est obligatoire.`);
  if (t.length > max) throw invalid(`${what} : ${max} caractères au plus (${t.length} saisis).`);
  return t;
}

function checkCode(value: string, what: string, taken: string[]): string {
  const t = value.trim();
  if (!t) throw invalid(`${what} : code vide.`);
  if (t.length > EDIT_LIMITS.code) throw invalid(`${what} : ${EDIT_LIMITS.code} caractères au plus.`);
  if (!CODE_RE.test(t)) throw invalid(`${what} « ${t} » : lettres sans accent, chiffres, - ou _ seulement (commençant par une lettre ou un chiffre), sans espace.`);
  if (taken.includes(t)) throw invalid(`${what} « ${t} » existe déjà : choisissez un autre code.`);
  return t;
}

function checkDate(value: string, what: string): string {
  if (!isIsoDate(value)) throw invalid(`${what} « ${value} » : date impossible ou mal écrite (AAAA-MM-JJ attendu).`);
  return value;
}

function comment(value: string): string | null {
  const t = value.trim();
  if (t.length > EDIT_LIMITS.comment) throw invalid(`Commentaire : ${EDIT_LIMITS.comment} caractères au plus (${t.length} saisis).`);
  return t || null;
}

// ---- sources

/** The source of a value keyed in without a document. */
export function unsourced(today: string): Source {
  return { file: UNSOURCED_FILE, section: 'Saisie sans source', lines: [1, 1], quote: `Valeur saisie sans source le ${today}` };
}

function citedSource(choice: Extract<SourceChoice, { mode: 'document' }>, where: string): Source {
  const file = choice.file.trim();
  const section = choice.section.trim();
  const quote = choice.quote.trim();
  const problems: string[] = [];
  if (!file) problems.push('document : indiquez le fichier ou le titre du document cité');
  else if (file.length > EDIT_LIMITS.sourceFile) problems.push(`document : ${EDIT_LIMITS.sourceFile} caractères au plus`);
  else if (file.startsWith('grille:') || file.toLowerCase() === UNSOURCED_TEXT) problems.push(`document « ${file} » : ce n’est pas un document ; choisissez « sans source »`);
  if (!section) problems.push('section : indiquez l’article ou la section où se trouve la valeur');
  else if (section.length > EDIT_LIMITS.section) problems.push(`section : ${EDIT_LIMITS.section} caractères au plus`);
  const [from, to] = choice.lines;
  const okLine = (n: number) => Number.isInteger(n) && n >= 1 && n <= EDIT_LIMITS.line;
  if (!okLine(from) || !okLine(to)) problems.push('lignes : numéros de ligne (ou de page) entiers, 1 ou plus');
  else if (from > to) problems.push(`lignes : la fin (${to}) est avant le début (${from})`);
  if (!quote) problems.push('citation : recopiez la phrase du document qui donne la valeur');
  else if (quote.length > EDIT_LIMITS.quote) problems.push(`citation : ${EDIT_LIMITS.quote} caractères au plus (${quote.length} saisis)`);
  if (problems.length) throw invalid(`${where} : source citée incomplète : ${problems.join(' ; ')}.`);
  return { file, section, lines: [from, to], quote };
}

/** The source of a new entry (add…): a cited document or none; `keep` has nothing to keep. */
function newSource(choice: SourceChoice, where: string, today: string): Source {
  if (choice.mode === 'keep') throw invalid(`${where} : « garder la source » ne s’applique pas à un ajout ; citez un document ou choisissez « sans source ».`);
  return choice.mode === 'none' ? unsourced(today) : citedSource(choice, where);
}

const isComputed = (s: Source) => s.file.startsWith('grille:') && s.file !== UNSOURCED_FILE;
const isUnsourced = (s: Source) => s.file === UNSOURCED_FILE;

/** A document entry for a new version or product: the product's entry for that file, or a new one. */
function documentFor(p: { documents: ProductFile['documents'] } | null, source: Source): { entry: ProductFile['documents'][number]; created: boolean } {
  const docs = p?.documents ?? [];
  const existing = docs.find((d) => d.file === source.file);
  if (existing) return { entry: existing, created: false };
  const taken = new Set(docs.map((d) => d.id));
  const base = isUnsourced(source)
    ? 'saisie-sans-document'
    : `doc-${slugify(source.file) || 'document'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const entry = isUnsourced(source)
    ? { id, file: UNSOURCED_FILE, title: 'Saisie sans document', kind: 'saisie', lines: [1, 1] as [number, number], date: null }
    : { id, file: source.file, title: source.file, kind: 'document cité', lines: [source.lines[0], source.lines[1]] as [number, number], date: null };
  return { entry, created: true };
}

// ---- what an audit row says

type GuaranteeEntry = ProductFile['guarantees'][number];

interface GuaranteeValue {
  index: number;
  category: string;
  label: string;
  status: GuaranteeEntry['status'];
  text: string;
  quantities: Quantities;
  derived: string[] | null;
  conditions: string | null;
  source: Source;
}

/** A guarantee added from the desktop, at its position (the end of the product's guarantees when added). */
interface AddedGuaranteeValue {
  index: number;
  category: string;
  label: string;
  formulas: string[];
  versions: string[];
  status: GuaranteeEntry['status'];
  text: string;
  quantities: Quantities;
  conditions: string | null;
  source: Source;
}

const addedGuaranteeValue = (g: GuaranteeEntry, index: number): AddedGuaranteeValue => ({
  index,
  category: g.category,
  label: g.label,
  formulas: [...g.formulas],
  versions: [...g.versions],
  status: g.status,
  text: g.text,
  quantities: { ...g.quantities },
  conditions: g.conditions ?? null,
  source: g.source,
});

const guaranteeOf = (v: AddedGuaranteeValue): GuaranteeEntry => ({
  category: v.category,
  label: v.label,
  formulas: v.formulas,
  versions: v.versions,
  status: v.status,
  quantities: v.quantities,
  text: v.text,
  ...(v.conditions !== null ? { conditions: v.conditions } : {}),
  source: v.source,
});

interface CellValue extends CellKey {
  amountCents: number;
  source: Source;
}

interface FormulaValue {
  code: string;
  label: string;
  kind: 'formula' | 'option';
  source: Source | null;
}

interface VersionValue {
  version: ProductFile['versions'][number];
  /** the document entry the version needed, when this change created it */
  documentCreated: ProductFile['documents'][number] | null;
  /** the open version this one closed */
  closed: { version: string; effectiveTo: string | null; closedTo: string } | null;
  copiedFrom: string | null;
  cells: number;
  /** the version whose guarantees and rules the new one took over (absent in entries written before this existed) */
  inheritedFrom?: string | null;
  inherited?: { guarantees: number; rules: number };
}

interface ProductValue {
  product: ProductFile;
  /** the insurer organisation, when this change created it */
  organisationCreated: string | null;
}

const guaranteeValue = (g: GuaranteeEntry, index: number): GuaranteeValue => ({
  index,
  category: g.category,
  label: g.label,
  status: g.status,
  text: g.text,
  quantities: { ...g.quantities },
  derived: g.derived ?? null,
  conditions: g.conditions ?? null,
  source: g.source,
});

const editableOf = (v: GuaranteeValue) => ({ status: v.status, text: v.text, quantities: v.quantities, derived: v.derived, conditions: v.conditions, source: v.source });

const FIELD_FR: Record<string, string> = {
  status: 'statut',
  text: 'texte',
  quantities: 'quantités',
  derived: 'quantités déduites du texte',
  conditions: 'conditions',
  source: 'source',
  amountCents: 'montant',
  label: 'libellé',
  category: 'catégorie',
  formulas: 'formules',
  versions: 'versions',
  kind: 'nature',
  effectiveFrom: 'date d’effet',
  effectiveTo: 'date de fin',
  reference: 'référence',
  document: 'document',
};

const show = (v: unknown): string => {
  if (v === null || v === undefined) return '(vide)';
  if (typeof v === 'string') return `« ${v.length > 120 ? `${v.slice(0, 119)}…` : v} »`;
  if (typeof v === 'object' && 'quote' in (v as object)) {
    const s = v as Source;
    return isUnsourced(s) ? UNSOURCED_TEXT : `${s.file}, ${s.section}, l. ${s.lines[0]}-${s.lines[1]}`;
  }
  return JSON.stringify(v);
};

/** The first field where `now` differs from `expected`, in French; null when equal. */
function difference(expected: Record<string, unknown>, now: Record<string, unknown>, money = false): string | null {
  for (const k of Object.keys(expected)) {
    if (!isDeepStrictEqual(expected[k], now[k])) {
      const fmt = (v: unknown) => (money && k === 'amountCents' && typeof v === 'number' ? formatEuros(v) : show(v));
      return `${FIELD_FR[k] ?? k} ${fmt(now[k])} au lieu de ${fmt(expected[k])}`;
    }
  }
  return null;
}

function describeQuantities(q: Quantities): string {
  const parts = (Object.keys(q) as QuantityKind[]).map((k) => formatQuantity(k, q[k]!));
  return parts.length ? parts.join(', ') : 'aucune quantité';
}

// ---- the edits

interface Planned {
  action: EditAction;
  productId: string;
  what: string;
  oldValue: unknown;
  newValue: unknown;
  comment: string | null;
  apply: () => void;
}

/** Checks an edit whole, then writes it and its audit row in one transaction. */
export function editCatalogue(cat: Catalogue, edit: CatalogueEdit, options: EditOptions): EditAnswer {
  const db = cat.db;
  return db
    .transaction((): EditAnswer => {
      const plan = planEdit(cat, edit, options);
      plan.apply();
      const auditId = insertAudit(db, { action: plan.action, what: plan.what, productId: plan.productId, oldValue: plan.oldValue, newValue: plan.newValue, comment: plan.comment });
      return { auditId, productId: plan.productId, what: plan.what };
    })
    .immediate();
}

function planEdit(cat: Catalogue, edit: CatalogueEdit, options: EditOptions): Planned {
  switch (edit.kind) {
    case 'guarantee':
      return planGuarantee(cat, edit, options);
    case 'tariffCell':
      return planTariffCell(cat, edit, options);
    case 'addGuarantee':
      return planAddGuarantee(cat, edit, options);
    case 'formulaLabel':
      return planFormulaLabel(cat, edit);
    case 'addFormula':
      return planAddFormula(cat, edit, options);
    case 'addVersion':
      return planAddVersion(cat, edit, options);
    case 'addProduct':
      return planAddProduct(cat, edit, options);
    default:
      throw invalid(`modification de nature inconnue : ${String((edit as { kind?: unknown }).kind)}`);
  }
}

function checkQuantities(raw: Record<string, number>, where: string): Quantities {
  const unknown = Object.keys(raw).filter((k) => !(quantityKinds as string[]).includes(k));
  if (unknown.length) throw invalid(`${where} : quantité inconnue ${unknown.join(', ')} (connues : ${quantityKinds.join(', ')}).`);
  const parsed = quantitiesSchema.safeParse(raw, { error: z.locales.fr().localeError });
  if (!parsed.success) throw invalid(`${where} : ${formatZodIssues(parsed.error).join(' ; ')}`);
  const q = parsed.data;
  for (const k of Object.keys(q) as QuantityKind[]) {
    const v = q[k]!;
    if (!Number.isFinite(v)) throw invalid(`${where} : ${k} n’est pas un nombre.`);
    if (k.endsWith('Cents')) {
      if (v > EDIT_LIMITS.quantityCents) throw invalid(`${where} : montant invraisemblable (${formatEuros(v)}, ${formatEuros(EDIT_LIMITS.quantityCents)} au plus).`);
    } else if (k === 'ageMax') {
      if (v > EDIT_LIMITS.age) throw invalid(`${where} : âge invraisemblable (${v} ans).`);
    } else if (v > EDIT_LIMITS.quantity) throw invalid(`${where} : ${k} = ${v} invraisemblable.`);
  }
  return q;
}

/** What the user keys in for a guarantee, edited or added. */
type GuaranteeInput = Pick<Extract<CatalogueEdit, { kind: 'guarantee' }>, 'text' | 'status' | 'quantities' | 'conditions'>;

/** The checks of a guarantee's value, shared by an edit and an addition: text, conditions, status, quantities. */
function checkGuaranteeValue(e: GuaranteeInput, where: string): { text: string; status: GuaranteeEntry['status']; quantities: Quantities; conditions: string | null } {
  const text = checkText(e.text, `${where}, texte`, EDIT_LIMITS.text);
  const conditions = e.conditions === null || e.conditions.trim() === '' ? null : checkText(e.conditions, `${where}, conditions`, EDIT_LIMITS.conditions);
  if (!['covered', 'not_covered', 'unspecified'].includes(e.status)) throw invalid(`${where} : statut « ${String(e.status)} » inconnu (covered, not_covered ou unspecified).`);
  const quantities = checkQuantities(e.quantities, where);
  if (e.status !== 'covered' && Object.keys(quantities).length) {
    throw invalid(`${where} : une garantie ${e.status === 'not_covered' ? '« non couverte »' : '« non précisée »'} n’a pas de quantités (${describeQuantities(quantities)}) ; retirez-les ou choisissez « couvert ».`);
  }
  return { text, status: e.status, quantities, conditions };
}

/** Every quantity (but those in `skip`, read from the words) must be read in the quote of its source, as in data/. */
function requireNumbersShown(quantities: Quantities, quote: string, how: string, where: string, skip: readonly string[] = []): void {
  for (const k of Object.keys(quantities) as QuantityKind[]) {
    if (skip.includes(k)) continue;
    const shown = displayedNumber(k, quantities[k]!);
    if (!quoteShowsNumber(quote, shown)) {
      throw invalid(`${where} : ${formatQuantity(k, quantities[k]!)} n’apparaît pas dans ${how} « ${quote} » ; chaque nombre doit se lire dans la citation de sa source : citez le passage du document qui le donne, ou choisissez « sans source ».`);
    }
  }
}

function planGuarantee(cat: Catalogue, e: Extract<CatalogueEdit, { kind: 'guarantee' }>, options: EditOptions): Planned {
  const p = requireProduct(cat, e.productId);
  const g = p.guarantees[e.index];
  if (!Number.isInteger(e.index) || !g) {
    throw new GrilleError('NOT_FOUND', `${productName(p)} : garantie n°${e.index + 1} inexistante (le produit en a ${p.guarantees.length}).`);
  }
  const where = `${productName(p)}, garantie n°${e.index + 1} « ${g.label} » (${g.category})`;
  if (g.text !== e.expectedText) throw stale(where, `texte enregistré ${show(g.text)}, affiché ${show(e.expectedText)}`);
  const { text, conditions, quantities } = checkGuaranteeValue(e, where);
  // quantities computed from the words (derived) stay so while their value is unchanged
  const stillDerived = (g.derived ?? []).filter((k) => quantities[k as QuantityKind] !== undefined && quantities[k as QuantityKind] === g.quantities[k as QuantityKind]);
  const mustShow = (quote: string, how: string) => requireNumbersShown(quantities, quote, how, where, stillDerived);
  let source: Source;
  let derived: string[] | null;
  const numbersChanged = !isDeepStrictEqual(quantities, g.quantities);
  // an empty list stays as stored (a file may write "derived": [])
  const keptDerived = stillDerived.length ? stillDerived : g.derived && g.derived.length === 0 ? [] : null;
  if (e.source.mode === 'keep') {
    if (isUnsourced(g.source)) {
      source = numbersChanged || text !== g.text || e.status !== g.status ? unsourced(options.today) : g.source;
      derived = null;
    } else {
      source = g.source;
      if (numbersChanged) mustShow(g.source.quote, 'la citation gardée');
      derived = keptDerived;
    }
  } else if (e.source.mode === 'document') {
    source = citedSource(e.source, where);
    mustShow(source.quote, 'la citation');
    derived = keptDerived;
  } else {
    source = unsourced(options.today);
    derived = null;
  }
  const before = guaranteeValue(g, e.index);
  const after: GuaranteeValue = { ...before, status: e.status, text, quantities, derived, conditions, source };
  if (isDeepStrictEqual(editableOf(before), editableOf(after))) throw invalid(`${where} : rien n’a changé (même texte, statut, quantités, conditions et source).`);
  return {
    action: 'edit.guarantee',
    productId: p.product.id,
    what: `Garantie n°${e.index + 1} « ${g.label} » (${g.category}) de ${productName(p)} : ${show(g.text)} → ${show(text)}${isUnsourced(source) ? ' (sans source)' : ''}`,
    oldValue: before,
    newValue: after,
    comment: comment(e.comment),
    apply: () => writeGuarantee(cat, p.product.id, after),
  };
}

function writeGuarantee(cat: Catalogue, productId: string, v: GuaranteeValue): void {
  const row = guaranteeRow(cat.db, productId, v.index);
  if (!row) throw new GrilleError('NOT_FOUND', `${productId} : garantie n°${v.index + 1} introuvable.`);
  const fields: GuaranteeFields = { status: v.status, text: v.text, quantities: v.quantities, derived: v.derived, conditions: v.conditions };
  updateGuarantee(cat.db, productId, row.id, fields, v.source);
}

/** The formula (or option) or version codes a new guarantee applies to: known codes of the product, or « * » alone. */
function appliesTo(codes: readonly string[], known: readonly string[], what: { one: string; all: string; listed: string }, where: string): string[] {
  const chosen = [...new Set(codes.map((c) => c.trim()))];
  if (chosen.length === 0 || chosen.includes('')) throw invalid(`${where} : indiquez les ${what.all} concernées, ou « * » pour toutes.`);
  if (chosen.includes('*')) {
    if (chosen.length > 1) throw invalid(`${where} : « * » (toutes les ${what.all}) ne se combine pas avec d’autres codes (${chosen.filter((c) => c !== '*').join(', ')}).`);
    return ['*'];
  }
  const unknown = chosen.filter((c) => !known.includes(c));
  if (unknown.length) throw invalid(`${where} : ${what.one} ${unknown.map((c) => `« ${c} »`).join(', ')} inconnue${unknown.length > 1 ? 's' : ''} (${what.listed} : ${list([...known])}).`);
  // in the product's order, whatever order the dialog sent
  return known.filter((c) => chosen.includes(c));
}

function planAddGuarantee(cat: Catalogue, e: Extract<CatalogueEdit, { kind: 'addGuarantee' }>, options: EditOptions): Planned {
  const p = requireProduct(cat, e.productId);
  const where = `${productName(p)}, nouvelle garantie`;
  const key = e.category.trim();
  const category = getTaxonomy(cat.db).find((c) => c.key === key);
  if (!category) throw invalid(`${where} : catégorie « ${key} » inconnue de la taxonomie ; choisissez une catégorie de la liste (ex. assistance.aide_domicile.hospitalisation).`);
  const label = checkText(e.label, `${where}, libellé`, EDIT_LIMITS.label);
  const at = `${where} « ${label} » (${category.key})`;
  const formulas = appliesTo(e.formulas, p.formulas.map((f) => f.code), { one: 'formule', all: 'formules', listed: 'formules et options du produit' }, at);
  const versions = appliesTo(e.versions, p.versions.map((v) => v.code), { one: 'version', all: 'versions', listed: 'versions du produit' }, at);
  const value = checkGuaranteeValue(e, at);
  const source = newSource(e.source, at, options.today);
  // a cited quote shows every number of the value, as in data/; a value without source is flagged instead
  if (!isUnsourced(source)) requireNumbersShown(value.quantities, source.quote, 'la citation', at);
  const index = p.guarantees.length;
  const added: AddedGuaranteeValue = {
    index,
    category: category.key,
    label,
    formulas,
    versions,
    status: value.status,
    text: value.text,
    // in the schema's order, as the store reads them back
    quantities: Object.fromEntries(quantityKinds.filter((k) => value.quantities[k] !== undefined).map((k) => [k, value.quantities[k]])) as Quantities,
    conditions: value.conditions,
    source,
  };
  const entry = guaranteeOf(added);
  // the same shape as a guarantee of data/ or of an import
  const parsed = guaranteeSchema.safeParse(entry, { error: z.locales.fr().localeError });
  if (!parsed.success) throw invalid(`${at} : ${formatZodIssues(parsed.error).join(' ; ')}`);
  return {
    action: 'add.guarantee',
    productId: p.product.id,
    what: `Ajout de la garantie n°${index + 1} « ${label} » (${category.key}) à ${productName(p)} : ${show(value.text)}${isUnsourced(source) ? ' (sans source)' : ''}`,
    oldValue: null,
    newValue: added,
    comment: comment(e.comment),
    apply: () => appendGuarantee(cat.db, p.product.id, entry),
  };
}

function cellWhere(p: ProductFile, k: CellKey): string {
  const v = p.versions.find((x) => x.code === k.version);
  const f = p.formulas.find((x) => x.code === k.formula);
  const o = k.option ? p.formulas.find((x) => x.code === k.option) : null;
  const s = p.segments.find((x) => x.code === k.segment);
  return [
    `version ${v ? `« ${v.label} »` : k.version}`,
    `formule ${f ? `« ${f.label} »` : k.formula}`,
    ...(k.option ? [`option ${o ? `« ${o.label} »` : k.option}`] : []),
    `segment ${s ? `« ${s.label} »` : k.segment}`,
    ...(k.zone ? [`zone ${k.zone}`] : []),
  ].join(', ');
}

function findCell(p: ProductFile, k: CellKey, whereProduct: string): ProductFile['tariffs'][number] {
  const cell = p.tariffs.find((t) => t.version === k.version && t.formula === k.formula && t.option === k.option && t.segment === k.segment && t.zone === k.zone);
  if (cell) return cell;
  const missing: string[] = [];
  if (!p.versions.some((v) => v.code === k.version)) missing.push(`version « ${k.version} » inconnue (versions : ${list(p.versions.map((v) => v.code))})`);
  if (!p.formulas.some((f) => f.code === k.formula && f.kind === 'formula')) missing.push(`formule « ${k.formula} » inconnue (formules : ${list(p.formulas.filter((f) => f.kind === 'formula').map((f) => f.code))})`);
  if (k.option && !p.formulas.some((f) => f.code === k.option && f.kind === 'option')) missing.push(`option « ${k.option} » inconnue`);
  if (!p.segments.some((s) => s.code === k.segment)) missing.push(`segment « ${k.segment} » inconnu (segments : ${list(p.segments.map((s) => s.code))})`);
  throw new GrilleError('NOT_FOUND', `${whereProduct} : cellule de tarif introuvable (${missing.length ? missing.join(' ; ') : `aucun montant pour ${k.version}/${k.formula}${k.option ? `/${k.option}` : ''}/${k.segment}${k.zone ? `/${k.zone}` : ''} : tarif non précisé ; importez une table CSV pour l’ajouter`}).`);
}

function planTariffCell(cat: Catalogue, e: Extract<CatalogueEdit, { kind: 'tariffCell' }>, options: EditOptions): Planned {
  const p = requireProduct(cat, e.productId);
  const key: CellKey = { version: e.version, formula: e.formula, option: e.option, segment: e.segment, zone: e.zone };
  const cell = findCell(p, key, productName(p));
  const where = `${productName(p)}, tarif ${cellWhere(p, key)}`;
  if (cell.amountCents !== e.expectedCents) throw stale(where, `montant enregistré ${formatEuros(cell.amountCents)}, affiché ${formatEuros(e.expectedCents)}`);
  if (!Number.isSafeInteger(e.amountCents) || e.amountCents < 0) throw invalid(`${where} : montant en centimes entier et positif attendu (reçu ${e.amountCents}).`);
  if (e.amountCents > EDIT_LIMITS.tariffCents) throw invalid(`${where} : montant invraisemblable (${formatEuros(e.amountCents)}, ${formatEuros(EDIT_LIMITS.tariffCents)} au plus) ; les montants sont en centimes.`);
  const changed = e.amountCents !== cell.amountCents;
  const mustShow = (quote: string, how: string) => {
    if (!quoteShowsNumber(quote, e.amountCents / 100)) {
      throw invalid(`${where} : ${formatEuros(e.amountCents)} n’apparaît pas dans ${how} « ${quote} » ; citez le passage du document qui donne ce montant, ou choisissez « sans source ».`);
    }
  };
  let source: Source;
  if (e.source.mode === 'keep') {
    if (isUnsourced(cell.source)) source = changed ? unsourced(options.today) : cell.source;
    else if (isComputed(cell.source)) {
      if (changed) throw invalid(`${where} : ce montant a été calculé par Grille (révision) ; un autre montant ne peut pas garder cette source : citez un document ou choisissez « sans source ».`);
      source = cell.source;
    } else {
      if (changed) mustShow(cell.source.quote, 'la citation gardée');
      source = cell.source;
    }
  } else if (e.source.mode === 'document') {
    source = citedSource(e.source, where);
    mustShow(source.quote, 'la citation');
  } else source = unsourced(options.today);
  const before: CellValue = { ...key, amountCents: cell.amountCents, source: cell.source };
  const after: CellValue = { ...key, amountCents: e.amountCents, source };
  if (isDeepStrictEqual(before, after)) throw invalid(`${where} : rien n’a changé (même montant, même source).`);
  return {
    action: 'edit.tariffCell',
    productId: p.product.id,
    what: `Tarif de ${productName(p)}, ${cellWhere(p, key)} : ${formatEuros(cell.amountCents)} → ${formatEuros(e.amountCents)}${isUnsourced(source) ? ' (sans source)' : ''}`,
    oldValue: before,
    newValue: after,
    comment: comment(e.comment),
    apply: () => writeCell(cat, p.product.id, after),
  };
}

function writeCell(cat: Catalogue, productId: string, v: CellValue): void {
  const key: CellKey = { version: v.version, formula: v.formula, option: v.option, segment: v.segment, zone: v.zone };
  if (!updateTariffCell(cat.db, productId, key, v.amountCents, v.source)) throw new GrilleError('NOT_FOUND', `${productId} : cellule de tarif introuvable.`);
}

function planFormulaLabel(cat: Catalogue, e: Extract<CatalogueEdit, { kind: 'formulaLabel' }>): Planned {
  const p = requireProduct(cat, e.productId);
  const f = p.formulas.find((x) => x.code === e.formula);
  if (!f) throw new GrilleError('NOT_FOUND', `${productName(p)} : formule « ${e.formula} » inconnue (formules et options : ${list(p.formulas.map((x) => x.code))}).`);
  const where = `${productName(p)}, ${f.kind === 'option' ? 'option' : 'formule'} ${f.code}`;
  if (f.label !== e.expectedLabel) throw stale(where, `libellé enregistré ${show(f.label)}, affiché ${show(e.expectedLabel)}`);
  const label = checkText(e.label, `${where}, libellé`, EDIT_LIMITS.label);
  if (label === f.label) throw invalid(`${where} : rien n’a changé (même libellé).`);
  const other = p.formulas.find((x) => x.code !== f.code && x.label === label);
  if (other) throw invalid(`${where} : le libellé ${show(label)} est déjà celui de ${other.kind === 'option' ? 'l’option' : 'la formule'} ${other.code} ; deux colonnes porteraient le même nom.`);
  return {
    action: 'edit.formulaLabel',
    productId: p.product.id,
    what: `Libellé de ${f.kind === 'option' ? 'l’option' : 'la formule'} ${f.code} de ${productName(p)} : ${show(f.label)} → ${show(label)}`,
    oldValue: { code: f.code, label: f.label },
    newValue: { code: f.code, label },
    comment: comment(e.comment),
    apply: () => {
      setFormulaLabel(cat.db, p.product.id, f.code, label);
    },
  };
}

function planAddFormula(cat: Catalogue, e: Extract<CatalogueEdit, { kind: 'addFormula' }>, options: EditOptions): Planned {
  const p = requireProduct(cat, e.productId);
  const where = `${productName(p)}, nouvelle ${e.formulaKind === 'option' ? 'option' : 'formule'}`;
  const code = checkCode(e.code, `${where}, code`, p.formulas.map((f) => f.code));
  if (code === '*') throw invalid(`${where} : « * » est réservé (toutes les formules).`);
  const label = checkText(e.label, `${where} ${code}, libellé`, EDIT_LIMITS.label);
  if (e.formulaKind !== 'formula' && e.formulaKind !== 'option') throw invalid(`${where} : nature « ${String(e.formulaKind)} » inconnue (formula ou option).`);
  const other = p.formulas.find((x) => x.label === label);
  if (other) throw invalid(`${where} ${code} : le libellé ${show(label)} est déjà celui de ${other.kind === 'option' ? 'l’option' : 'la formule'} ${other.code}.`);
  const source = newSource(e.source, `${where} ${code}`, options.today);
  const value: FormulaValue = { code, label, kind: e.formulaKind, source };
  return {
    action: 'add.formula',
    productId: p.product.id,
    what: `Ajout de ${e.formulaKind === 'option' ? 'l’option' : 'la formule'} ${code} ${show(label)} à ${productName(p)}${isUnsourced(source) ? ' (sans source)' : ''}`,
    oldValue: null,
    newValue: value,
    comment: comment(e.comment),
    apply: () => insertFormula(cat.db, p.product.id, { code, label, kind: e.formulaKind, source }),
  };
}

/** The known period of a version: a missing start reads as "always before", a missing end as "still running". */
const periodOf = (v: { effectiveFrom: string | null; effectiveTo: string | null }) => ({ from: v.effectiveFrom ?? '0000-01-01', to: v.effectiveTo ?? '9999-12-31' });

function planAddVersion(cat: Catalogue, e: Extract<CatalogueEdit, { kind: 'addVersion' }>, options: EditOptions): Planned {
  const p = requireProduct(cat, e.productId);
  const where = `${productName(p)}, nouvelle version`;
  const code = checkCode(e.code, `${where}, code`, p.versions.map((v) => v.code));
  if (code === '*') throw invalid(`${where} : « * » est réservé (toutes les versions).`);
  const at = `${where} ${code}`;
  const label = checkText(e.label, `${at}, libellé`, EDIT_LIMITS.label);
  const from = checkDate(e.effectiveFrom, `${at}, date d’effet`);
  const to = e.effectiveTo === null ? null : checkDate(e.effectiveTo, `${at}, date de fin`);
  if (to !== null && to < from) throw invalid(`${at} : la date de fin (${formatDateFr(to)}) est avant la date d’effet (${formatDateFr(from)}).`);
  const reference = e.reference === null || e.reference.trim() === '' ? null : checkText(e.reference, `${at}, référence`, EDIT_LIMITS.reference);
  if (e.copyTariffsFrom !== null && !p.versions.some((v) => v.code === e.copyTariffsFrom)) {
    throw invalid(`${at} : version à recopier « ${e.copyTariffsFrom} » inconnue (versions : ${list(p.versions.map((v) => v.code))}).`);
  }
  // an open-ended version in force before the new one is closed the day before it (as revise --save
  // and imports do); any other version whose period meets the new one's refuses the change
  const open = p.versions
    .filter((v) => v.effectiveTo === null && (v.effectiveFrom === null || v.effectiveFrom < from))
    .sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''))
    .at(-1);
  const closed = open ? { version: open.code, effectiveTo: null, closedTo: dayBefore(from) } : null;
  const mine = periodOf({ effectiveFrom: from, effectiveTo: to });
  for (const v of p.versions) {
    const theirs = periodOf(v.code === closed?.version ? { effectiveFrom: v.effectiveFrom, effectiveTo: closed.closedTo } : v);
    if (mine.from <= theirs.to && theirs.from <= mine.to) {
      const span = `${v.effectiveFrom ? `du ${formatDateFr(v.effectiveFrom)}` : 'depuis une date non précisée'}${v.effectiveTo ? ` au ${formatDateFr(v.effectiveTo)}` : ', sans date de fin'}`;
      throw invalid(`${at} : la période ${to ? `du ${formatDateFr(from)} au ${formatDateFr(to)}` : `à compter du ${formatDateFr(from)}, sans date de fin,`} chevauche la version « ${v.code} » (${v.label}, ${span}) ; rien n’a été enregistré.`);
    }
  }
  const source = newSource(e.source, at, options.today);
  const doc = documentFor(p, source);
  const version: ProductFile['versions'][number] = {
    code,
    label,
    effectiveFrom: from,
    effectiveTo: to,
    document: doc.entry.id,
    ...(reference !== null ? { reference } : {}),
    source,
  };
  const cells = e.copyTariffsFrom === null ? 0 : p.tariffs.filter((t) => t.version === e.copyTariffsFrom).length;
  // the version it follows (the one it closes, else the one whose tariffs it copies) keeps its guarantees
  // and rules for the new period: an avenant changes what it says, the rest goes on
  const inheritedFrom = closed?.version ?? e.copyTariffsFrom;
  const names = (list: readonly string[]) => inheritedFrom !== null && list.includes(inheritedFrom);
  const inherited = { guarantees: p.guarantees.filter((g) => names(g.versions)).length, rules: p.rules.filter((r) => names(r.versions)).length };
  const value: VersionValue = { version, documentCreated: doc.created ? doc.entry : null, closed, copiedFrom: e.copyTariffsFrom, cells, inheritedFrom, inherited };
  const takenOver = inherited.guarantees + inherited.rules > 0 ? ` ; ${inherited.guarantees} garantie(s) et ${inherited.rules} règle(s) de la version ${inheritedFrom} reprises` : '';
  return {
    action: 'add.version',
    productId: p.product.id,
    what: `Ajout de la version ${code} ${show(label)} de ${productName(p)} à compter du ${formatDateFr(from)}${closed ? ` (la version ${closed.version} se termine le ${formatDateFr(closed.closedTo)})` : ''}${e.copyTariffsFrom ? ` ; ${cells} tarif(s) recopié(s) de la version ${e.copyTariffsFrom}` : ''}${takenOver}${isUnsourced(source) ? ' (sans source)' : ''}`,
    oldValue: closed ? { closed: { version: closed.version, effectiveTo: closed.effectiveTo } } : null,
    newValue: value,
    comment: comment(e.comment),
    apply: () => {
      if (doc.created) insertDocument(cat.db, p.product.id, doc.entry);
      if (closed) setVersionEnd(cat.db, p.product.id, closed.version, closed.closedTo);
      insertVersion(cat.db, p.product.id, version, e.copyTariffsFrom);
      if (inheritedFrom !== null) inheritVersionUsers(cat.db, p.product.id, inheritedFrom, code);
    },
  };
}

function planAddProduct(cat: Catalogue, e: Extract<CatalogueEdit, { kind: 'addProduct' }>, options: EditOptions): Planned {
  const db = cat.db;
  const where = 'Nouveau produit';
  const id = checkCode(e.id, `${where}, identifiant`, productIds(db));
  const at = `${where} ${id}`;
  const name = checkText(e.name, `${at}, nom`, EDIT_LIMITS.name);
  if (!['sante', 'assistance', 'mav', 'prevoyance', 'reseau'].includes(e.productKind)) throw invalid(`${at} : type « ${String(e.productKind)} » inconnu (sante, assistance, mav, prevoyance ou reseau).`);
  const formulaCode = checkCode(e.formula.code, `${at}, code de la formule`, []);
  const formulaLabel = checkText(e.formula.label, `${at}, libellé de la formule`, EDIT_LIMITS.label);
  const versionCode = checkCode(e.version.code, `${at}, code de la version`, []);
  const versionLabel = checkText(e.version.label, `${at}, libellé de la version`, EDIT_LIMITS.label);
  const from = checkDate(e.version.effectiveFrom, `${at}, date d’effet`);
  const source = newSource(e.source, at, options.today);
  let insurer: ProductFile['organisations'][number];
  let organisationCreated: string | null = null;
  if ('id' in e.insurer) {
    const row = organisationRow(db, e.insurer.id);
    if (!row) throw new GrilleError('NOT_FOUND', `${at} : assureur « ${e.insurer.id} » inconnu ; choisissez une organisation du catalogue ou indiquez le nom d’un nouvel assureur.`);
    insurer = row;
  } else {
    const orgName = checkText(e.insurer.name, `${at}, nom de l’assureur`, EDIT_LIMITS.name);
    const same = organisationsNamed(db, orgName)[0];
    if (same) insurer = organisationRow(db, same)!;
    else {
      const base = slugify(orgName) || 'assureur';
      let orgId = base;
      for (let n = 2; organisationExists(db, orgId); n++) orgId = `${base}-${n}`;
      insurer = { id: orgId, name: orgName, roles: ['insurer'], source };
      organisationCreated = orgId;
    }
  }
  const doc = documentFor(null, source);
  const product: ProductFile = {
    formatVersion: 1,
    product: { id, kind: e.productKind, name, insurer: insurer.id, distributor: null, subscribers: [], references: [], attachedTo: null, source },
    organisations: [insurer],
    documents: [doc.entry],
    formulas: [{ code: formulaCode, label: formulaLabel, kind: 'formula', source }],
    segments: [],
    versions: [{ code: versionCode, label: versionLabel, effectiveFrom: from, effectiveTo: null, document: doc.entry.id, source }],
    categories: [],
    guarantees: [],
    tariffs: [],
    rules: [],
  };
  // the same checks as a product file of data/ or an import
  const parsed = productFileSchema.safeParse(product, { error: z.locales.fr().localeError });
  if (!parsed.success) throw invalid(`${at} : ${formatZodIssues(parsed.error).join(' ; ')}`);
  const problems = crossCheck({ formatVersion: 1, categories: getTaxonomy(db) }, [product]);
  if (problems.length) throw invalid(`${at} : ${problems.join(' ; ')}`);
  const value: ProductValue = { product, organisationCreated };
  return {
    action: 'add.product',
    productId: id,
    what: `Ajout du produit ${show(name)} (${id}) : assureur ${insurer.name}${organisationCreated ? ' (nouvelle organisation)' : ''}, formule ${formulaCode}, version ${versionCode} à compter du ${formatDateFr(from)}${isUnsourced(source) ? ' (sans source)' : ''}`,
    oldValue: null,
    newValue: value,
    comment: comment(e.comment),
    apply: () => saveProduct(db, product),
  };
}

// ---- undo

const RESTORE_HINT = 'restaurez une sauvegarde : grille db restore / Fichier › Restaurer';

function blockedMessage(entry: HistoryEntry): string {
  const when = `${formatDateFr(entry.at.slice(0, 10))} ${entry.at.slice(11, 16)} UTC`;
  const kind = entry.action.startsWith('import')
    ? 'un import'
    : entry.action === 'revision'
      ? 'une révision enregistrée'
      : entry.action === 'db.restore'
        ? 'une restauration de sauvegarde'
        : `une opération « ${entry.action} »`;
  return `La dernière opération (${when} : ${entry.what}) est ${kind} : « Annuler » ne défait que les modifications faites dans Grille ; pour revenir avant elle, ${RESTORE_HINT}.`;
}

/** Undoes the latest edit not yet undone (of a product, or of the whole catalogue), in one transaction with its audit row. */
export function undoEdit(cat: Catalogue, productId: string | null): UndoAnswer {
  const db = cat.db;
  return db
    .transaction((): UndoAnswer => {
      if (productId !== null && !productExists(db, productId) && db.prepare('SELECT 1 FROM audit WHERE product_id = ? LIMIT 1').get(productId) === undefined) {
        throw new GrilleError('NOT_FOUND', `Produit inconnu : « ${productId} ». Produits du catalogue : ${productIds(db).join(', ')}.`);
      }
      const top = undoTop(db, productId);
      if (top.kind === 'nothing') throw new GrilleError('NOT_FOUND', `Rien à annuler : aucune modification ${productId === null ? 'du catalogue' : `de ${productId}`} n’est enregistrée (ou toutes ont été annulées).`);
      if (top.kind === 'blocked') throw new GrilleError('NOT_AVAILABLE', blockedMessage(top.entry));
      const entry = top.entry;
      const pid = entry.productId!;
      const refuse = (detail: string) => conflict(`Annulation impossible de « ${entry.what} » : ${detail} ; rien n’a été modifié.`);
      undoEntry(cat, entry.action as EditAction, pid, entry.oldValue, entry.newValue, refuse);
      const what = `Annulation : ${entry.what}`;
      const auditId = insertAudit(db, { action: UNDO_ACTION, what, productId: entry.productId, oldValue: entry.newValue, newValue: { undoes: entry.id }, comment: null });
      return { undone: entry.id, auditId, productId: pid, what };
    })
    .immediate();
}

function undoEntry(cat: Catalogue, action: EditAction, pid: string, oldValue: unknown, newValue: unknown, refuse: (detail: string) => GrilleError): void {
  const db = cat.db;
  const current = () => {
    const p = getProduct(db, pid);
    if (!p) throw refuse(`le produit ${pid} n’est plus au catalogue`);
    return p;
  };
  switch (action) {
    case 'edit.guarantee': {
      const before = oldValue as GuaranteeValue;
      const after = newValue as GuaranteeValue;
      const p = current();
      const g = p.guarantees[after.index];
      if (!g || g.category !== after.category || g.label !== after.label) throw refuse(`la garantie n°${after.index + 1} n’est plus « ${after.label} » (${after.category})`);
      const diff = difference(editableOf(after), editableOf(guaranteeValue(g, after.index)));
      if (diff) throw refuse(`la garantie a changé depuis : ${diff}`);
      writeGuarantee(cat, pid, before);
      return;
    }
    case 'add.guarantee': {
      const after = newValue as AddedGuaranteeValue;
      const p = current();
      const g = p.guarantees[after.index];
      if (!g || g.category !== after.category || g.label !== after.label) throw refuse(`la garantie n°${after.index + 1} n’est plus « ${after.label} » (${after.category})`);
      const diff = difference(after as unknown as Record<string, unknown>, addedGuaranteeValue(g, after.index) as unknown as Record<string, unknown>);
      if (diff) throw refuse(`la garantie a changé depuis son ajout : ${diff}`);
      // deleting it would move the ones after it (edits name guarantees by position)
      const later = p.guarantees.length - after.index - 1;
      if (later > 0) throw refuse(`${later} garantie(s) ont été ajoutées après elle`);
      const row = guaranteeRow(db, pid, after.index);
      if (!row) throw refuse(`la garantie n°${after.index + 1} est introuvable`);
      deleteGuarantee(db, pid, row.id);
      return;
    }
    case 'edit.tariffCell': {
      const before = oldValue as CellValue;
      const after = newValue as CellValue;
      const p = current();
      const key: CellKey = { version: after.version, formula: after.formula, option: after.option, segment: after.segment, zone: after.zone };
      const cell = p.tariffs.find((t) => t.version === key.version && t.formula === key.formula && t.option === key.option && t.segment === key.segment && t.zone === key.zone);
      if (!cell) throw refuse(`la cellule ${cellWhere(p, key)} n’existe plus`);
      const diff = difference({ amountCents: after.amountCents, source: after.source }, { amountCents: cell.amountCents, source: cell.source }, true);
      if (diff) throw refuse(`le tarif a changé depuis : ${diff}`);
      writeCell(cat, pid, before);
      return;
    }
    case 'edit.formulaLabel': {
      const before = oldValue as { code: string; label: string };
      const after = newValue as { code: string; label: string };
      const f = current().formulas.find((x) => x.code === after.code);
      if (!f) throw refuse(`la formule ${after.code} n’existe plus`);
      if (f.label !== after.label) throw refuse(`le libellé est maintenant ${show(f.label)} au lieu de ${show(after.label)}`);
      setFormulaLabel(db, pid, after.code, before.label);
      return;
    }
    case 'add.formula': {
      const after = newValue as FormulaValue;
      const f = current().formulas.find((x) => x.code === after.code);
      if (!f) throw refuse(`la formule ${after.code} n’existe plus`);
      const diff = difference({ label: after.label, kind: after.kind, source: after.source }, { label: f.label, kind: f.kind, source: f.source ?? null });
      if (diff) throw refuse(`la formule a changé depuis : ${diff}`);
      const users = formulaUsers(db, pid, after.code);
      const uses = [
        users.cells + users.optionCells && `${users.cells + users.optionCells} cellule(s) de tarif`,
        users.guarantees && `${users.guarantees} garantie(s)`,
        users.rules && `${users.rules} règle(s)`,
      ].filter(Boolean);
      if (uses.length) throw refuse(`${after.kind === 'option' ? 'l’option' : 'la formule'} ${after.code} sert maintenant à ${uses.join(', ')}`);
      deleteFormula(db, pid, after.code);
      return;
    }
    case 'add.version': {
      const after = newValue as VersionValue;
      const p = current();
      const v = p.versions.find((x) => x.code === after.version.code);
      if (!v) throw refuse(`la version ${after.version.code} n’existe plus`);
      const diff = difference(after.version as unknown as Record<string, unknown>, v as unknown as Record<string, unknown>);
      if (diff) throw refuse(`la version a changé depuis : ${diff}`);
      const cells = versionCellCount(db, pid, v.code);
      if (cells !== after.cells) throw refuse(`la version ${v.code} a maintenant ${cells} cellule(s) de tarif (${after.cells} à sa création)`);
      const users = versionUsers(db, pid, v.code);
      const inherited = after.inherited ?? { guarantees: 0, rules: 0 };
      if (users.guarantees !== inherited.guarantees || users.rules !== inherited.rules) {
        throw refuse(`${users.guarantees} garantie(s) et ${users.rules} règle(s) nomment maintenant la version ${v.code} (${inherited.guarantees} et ${inherited.rules} à sa création)`);
      }
      forgetVersionUsers(db, pid, v.code);
      if (after.closed) {
        const c = p.versions.find((x) => x.code === after.closed!.version);
        if (!c || c.effectiveTo !== after.closed.closedTo) {
          throw refuse(`la version ${after.closed.version} ne se termine plus le ${formatDateFr(after.closed.closedTo)}${c ? ` (${c.effectiveTo ? `fin le ${formatDateFr(c.effectiveTo)}` : 'sans date de fin'})` : ''}`);
        }
      }
      deleteVersion(db, pid, v.code);
      if (after.closed) setVersionEnd(db, pid, after.closed.version, after.closed.effectiveTo);
      if (after.documentCreated && !documentInUse(db, pid, after.documentCreated.id)) deleteDocument(db, pid, after.documentCreated.id);
      return;
    }
    case 'add.product': {
      const after = newValue as ProductValue;
      const p = getProduct(db, pid);
      if (!p) throw refuse(`le produit ${pid} n’est plus au catalogue`);
      if (!isDeepStrictEqual(p, after.product)) {
        const diff = (['product', 'organisations', 'documents', 'formulas', 'segments', 'versions', 'categories', 'guarantees', 'tariffs', 'rules'] as const).find(
          (k) => !isDeepStrictEqual(p[k], after.product[k]),
        );
        throw refuse(`le produit a changé depuis sa création (${diff ?? 'contenu'} : ${show(JSON.stringify(p[diff ?? 'product']))})`);
      }
      const others = db.prepare('SELECT count(*) AS n FROM products WHERE attached_to = ?').get(pid) as { n: number };
      if (others.n) throw refuse(`${others.n} produit(s) sont maintenant rattachés à ${pid}`);
      deleteProduct(db, pid);
      if (after.organisationCreated) deleteOrganisationIfUnused(db, after.organisationCreated);
      return;
    }
  }
}

// ---- history

/** The history of a product (or of the whole catalogue), newest first, with what « Annuler » would undo. */
export function editHistory(cat: Catalogue, productId: string | null): HistoryEntryDto[] {
  return historyWithUndo(cat.db, productId);
}
