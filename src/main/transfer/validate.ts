/**
 * Validation of an import against the schema, the cross references, plausibility bounds and the
 * catalogue already stored, then the plan of what will be written. Nothing here writes: every problem
 * of the file is collected (with its sheet, row and column, or JSON path) before anything is decided.
 *
 * A product already in the catalogue is accepted only as new dated versions (docs/DATA-FORMAT.md,
 * "Importing a product that already exists"):
 *   - the product, its organisations, formulas, segments and categories are unchanged;
 *   - the stored documents, versions, guarantees and rules come first, unchanged and in the same order
 *     (one exception: an open-ended version may be closed the day before the first new version);
 *   - what follows them is new: documents, versions (each with a date of effect later than every stored
 *     version's), and guarantees and rules that apply to new versions only;
 *   - every stored tariff cell is in the file, unchanged; the other cells belong to new versions.
 * Anything else is refused, saying what differs. A product identical to the stored one is left as is.
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  categorySchema,
  documentSchema,
  formulaSchema,
  guaranteeSchema,
  organisationSchema,
  productFileSchema,
  ruleSchema,
  segmentSchema,
  tariffCellSchema,
  versionSchema,
  type ProductFile,
  type TariffCellEntry,
} from '../../shared/core/catalogue-schema';
import { crossCheck } from '../catalogue/data-dir';
import type { Db } from '../store/open';
import { getProduct, getTaxonomy } from '../store/reader';
import type { AuditEntry, CategoryEntry, ImportWrite, ProductAddition } from '../store/writer-import';
import { PLAUSIBLE } from '../../shared/core/limits';
import type { ImportProblem, Problems } from './problems';

export type Where = Omit<ImportProblem, 'file' | 'message'>;
export type Path = readonly (string | number)[];

export interface ParsedProduct {
  /** the product as read (not yet validated) */
  raw: unknown;
  /** where a path of the product is in the file */
  locate: (path: Path) => Where;
  /** paths already reported by the reader (a bad cell): the schema's issues under them are not repeated */
  reported: Set<string>;
  /** the reader built the structure itself (xlsx, csv): cross references are checked even when a cell is bad */
  shaped: boolean;
}

export interface ParsedInput {
  format: 'json' | 'xlsx' | 'csv';
  taxonomy: { raw: unknown; where: Where }[];
  products: ParsedProduct[];
}

export type ProductAction = 'create' | 'add-versions' | 'add-tariffs' | 'unchanged';

export interface ProductPlan {
  id: string;
  name: string;
  action: ProductAction;
  /** new versions (codes) */
  versions: string[];
  documents: number;
  guarantees: number;
  rules: number;
  tariffCells: number;
  /** the open version closed by the import, if any */
  closed: { version: string; effectiveTo: string } | null;
}

export interface ImportPlan {
  products: ProductPlan[];
  /** what the import keeps as the catalogue has it (shared organisations), said to the user */
  warnings: Omit<ImportProblem, 'file'>[];
  categoriesAdded: string[];
  write: ImportWrite;
}

export const pathKey = (path: Path): string => path.join('.');

export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');
}

function isReported(reported: Set<string>, path: Path): boolean {
  for (let n = path.length; n > 0; n--) if (reported.has(pathKey(path.slice(0, n)))) return true;
  return false;
}

const fr = z.locales.fr().localeError;

/** French message for a schema issue (the schema's own messages are French; zod's defaults use its fr locale). */
function schemaIssues(schema: z.ZodType, raw: unknown): { success: true; data: unknown } | { success: false; issues: { path: Path; message: string }[] } {
  const r = schema.safeParse(raw, { error: fr });
  if (r.success) return { success: true, data: r.data };
  return {
    success: false,
    issues: r.error.issues.map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      const missingSource = path.at(-1) === 'source' && i.code === 'invalid_type' && i.message.includes('indéfini');
      return { path, message: missingSource ? 'source absente : chaque valeur a sa source { "file", "section", "lines": [début, fin], "quote" }' : i.message };
    }),
  };
}

const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const euros = (cents: number) => `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`.replace(/[\u202f\u00a0]/g, ' ');
type CellKeyed = { version: string; formula: string; option: string; segment: string; zone: string };
const cellKey = (t: CellKeyed) => [t.version, t.formula, t.option, t.segment, t.zone].join('|');
const cellLabel = (t: CellKeyed) => [t.version, t.formula, t.option && `option ${t.option}`, t.segment, t.zone && `zone ${t.zone}`].filter(Boolean).join(' / ');

