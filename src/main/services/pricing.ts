/**
 * Pricing use cases over the store: household and MAV quotes, tariff revisions (saved as a new dated
 * version on request) and the CDG budget impact. The arithmetic is the pure engines' (src/shared/core).
 */
import { readFileSync, statSync } from 'node:fs';
import type { QuoteRequestDto } from '../../shared/api';
import type { ProductFile, Source } from '../../shared/core/catalogue-schema';
import { dayBefore, formatDateFr } from '../../shared/core/dates';
import { parseHeadcountsCsv, parseHeadcountsJson, formatHeadcountError, type HeadcountRow } from '../../shared/core/headcounts';
import { computeImpact, tableOfRevision, tableOfVersion, type ImpactResult } from '../../shared/core/impact';
import type { MemberInput } from '../../shared/core/pricing-types';
import { parseParticipationSpec, type ParticipationSpec } from '../../shared/core/participation';
import { indexProduct, pickVersion } from '../../shared/core/product-index';
import { offersOf, quoteOffers, type ProductQuote, type QuoteOffer } from '../../shared/core/quote';
import { parseComponentArg, reviseVersion, toCatalogueEntries, type RevisionComponent, type RevisionMode, type RevisionResult } from '../../shared/core/revision';
import { GrilleError } from '../../shared/errors';
import { productIds } from '../store/reader';
import { inTransaction } from '../store/transaction';
import { saveProduct } from '../store/writer';
import { insertAudit } from '../store/writer-import';
import type { Catalogue } from './catalogue';
import { catalogueShow } from './catalogue';
import { InputError, inputError, requireIsoDate } from '../../shared/input-error';

/** Values computed by Grille carry this pseudo-document as their source: they are not in a document. */
export const COMPUTED_SOURCE_FILE = 'grille:calcul';

const invalid = (message: string) => new GrilleError('INVALID_INPUT', message);

export interface QuoteInput {
  offers: QuoteOffer[];
  at: string | undefined;
  members: MemberInput[];
  options: string[];
  sports: string[];
  periodicity: string | undefined;
  adhesion: string | undefined;
  renouncedOptions: string[];
}

/** The one reading of the desktop's request (the quote and its export). */
export function quoteInputOf(request: QuoteRequestDto): QuoteInput {
  return {
    offers: request.offers.map((o) => ({ productId: o.productId, formula: o.formula })),
    at: request.at,
    members: request.members.map((m) => ({ role: m.role, birth: m.birth, status: m.status ?? null })),
    options: request.mav?.options ?? [],
    sports: request.mav?.sports ?? [],
    periodicity: request.mav?.periodicity,
    adhesion: request.mav?.adhesion,
    renouncedOptions: request.mav?.renouncedOptions ?? [],
  };
}

const formulaCodes = (products: readonly ProductFile[]) => [...new Set(products.flatMap((p) => p.formulas.map((x) => x.code)))].join(', ');

/** The offers of the products asked for (all when none), each with its formulas (those listed, when some are). */
export function offersOfProducts(cat: Catalogue, ids: readonly string[], formulas: readonly string[]): QuoteOffer[] {
  const wanted = ids.length ? ids : productIds(cat.db);
  const products = wanted.map((id) => catalogueShow(cat, id));
  for (const f of formulas) {
    if (!products.some((p) => p.formulas.some((x) => x.code === f))) {
      throw inputError('formulas', 'la formule', `« ${f} » : aucune formule de ce code dans ${wanted.join(', ')} (formules : ${formulaCodes(products)})`);
    }
  }
  return offersOf(products, formulas);
}

/** The household's quote on each offer, in order. */
export function quote(cat: Catalogue, input: QuoteInput): ProductQuote[] {
  const at = requireIsoDate(input.at, 'at', 'la date du tarif');
  if (input.adhesion !== undefined) requireIsoDate(input.adhesion, 'adhesion', 'la date d’adhésion');
  if (input.members.length === 0) throw new InputError('members', 'aucun membre dans le foyer');
  if (input.offers.length === 0) throw new InputError('offers', 'aucune offre à chiffrer : choisissez au moins une formule d’un produit');
  const products = [...new Set(input.offers.map((o) => o.productId))].map((id) => catalogueShow(cat, id));
  input.offers.forEach((o, i) => {
    const product = products.find((p) => p.product.id === o.productId)!;
    if (!product.formulas.some((x) => x.code === o.formula)) {
      throw inputError('offers', `l’offre ${i + 1}`, `(${o.productId}) : aucune formule « ${o.formula} » (formules : ${formulaCodes([product])})`);
    }
  });
  return quoteOffers(products, input.offers, {
    at,
    members: input.members,
    mav: {
      options: input.options.length ? input.options : undefined,
      sports: input.sports,
      periodicity: input.periodicity,
      adhesion: input.adhesion,
      renouncedOptions: input.renouncedOptions,
    },
  });
}