function duplicates(values: string[]): { value: string; index: number }[] {
  const seen = new Set<string>();
  const out: { value: string; index: number }[] = [];
  values.forEach((v, index) => {
    if (seen.has(v)) out.push({ value: v, index });
    seen.add(v);
  });
  return out;
}

function lastIndex<T>(list: T[], pred: (t: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i]!)) return i;
  return -1;
}

/**
 * Where a message of crossCheck (src/main/catalogue/data-dir.ts) points in a product. The messages
 * name the entry ("tarif n°3", "version 2026", "formule en double x"); unknown wordings fall back to
 * the product as a whole, never to nothing.
 */
function locateCrossMessage(p: ProductFile, msg: string, locate: (path: Path) => Where): { path: Path; message: string } {
  let m: RegExpExecArray | null;
  const strip = (s: string) => s.replace(/^(tarif|garantie|règle) n°\d+( \([^)]*\))?: /, '');
  if ((m = /^tarif n°(\d+): (version|formule|option|segment) /.exec(msg))) {
    const field = { version: 'version', formule: 'formula', option: 'option', segment: 'segment' }[m[2] as 'version'];
    return { path: ['tariffs', Number(m[1]) - 1, field], message: strip(msg) };
  }
  if ((m = /^garantie n°(\d+) \([^)]*\): (.*)$/.exec(msg))) {
    const rest = m[2]!;
    const field = /^catégorie/.test(rest) ? 'category' : /^formule/.test(rest) ? 'formulas' : /^version/.test(rest) ? 'versions' : /derived/.test(rest) ? 'derived' : 'status';
    return { path: ['guarantees', Number(m[1]) - 1, field], message: rest };
  }
  if ((m = /^garanties n°\d+ et n°(\d+): /.exec(msg))) return { path: ['guarantees', Number(m[1]) - 1, 'category'], message: msg };
  if ((m = /^règle n°(\d+) \([^)]*\): (.*)$/.exec(msg))) return { path: ['rules', Number(m[1]) - 1, 'versions'], message: m[2]! };
  if ((m = /^version (\S+): document/.exec(msg))) {
    const code = m[1];
    return { path: ['versions', p.versions.findIndex((v) => v.code === code), 'document'], message: msg.replace(/^version \S+: /, '') };
  }
  if ((m = /^(formule|segment|version) en double (.*)$/.exec(msg))) {
    const part = { formule: 'formulas', segment: 'segments', version: 'versions' }[m[1] as 'formule'] as 'formulas' | 'segments' | 'versions';
    const code = m[2];
    return { path: [part, lastIndex(p[part] as { code: string }[], (x) => x.code === code), 'code'], message: msg };
  }
  if ((m = /^cellule de tarif en double (.*)$/.exec(msg))) {
    const key = m[1];
    const i = lastIndex(p.tariffs, (t) => cellKey(t) === key);
    const first = p.tariffs.findIndex((t) => cellKey(t) === key);
    const at = locate(['tariffs', first]);
    const there = at.row !== undefined ? `ligne ${at.row}` : (at.path ?? `tarif n°${first + 1}`);
    return { path: ['tariffs', i], message: `cellule de tarif en double (${i >= 0 ? cellLabel(p.tariffs[i]!) : key}) : même version, formule, option, segment et zone qu'en ${there}` };
  }
  if (/^assureur /.test(msg)) return { path: ['product', 'insurer'], message: msg };
  if (/^distributeur /.test(msg)) return { path: ['product', 'distributor'], message: msg };
  if (/^souscripteur /.test(msg)) return { path: ['product', 'subscribers'], message: msg };
  if (/^aucune formule/.test(msg)) return { path: ['formulas'], message: msg };
  if ((m = /^catégorie (\S+) libellée/.exec(msg))) {
    const key = m[1];
    return { path: ['categories', p.categories.findIndex((c) => c.key === key), 'label'], message: msg };
  }
  if ((m = /^organisation (\S+) nommée/.exec(msg))) {
    const id = m[1];
    return { path: ['organisations', p.organisations.findIndex((o) => o.id === id), 'name'], message: msg };
  }
  return { path: [], message: msg };
}

const partSchemas = {
  organisations: organisationSchema,
  documents: documentSchema,
  formulas: formulaSchema,
  segments: segmentSchema,
  versions: versionSchema,
  categories: categorySchema,
  guarantees: guaranteeSchema,
  tariffs: tariffCellSchema,
  rules: ruleSchema,
} as const;

/**
 * A JSON product that failed the schema, made as complete as its structure allows (each entry that
 * passes its own schema gets its defaults), so its cross references can still be checked; null when
 * its lists are not even lists.
 */
function lenientProduct(raw: unknown): ProductFile | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const header = productFileSchema.shape.product.safeParse(o.product);
  const out: Record<string, unknown> = { ...o, product: header.success ? header.data : o.product };
  if (out.product === null || typeof out.product !== 'object') return null;
  for (const [part, schema] of Object.entries(partSchemas)) {
    const list = o[part] ?? [];
    if (!Array.isArray(list)) return null;
    out[part] = list.map((el: unknown) => {
      const r = (schema as z.ZodType).safeParse(el);
      return r.success ? r.data : el;
    });
  }
  return out as unknown as ProductFile;
}

interface Checked {
  input: ParsedProduct;
  product: ProductFile;
  /** passed the schema */
  valid: boolean;
}

/** Plausibility and what the store's tables require beyond the schema. */
function plausibility(p: ProductFile, add: (path: Path, message: string) => void): void {
  p.tariffs.forEach((t, i) => {
    if (t.amountCents > PLAUSIBLE.tariffCents) {
      add(['tariffs', i, 'amountCents'], `montant invraisemblable : ${euros(t.amountCents)} (une cotisation dépasse rarement ${euros(PLAUSIBLE.tariffCents)}) ; les montants sont en euros, pas en centimes`);
    }
  });
  p.guarantees.forEach((g, i) => {
    for (const k of ['amountCents', 'perNightCents', 'perDayCents'] as const) {
      const v = g.quantities[k];
      if (v !== undefined && v > PLAUSIBLE.quantityCents) add(['guarantees', i, 'quantities', k], `montant invraisemblable : ${euros(v)} (plus de ${euros(PLAUSIBLE.quantityCents)})`);
    }
    if (g.quantities.ageMax !== undefined && g.quantities.ageMax > PLAUSIBLE.age) add(['guarantees', i, 'quantities', 'ageMax'], `âge invraisemblable : ${g.quantities.ageMax} ans`);
  });
  p.segments.forEach((s, i) => {
    if (s.ageMin !== null && s.ageMin > PLAUSIBLE.age) add(['segments', i, 'ageMin'], `âge invraisemblable : ${s.ageMin} ans`);
    if (s.ageMax !== null && s.ageMax > PLAUSIBLE.age) add(['segments', i, 'ageMax'], `âge invraisemblable : ${s.ageMax} ans`);
    if (s.ageMin !== null && s.ageMax !== null && s.ageMin > s.ageMax) add(['segments', i, 'ageMax'], `âge maximal (${s.ageMax}) inférieur à l'âge minimal (${s.ageMin})`);
  });
  p.versions.forEach((v, i) => {
    if (v.effectiveFrom !== null && v.effectiveTo !== null && v.effectiveTo < v.effectiveFrom) {
      add(['versions', i, 'effectiveTo'], `date de fin (${v.effectiveTo}) antérieure à la date d'effet (${v.effectiveFrom})`);
    }
  });
  p.documents.forEach((d, i) => {
    if (d.lines[0] > d.lines[1]) add(['documents', i, 'lines', 1], `ligne de fin (${d.lines[1]}) avant la ligne de début (${d.lines[0]})`);
  });
  for (const d of duplicates(p.documents.map((x) => x.id))) add(['documents', d.index, 'id'], `document en double ${d.value}`);
  for (const d of duplicates(p.organisations.map((x) => x.id))) add(['organisations', d.index, 'id'], `organisation en double ${d.value}`);
  for (const d of duplicates(p.categories.map((x) => x.key))) add(['categories', d.index, 'key'], `catégorie en double ${d.value}`);
  for (const d of duplicates(p.product.references)) add(['product', 'references'], `référence en double « ${d.value} »`);
  for (const d of duplicates(p.product.subscribers)) add(['product', 'subscribers'], `souscripteur en double ${d.value}`);
}