export interface ReviseInput {
  productId: string;
  fromAt: string | undefined;
  /** "label:rate" strings (CLI) or components already structured (desktop) */
  components: (string | RevisionComponent)[];
  mode: string | undefined;
  effective: string | undefined;
  reference: string | undefined;
  code: string | undefined;
  save: boolean;
}

export interface ReviseOutput {
  revision: RevisionResult;
  saved: { version: string; product: string } | null;
}

function parseComponents(args: (string | RevisionComponent)[]): RevisionComponent[] {
  if (args.length === 0) throw new InputError('components', 'aucune composante : indiquez au moins une composante de révision (libellé et taux, ex. PMSS 1,9 %)');
  return args.map((a) => {
    const parsed = parseComponentArg(typeof a === 'string' ? a : `${a.label}:${a.rate}`);
    if (!parsed.ok) throw new InputError('components', parsed.message, parsed.message);
    return parsed.component;
  });
}

function versionAt(product: ProductFile, at: string): string {
  const pick = pickVersion(indexProduct(product), at);
  if (!pick.ok) throw invalid(pick.message);
  return pick.version.code;
}

/**
 * What a saved revision reports while it runs (src/main/jobs): the step and the tariff cells written. It may
 * throw (a cancelled job): inside the write transaction, the throw rolls the whole version back.
 */
export type ReviseProgress = (phase: string, done: number, total: number | null) => void;