const describe = (v: unknown): string => {
  if (v === null || v === undefined) return 'vide';
  const s = typeof v === 'string' ? `« ${v} »` : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

/** The first field that differs between two entries, for a message. */
function firstDifference(a: unknown, b: unknown, path: Path = []): { path: Path; stored: unknown; incoming: unknown } | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]);
      if (d) return d;
    }
  }
  return { path, stored: a, incoming: b };
}

interface PolicyOptions {
  /** CSV: cells may be added to an existing version (never replacing a stored cell) */
  tariffsOnly: boolean;
}

type Policy = { kind: 'unchanged' } | { kind: 'refused' } | { kind: 'add'; addition: ProductAddition; action: ProductAction };

/** Compares an incoming product with the stored one (see the module comment for the rule). */
function comparePolicy(stored: ProductFile, incoming: ProductFile, add: (path: Path, message: string) => void, options: PolicyOptions): Policy {
  const id = incoming.product.id;
  const refuse = (path: Path, what: string) =>
    add(path, `le produit ${id} existe déjà au catalogue et ce fichier ${what} : un import ajoute de nouvelles versions datées mais ne modifie ni ne fusionne un produit existant`);
  const storedCells = new Map(stored.tariffs.map((t) => [cellKey(t), t]));
  const sameCells = stored.tariffs.length === incoming.tariffs.length && incoming.tariffs.every((t) => isDeepStrictEqual(storedCells.get(cellKey(t)), t));
  // organisations are shared rows: only their ids and names belong to the product (the rest is said in the warnings)
  const own = (p: ProductFile) => ({ ...p, tariffs: [], organisations: p.organisations.map((o) => ({ id: o.id, name: o.name })) });
  if (sameCells && isDeepStrictEqual(own(stored), own(incoming))) return { kind: 'unchanged' };
  let refused = false;
  const no = (path: Path, what: string) => {
    refused = true;
    refuse(path, what);
  };
  const d = firstDifference(stored.product, incoming.product, ['product']);
  if (d) no(d.path, `change ${formatPath(d.path.slice(1)) || 'le produit'} (catalogue : ${describe(d.stored)} ; fichier : ${describe(d.incoming)})`);
  for (const part of ['organisations', 'formulas', 'segments', 'categories'] as const) {
    // organisations are shared rows: their roles, details and source are the catalogue's (see the warnings)
    const shape = (list: unknown[]) => (part === 'organisations' ? (list as { id: string; name: string }[]).map((o) => ({ id: o.id, name: o.name })) : list);
    const a = shape(stored[part] as unknown[]);
    const b = shape(incoming[part] as unknown[]);
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= b.length) {
        no([part], `retire un élément (${describe(a[i])}) de « ${part} »`);
        break;
      }
      if (i >= a.length) {
        no([part, i], `ajoute un élément à « ${part} »`);
        break;
      }
      const diff = firstDifference(a[i], b[i], [part, i]);
      if (diff) {
        no(diff.path, `change ${formatPath(diff.path)} (catalogue : ${describe(diff.stored)} ; fichier : ${describe(diff.incoming)})`);
        break;
      }
    }
  }
  // stored entries first, unchanged, then the new ones
  const prefix = <T>(part: 'documents' | 'versions' | 'guarantees' | 'rules', a: T[], b: T[], same: (x: T, y: T, i: number) => boolean): T[] => {
    for (let i = 0; i < a.length; i++) {
      if (i >= b.length) {
        no([part], `retire ${part === 'versions' ? 'la version' : "l'élément"} ${describe(part === 'versions' ? (a[i] as { code: string }).code : a[i])} de « ${part} » (un import ne supprime rien)`);
        return [];
      }
      if (!same(a[i]!, b[i]!, i)) {
        const diff = firstDifference(a[i], b[i], [part, i]);
        no(diff?.path ?? [part, i], `change ${formatPath(diff?.path ?? [part, i])} (catalogue : ${describe(diff?.stored)} ; fichier : ${describe(diff?.incoming)})`);
        return [];
      }
    }
    return b.slice(a.length);
  };
  const newDocuments = prefix('documents', stored.documents, incoming.documents, (x, y) => isDeepStrictEqual(x, y));
  // the first new version's date, to recognise the closing of an open version
  const firstNewFrom = incoming.versions
    .slice(stored.versions.length)
    .map((v) => v.effectiveFrom)
    .filter((f): f is string => f !== null)
    .sort()[0];
  const closing: { value: ProductAddition['close'] } = { value: null };
  const newVersions = prefix('versions', stored.versions, incoming.versions, (x, y, i) => {
    if (isDeepStrictEqual(x, y)) return true;
    if (x.effectiveTo === null && y.effectiveTo !== null && firstNewFrom !== undefined && isDeepStrictEqual({ ...x, effectiveTo: y.effectiveTo }, y)) {
      if (y.effectiveTo !== dayBefore(firstNewFrom)) {
        no(['versions', i, 'effectiveTo'], `ferme la version ${x.code} au ${y.effectiveTo} : seule la fermeture la veille de la nouvelle version (${dayBefore(firstNewFrom)}) est acceptée`);
        return true;
      }
      closing.value = { version: x.code, effectiveTo: y.effectiveTo };
      return true;
    }
    return false;
  });
  const newCodes = new Set(newVersions.map((v) => v.code));
  const storedFroms = stored.versions.map((v) => v.effectiveFrom).filter((f): f is string => f !== null);
  const latest = storedFroms.sort().at(-1);
  newVersions.forEach((v, j) => {
    const i = stored.versions.length + j;
    if (v.effectiveFrom === null) no(['versions', i, 'effectiveFrom'], `ajoute la version ${v.code} sans date d'effet : une nouvelle version est datée`);
    else if (latest !== undefined && v.effectiveFrom <= latest) {
      no(['versions', i, 'effectiveFrom'], `ajoute la version ${v.code} à compter du ${v.effectiveFrom}, pas après les versions existantes (la dernière commence le ${latest})`);
    }
    for (const s of stored.versions) {
      const to = s.code === closing.value?.version ? closing.value.effectiveTo : s.effectiveTo;
      if (v.effectiveFrom !== null && to !== null && to >= v.effectiveFrom) {
        no(['versions', i, 'effectiveFrom'], `ajoute la version ${v.code} à compter du ${v.effectiveFrom} alors que la version ${s.code} court jusqu'au ${to}`);
      }
    }
  });
  const newGuarantees = prefix('guarantees', stored.guarantees, incoming.guarantees, (x, y) => isDeepStrictEqual(x, y));
  newGuarantees.forEach((g, j) => {
    if (!g.versions.every((v) => newCodes.has(v))) {
      no(['guarantees', stored.guarantees.length + j, 'versions'], 'ajoute une garantie qui ne porte pas sur les seules nouvelles versions');
    }
  });
  const newRules = prefix('rules', stored.rules, incoming.rules, (x, y) => isDeepStrictEqual(x, y));
  newRules.forEach((r, j) => {
    if (r.versions.length === 0 || !r.versions.every((v) => newCodes.has(v))) no(['rules', stored.rules.length + j, 'versions'], 'ajoute une règle qui ne porte pas sur les seules nouvelles versions');
  });
  // tariff cells: every stored one unchanged, the others in new versions (or, for a CSV, not yet stored)
  const incomingKeys = new Set<string>();
  const newCells: TariffCellEntry[] = [];
  incoming.tariffs.forEach((t, i) => {
    const key = cellKey(t);
    incomingKeys.add(key);
    const s = storedCells.get(key);
    if (s) {
      if (!isDeepStrictEqual(s, t)) {
        const diff = firstDifference(s, t, ['tariffs', i]);
        if (options.tariffsOnly) {
          add(diff?.path ?? ['tariffs', i], `cette cellule de tarif est déjà au catalogue (${euros(s.amountCents)} par ${s.period === 'month' ? 'mois' : 'an'}) : un import n'écrase pas une valeur existante`);
          refused = true;
        } else no(diff?.path ?? ['tariffs', i], `change la cellule de tarif ${cellLabel(t)} (catalogue : ${describe(diff?.stored)} ; fichier : ${describe(diff?.incoming)})`);
      } else if (options.tariffsOnly && i >= stored.tariffs.length) {
        add(['tariffs', i], `cette cellule de tarif est déjà au catalogue (${euros(s.amountCents)} par ${s.period === 'month' ? 'mois' : 'an'}) : un import n'écrase pas une valeur existante`);
        refused = true;
      }
      return;
    }
    if (!options.tariffsOnly && !newCodes.has(t.version)) no(['tariffs', i, 'version'], `ajoute une cellule de tarif à la version existante ${t.version}`);
    newCells.push(t);
  });
  for (const t of stored.tariffs) {
    if (!incomingKeys.has(cellKey(t))) {
      no(['tariffs'], `ne contient pas la cellule de tarif ${cellLabel(t)} du catalogue (un import ne supprime rien)`);
      break;
    }
  }
  if (refused) return { kind: 'refused' };
  if (newVersions.length === 0 && !(options.tariffsOnly && newCells.length > 0)) {
    no([], "n'apporte aucune nouvelle version");
    return { kind: 'refused' };
  }
  return {
    kind: 'add',
    action: newVersions.length === 0 ? 'add-tariffs' : options.tariffsOnly ? 'add-tariffs' : 'add-versions',
    addition: { productId: id, documents: newDocuments, versions: newVersions, guarantees: newGuarantees, rules: newRules, tariffs: newCells, close: closing.value },
  };
}

export interface ValidateOptions {
  file: string;
  comment: string | null;
  /** CSV tariff tables: cells may go into an existing version */
  tariffsOnly?: boolean;
}

/**
 * Validates the parsed input against the store; adds every problem to `problems` and returns the plan
 * (meaningful only when no problem was added).
 */
export function validateImport(db: Db, input: ParsedInput, problems: Problems, options: ValidateOptions): ImportPlan {
  const at = (where: Where, message: string) => problems.add(where, message);

  // the taxonomy of the file, against the store's
  const storeTaxonomy = getTaxonomy(db);
  const storeLabels = new Map(storeTaxonomy.map((c) => [c.key, c.label]));
  const categoriesAdded: CategoryEntry[] = [];
  const packageKeys = new Set<string>();
  for (const t of input.taxonomy) {
    const r = schemaIssues(categorySchema, t.raw);
    if (!r.success) {
      for (const i of r.issues) at({ ...t.where, ...(t.where.path !== undefined ? { path: `${t.where.path}${i.path.length ? `.${formatPath(i.path)}` : ''}` } : {}) }, i.message);
      continue;
    }
    const c = r.data as CategoryEntry;
    if (packageKeys.has(c.key)) {
      at(t.where, `catégorie en double ${c.key}`);
      continue;
    }
    packageKeys.add(c.key);
    const known = storeLabels.get(c.key);
    if (known === undefined) categoriesAdded.push(c);
    else if (known !== c.label) at(t.where, `la catégorie ${c.key} s'appelle « ${known} » au catalogue, « ${c.label} » dans le fichier`);
  }
  const taxonomy = { formatVersion: 1 as const, categories: [...storeTaxonomy, ...categoriesAdded] };

  // each product against the schema; a product that fails it is still cross-checked as far as its
  // structure allows (every problem of the file is listed at once)
  const checked: Checked[] = [];
  for (const input1 of input.products) {
    const r = schemaIssues(productFileSchema, input1.raw);
    if (r.success) {
      checked.push({ input: input1, product: r.data as ProductFile, valid: true });
      continue;
    }
    for (const i of r.issues) {
      if (!isReported(input1.reported, i.path)) at(input1.locate(i.path), i.message);
      input1.reported.add(pathKey(i.path));
    }
    const lenient = input1.shaped ? (input1.raw as ProductFile) : lenientProduct(input1.raw);
    if (lenient) checked.push({ input: input1, product: lenient, valid: false });
  }

  // cross references (and duplicates across products)
  const cross = new Set<string>();
  const tryCross = (products: ProductFile[]): boolean => {
    try {
      for (const m of crossCheck(taxonomy, products)) cross.add(m);
      return true;
    } catch {
      return false;
    }
  };
  if (!tryCross(checked.map((c) => c.product))) {
    tryCross(checked.filter((c) => c.valid).map((c) => c.product));
    for (const c of checked) if (!c.valid) tryCross([c.product]);
  }
  const byId = new Map<string, Checked>();
  for (const c of checked) if (typeof c.product.product?.id === 'string' && !byId.has(c.product.product.id)) byId.set(c.product.product.id, c);
  for (const msg of cross) {
    let m: RegExpExecArray | null;
    if ((m = /^([a-zA-Z0-9][a-zA-Z0-9_-]*): (.*)$/.exec(msg)) && byId.has(m[1]!)) {
      const c = byId.get(m[1]!)!;
      const { path, message } = locateCrossMessage(c.product, m[2]!, c.input.locate);
      if (!isReported(c.input.reported, path)) at(c.input.locate(path), message);
    } else if ((m = /^produit en double (.*)$/.exec(msg))) {
      const id = m[1];
      const dup = checked.filter((c) => c.product.product.id === id)[1];
      at(dup ? dup.input.locate(['product', 'id']) : {}, `produit en double ${id} dans le fichier`);
    } else if ((m = /^catégorie (\S+): (catégorie parente .*)$/.exec(msg))) {
      const key = m[1];
      const owner = checked.find((c) => c.product.categories.some((k) => k.key === key));
      const t = input.taxonomy.find((x) => (x.raw as { key?: unknown } | null)?.key === key);
      at(owner ? owner.input.locate(['categories', owner.product.categories.findIndex((k) => k.key === key), 'key']) : (t?.where ?? {}), `catégorie ${key} : ${m[2]}`);
    } else at({}, msg);
  }

  // plausibility, organisations shared with the store, and the rule for existing products
  const plans: ProductPlan[] = [];
  const warnings: Omit<ImportProblem, 'file'>[] = [];
  const write: ImportWrite = { categories: categoriesAdded, creates: [], additions: [], audit: [] };
  const orgRow = db.prepare(
    'SELECT o.id, o.name, o.roles, o.details, s.file, s.section, s.line_from, s.line_to, s.quote FROM organisations o JOIN sources s ON s.id = o.source_id WHERE o.id = ?',
  );
  const firstSeen = new Map<string, { org: ProductFile['organisations'][number]; product: string }>();
  // categories a product may use: the catalogue's, the file's taxonomy, and its own (in the order they are written)
  // (a key no list holds at all is crossCheck's "catégorie inconnue"; here, one a product's list holds but not this one's)
  const sharedKeys = new Set(taxonomy.categories.map((k) => k.key));
  const anyKeys = new Set([...sharedKeys, ...checked.flatMap((c) => (Array.isArray(c.product.categories) ? c.product.categories.map((k) => k.key) : []))]);
  for (const t of input.taxonomy) {
    const key = (t.raw as { key?: unknown } | null)?.key;
    if (typeof key !== 'string' || storeLabels.has(key)) continue;
    const parent = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null;
    if (parent && !sharedKeys.has(parent) && anyKeys.has(parent)) at(t.where, `catégorie ${key} : sa catégorie parente ${parent} n'est ni au catalogue ni dans la taxonomie du fichier`);
  }
  for (const c of checked) {
    if (!c.valid) continue;
    const p = c.product;
    const where = (path: Path) => (isReported(c.input.reported, path) ? null : c.input.locate(path));
    const usable = new Set([...sharedKeys, ...p.categories.map((k) => k.key)]);
    const reachable = (key: string, path: Path, what: string) => {
      if (!usable.has(key) && anyKeys.has(key) && !isReported(c.input.reported, path)) at(c.input.locate(path), `${what} ${key} : ni au catalogue, ni dans la taxonomie du fichier, ni dans les catégories du produit`);
    };
    p.categories.forEach((k, i) => {
      const parent = k.key.includes('.') ? k.key.slice(0, k.key.lastIndexOf('.')) : null;
      if (parent) reachable(parent, ['categories', i, 'key'], `catégorie parente de ${k.key} :`);
    });
    p.guarantees.forEach((g, i) => reachable(g.category, ['guarantees', i, 'category'], 'catégorie'));
    const add = (path: Path, message: string) => {
      const w = where(path);
      if (w) at(w, message);
    };
    plausibility(p, add);
    // an organisation is one row shared by every product: the same id must keep its name; its roles,
    // details and source stay as the catalogue has them, and the import says so
    p.organisations.forEach((o, i) => {
      const row = orgRow.get(o.id) as { id: string; name: string; roles: string; details: string | null; file: string; section: string; line_from: number; line_to: number; quote: string } | undefined;
      if (!row) {
        // the first product of the file that names it writes it; the others keep that row
        const first = firstSeen.get(o.id);
        if (!first) firstSeen.set(o.id, { org: o, product: p.product.id });
        else {
          const diff = firstDifference(first.org, o, ['organisations', i]);
          if (diff) {
            warnings.push({
              ...c.input.locate(diff.path),
              message: `l'organisation ${o.id} est écrite telle que le produit ${first.product} la donne : ses ${formatPath(diff.path.slice(2))} seront ${describe(diff.stored)} (ici : ${describe(diff.incoming)}) ; une organisation est partagée par tous les produits`,
            });
          }
        }
        return;
      }
      if (row.name !== o.name) {
        add(['organisations', i, 'name'], `l'organisation ${o.id} s'appelle « ${row.name} » au catalogue, « ${o.name} » dans le fichier : une même organisation garde son nom (changez l'identifiant s'il s'agit d'une autre)`);
        return;
      }
      const stored = {
        id: row.id,
        name: row.name,
        roles: JSON.parse(row.roles) as unknown,
        ...(row.details !== null ? { details: row.details } : {}),
        source: { file: row.file, section: row.section, lines: [row.line_from, row.line_to], quote: row.quote },
      };
      const diff = firstDifference(stored, o, ['organisations', i]);
      if (diff) {
        warnings.push({
          ...c.input.locate(diff.path),
          message: `l'organisation ${o.id} est déjà au catalogue : ses ${formatPath(diff.path.slice(2))} y restent ${describe(diff.stored)} (fichier : ${describe(diff.incoming)}) ; une organisation est partagée par tous les produits`,
        });
      }
    });
    const stored = getProduct(db, p.product.id);
    const base = { id: p.product.id, name: p.product.name };
    if (!stored) {
      if (options.tariffsOnly) continue;
      write.creates.push(p);
      plans.push({ ...base, action: 'create', versions: p.versions.map((v) => v.code), documents: p.documents.length, guarantees: p.guarantees.length, rules: p.rules.length, tariffCells: p.tariffs.length, closed: null });
      continue;
    }
    const policy = comparePolicy(stored, p, add, { tariffsOnly: options.tariffsOnly ?? false });
    if (policy.kind === 'unchanged') {
      plans.push({ ...base, action: 'unchanged', versions: [], documents: 0, guarantees: 0, rules: 0, tariffCells: 0, closed: null });
    } else if (policy.kind === 'add') {
      const a = policy.addition;
      write.additions.push(a);
      plans.push({
        ...base,
        action: policy.action,
        versions: a.versions.map((v) => v.code),
        documents: a.documents.length,
        guarantees: a.guarantees.length,
        rules: a.rules.length,
        tariffCells: a.tariffs.length,
        closed: a.close,
      });
    }
  }

  // the audit trail of what will be written
  const comment = options.comment;
  if (categoriesAdded.length) {
    write.audit.push({ action: 'import.taxonomy', what: `Import de ${categoriesAdded.length} catégorie(s) de garanties (${options.file})`, productId: null, oldValue: null, newValue: { file: options.file, categories: categoriesAdded.map((c) => c.key) }, comment });
  }
  for (const plan of plans) {
    if (plan.action === 'unchanged') continue;
    const audit: AuditEntry = { action: '', what: '', productId: plan.id, oldValue: null, newValue: null, comment };
    const counts = { documents: plan.documents, guarantees: plan.guarantees, rules: plan.rules, tariffCells: plan.tariffCells };
    if (plan.action === 'create') {
      audit.action = 'import.product';
      audit.what = `Import du nouveau produit « ${plan.name} » (${options.file})`;
      audit.newValue = { file: options.file, versions: plan.versions, ...counts };
    } else {
      const stored = write.additions.find((a) => a.productId === plan.id)!;
      const before = getProduct(db, plan.id)!;
      audit.action = plan.action === 'add-versions' ? 'import.versions' : 'import.tariffs';
      audit.what =
        plan.action === 'add-versions'
          ? `Import des nouvelles versions ${plan.versions.join(', ')} (${options.file})`
          : `Import de ${plan.tariffCells} cellule(s) de tarif${plan.versions.length ? ` dans la nouvelle version ${plan.versions.join(', ')}` : ` dans la version ${stored.tariffs[0]?.version ?? ''}`} (${options.file})`;
      audit.oldValue = {
        versions: before.versions.map((v) => v.code),
        tariffCells: before.tariffs.length,
        ...(plan.closed ? { closed: { version: plan.closed.version, effectiveTo: null } } : {}),
      };
      audit.newValue = {
        file: options.file,
        versions: stored.versions.map((v) => ({ code: v.code, label: v.label, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo })),
        ...(plan.closed ? { closed: plan.closed } : {}),
        ...(plan.action === 'add-tariffs' ? { tariffVersions: [...new Set(stored.tariffs.map((t) => t.version))] } : {}),
        ...counts,
      };
    }
    write.audit.push(audit);
  }
  return { products: plans, warnings, categoriesAdded: categoriesAdded.map((c) => c.key), write };
}