export function revise(cat: Catalogue, input: ReviseInput, progress?: ReviseProgress): ReviseOutput {
  progress?.('Calcul de la révision', 0, null);
  const product = catalogueShow(cat, input.productId);
  const fromAt = requireIsoDate(input.fromAt, 'fromAt', 'la date de la version de départ');
  const effective = requireIsoDate(input.effective, 'effective', 'la date d’effet de la révision');
  const mode = (input.mode ?? 'additive') as RevisionMode;
  if (mode !== 'additive' && mode !== 'compound') throw inputError('mode', 'le mode de révision', `« ${input.mode} » : additive ou compound attendu`);
  const fromVersion = versionAt(product, fromAt);
  const result = reviseVersion(product, fromVersion, { components: parseComponents(input.components), mode, effectiveFrom: effective, reference: input.reference });
  if (!result.ok) throw invalid(result.message);
  const revision = result.result;
  if (!input.save) return { revision, saved: null };

  const code = input.code ?? `revision-${effective}`;
  if (product.versions.some((v) => v.code === code)) throw new InputError('code', `la version « ${code} » existe déjà dans ${product.product.id} : choisissez un autre code de version`);
  const from = product.versions.find((v) => v.code === fromVersion)!;
  const overlapping = product.versions.filter(
    (v) => v.code !== fromVersion && (v.effectiveFrom === null || v.effectiveFrom <= effective) && (v.effectiveTo === null || effective <= v.effectiveTo),
  );
  const laterStart = product.versions.filter((v) => v.effectiveFrom !== null && v.effectiveFrom > effective);
  if (overlapping.length || laterStart.length) {
    const v = overlapping[0] ?? laterStart[0]!;
    throw invalid(`la version « ${v.code} » (${v.label}) couvre déjà le ${formatDateFr(effective)} ou une date postérieure : rien n'a été enregistré`);
  }
  if (from.effectiveFrom !== null && from.effectiveFrom >= effective) {
    throw inputError('effective', 'la date d’effet de la révision', `${formatDateFr(effective)} doit être postérieure au début de la version ${from.code} (${formatDateFr(from.effectiveFrom)})`);
  }
  const label = input.reference ? `${input.reference} (à compter du ${formatDateFr(effective)})` : `Révision à compter du ${formatDateFr(effective)}`;
  const components = revision.components.map((c) => `${c.label} ${c.rate.replace('.', ',')} %`).join(' + ');
  const source: Source = {
    file: COMPUTED_SOURCE_FILE,
    section: `Révision ${mode === 'additive' ? 'additive' : 'composée'} de la version ${fromVersion} : ${components}`,
    lines: [1, 1],
    quote: `calculé par Grille : ${components}, arrondi au centime par cellule`,
  };
  const documentId = `revision-${code}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const entries = toCatalogueEntries(revision, { code, label, document: documentId, source });
  const updated: ProductFile = {
    ...product,
    documents: [...product.documents, { id: documentId, file: COMPUTED_SOURCE_FILE, title: label, kind: 'revision', lines: [1, 1], date: null }],
    versions: [...product.versions.map((v) => (v.code === fromVersion && v.effectiveTo === null ? { ...v, effectiveTo: dayBefore(effective) } : v)), entries.version],
    tariffs: [...product.tariffs, ...entries.tariffs],
  };
  // the new version and its trace in the audit trail are written together
  const cells = updated.tariffs.length;
  progress?.('Enregistrement de la version', 0, cells);
  inTransaction(cat.db, () => {
    saveProduct(cat.db, updated, { replace: true });
    insertAudit(cat.db, {
      action: 'revision',
      what: `version ${code} (${label})`,
      productId: product.product.id,
      oldValue: { version: fromVersion, effectiveTo: from.effectiveTo },
      newValue: { version: code, effectiveFrom: effective, mode, components: revision.components, cells: entries.tariffs.length },
      comment: input.reference ?? null,
    });
    // the last moment a cancellation can undo the write
    progress?.('Enregistrement de la version', cells, cells);
  });
  return { revision, saved: { version: code, product: product.product.id } };
}

export interface ImpactInput {
  productId: string;
  headcountsFile: string | undefined;
  fromAt: string | undefined;
  toAt: string | undefined;
  participation: string | undefined;
}

const MAX_HEADCOUNTS_BYTES = 1024 * 1024;

export function readHeadcounts(file: string): HeadcountRow[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw invalid(`fichier des effectifs introuvable : ${file}`);
  }
  if (size > MAX_HEADCOUNTS_BYTES) throw invalid(`${file} : fichier des effectifs trop gros (${size} octets, 1 Mo au plus)`);
  return parseHeadcountsText(readFileSync(file, 'utf8'), /\.json$/i.test(file) ? 'json' : 'csv', file);
}

export function parseHeadcountsText(text: string, format: 'csv' | 'json', name: string): HeadcountRow[] {
  if (text.length > MAX_HEADCOUNTS_BYTES) throw invalid(`${name} : fichier des effectifs trop gros (1 Mo au plus)`);
  let parsed;
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw invalid(`${name} : JSON illisible (${(e as Error).message})`);
    }
    parsed = parseHeadcountsJson(value);
  } else {
    parsed = parseHeadcountsCsv(text);
  }
  if (!parsed.ok) throw invalid(`${name} : ${parsed.errors.map(formatHeadcountError).join(' ; ')}`);
  return parsed.rows;
}

export function parseParticipation(text: string | undefined): ParticipationSpec | undefined {
  if (text === undefined) return undefined;
  const parsed = parseParticipationSpec(text);
  if (!parsed.ok) throw new InputError('participation', parsed.message, parsed.message);
  return parsed.spec;
}

export function impact(cat: Catalogue, input: ImpactInput & { revision?: ReviseInput; headcountsText?: { text: string; format: 'csv' | 'json'; name: string } }): ImpactResult {
  const product = catalogueShow(cat, input.productId);
  let headcounts: HeadcountRow[];
  let name: string;
  if (input.headcountsText) {
    name = input.headcountsText.name;
    headcounts = parseHeadcountsText(input.headcountsText.text, input.headcountsText.format, name);
  } else {
    if (!input.headcountsFile) throw inputError('headcounts', 'le fichier des effectifs', 'manque : fichier CSV « formule;segment;effectif » ou JSON attendu');
    name = input.headcountsFile;
    headcounts = readHeadcounts(input.headcountsFile);
  }
  const participation = parseParticipation(input.participation);
  const fromAt = requireIsoDate(input.fromAt, 'fromAt', 'la date de la version « avant »');
  const before = tableOfVersion(product, versionAt(product, fromAt));
  let after;
  if (input.revision) {
    after = tableOfRevision(revise(cat, { ...input.revision, save: false }).revision, 'après révision');
  } else {
    after = tableOfVersion(product, versionAt(product, requireIsoDate(input.toAt, 'toAt', 'la date de la version « après »')));
  }
  const result = computeImpact({ product, before, after, headcounts, participation });
  if (result.errors.length) throw invalid(`${name} : ${result.errors.map((e) => `ligne ${e.line} : ${e.message}`).join(' ; ')}`);
  return result;
}
