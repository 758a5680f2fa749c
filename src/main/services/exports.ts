/**
 * Excel export use cases: build the workbook for a request and return its bytes. The caller (CLI or
 * the desktop shell) chooses where to write them. The document date is an input, so the same
 * request on the same date gives the same bytes.
 */
import type { CompareRequest, DeliberationRequest, QuoteRequestDto } from '../../shared/api';
import type { ProductFile } from '../../shared/core/catalogue-schema';
import type { Comparison } from '../../shared/core/compare';
import { formatDateFr } from '../../shared/core/dates';
import { tableOfRevision } from '../../shared/core/impact';
import type { Hypothesis } from '../../shared/core/pricing-types';
import { indexProduct, pickVersion } from '../../shared/core/product-index';
import { revisionFactor, type RevisionMode } from '../../shared/core/revision';
import type { ReimbursementExamples } from '../export/comparison-workbook';
import type { DeliberationData, DeliberationSide } from '../export/deliberation-workbook';
import type { WriteHooks } from '../export/workbook-writer';
import { standardExamples } from '../reimbursement/service';
import { GrilleError } from '../../shared/errors';
import { catalogueShow, type Catalogue } from './catalogue';
import { compareColumns } from './compare';
import { InputError, requireIsoDate } from '../../shared/input-error';
import { impact, quote, quoteInputOf, revise, type ReviseInput } from './pricing';

// The workbook builders load exceljs, which costs more than Node's own start: load them on first
// use so the commands that only read the catalogue start fast (test/cli/startup.test.ts).
const builders = {
  comparison: () => import('../export/comparison-workbook'),
  tariffs: () => import('../export/tariff-workbook'),
  quote: () => import('../export/quote-workbook'),
  deliberation: () => import('../export/deliberation-workbook'),
};

const invalid = (message: string) => new GrilleError('INVALID_INPUT', message);

/**
 * The standard baskets simulated on the comparison's santé columns (product × formula), care dated at the
 * comparison's date, else the document date; undefined when no column is a santé offer.
 */
export function comparisonExamples(cat: Catalogue, comparison: Comparison, date: string): ReimbursementExamples | undefined {
  const columns = comparison.columns.filter((c) => c.productKind === 'sante' && c.formula !== '');
  if (columns.length === 0) return undefined;
  const products = new Map<string, ProductFile>();
  const product = (id: string) => {
    let p = products.get(id);
    if (!p) products.set(id, (p = catalogueShow(cat, id)));
    return p;
  };
  const at = comparison.at ?? date;
  return { date: at, columns: columns.map((c) => c.index), baskets: standardExamples(columns.map((c) => ({ product: product(c.productId), formula: c.formula })), at) };
}

export async function comparisonWorkbook(cat: Catalogue, request: CompareRequest, date: string, hooks?: WriteHooks): Promise<Buffer> {
  return (await comparisonExport(cat, request, date, hooks)).bytes;
}

/** The comparison workbook and the model it shows (the CLI reports its size). */
export async function comparisonExport(cat: Catalogue, request: CompareRequest, date: string, hooks?: WriteHooks): Promise<{ bytes: Buffer; comparison: Comparison }> {
  const comparison = compareColumns(cat, request);
  const examples = comparisonExamples(cat, comparison, date);
  return { bytes: await (await builders.comparison()).writeComparisonWorkbook(comparison, { date, examples, hooks }), comparison };
}

export async function tariffWorkbook(cat: Catalogue, productIds: string[], date: string, hooks?: WriteHooks): Promise<Buffer> {
  return (await builders.tariffs()).writeTariffWorkbook(
    productIds.map((id) => catalogueShow(cat, id)),
    { date, hooks },
  );
}

/** The household's quote on the offers asked for, as a workbook. */
export async function quoteWorkbook(cat: Catalogue, request: QuoteRequestDto, date: string, hooks?: WriteHooks): Promise<Buffer> {
  const input = quoteInputOf(request);
  const quotes = quote(cat, input);
  if (quotes.length === 0) throw invalid('aucune offre à chiffrer : aucun produit ne propose les formules demandées');
  const formulas = [...new Set(input.offers.map((o) => o.formula))];
  return (await builders.quote()).writeQuoteWorkbook({ quotes, members: input.members, at: request.at, formulas, mav: request.mav }, { date, hooks });
}

function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

type VersionEntry = ProductFile['versions'][number];

function versionAt(product: ProductFile, at: string): { version: VersionEntry; hypotheses: Hypothesis[] } {
  const pick = pickVersion(indexProduct(product), at);
  if (!pick.ok) throw invalid(pick.message);
  return { version: pick.version, hypotheses: pick.hypotheses };
}

function versionSide(product: ProductFile, v: VersionEntry): DeliberationSide {
  const doc = product.documents.find((d) => d.id === v.document) ?? null;
  return {
    label: v.label,
    version: v.code,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    document: doc ? { title: doc.title, file: doc.file } : null,
    cells: product.tariffs.filter((t) => t.version === v.code),
    computed: false,
  };
}

/**
 * What the deliberation workbook shows: the version in force at `fromAt` against the version in force at
 * `toAt`, or against a revision by components (effective at `toAt`, else the day after the version ends,
 * else `fromAt`); the budget impact when headcounts are given.
 */
export function deliberationData(cat: Catalogue, request: DeliberationRequest): DeliberationData {
  const product = catalogueShow(cat, request.productId);
  const fromAt = requireIsoDate(request.fromAt, 'fromAt', 'la date de la version « avant »');
  if (request.toAt !== undefined) requireIsoDate(request.toAt, 'toAt', 'la date de la version « après »');
  const components = request.components ?? [];
  const hasHeadcounts = request.headcounts !== undefined;
  if (components.length === 0 && !request.toAt) throw new InputError('toAt', 'indiquez la version « après » (sa date) ou une révision (ses composantes)');
  if (request.participation !== undefined && !hasHeadcounts) throw new InputError('participation', 'une participation employeur sans effectifs : la participation ne se calcule qu’avec les effectifs');
  if (request.mode !== undefined && components.length === 0) throw new InputError('mode', 'le mode de révision ne vaut que pour une révision par composantes');

  const from = versionAt(product, fromAt);
  const before = versionSide(product, from.version);
  if (before.cells.length === 0) throw invalid(`version « ${from.version.label} » de « ${product.product.id} » : aucune cotisation donnée par la source, rien à comparer`);
  const hypotheses = [...from.hypotheses];
  let after: DeliberationSide;
  let revision: DeliberationData['revision'] = null;
  let reference = request.reference ?? null;
  let reviseInput: ReviseInput | undefined;

  if (components.length > 0) {
    const effective = request.toAt ?? (from.version.effectiveTo ? dayAfter(from.version.effectiveTo) : fromAt);
    reviseInput = {
      productId: request.productId,
      fromAt,
      components: components.map((c) => ({ label: c.label, rate: c.rate })),
      mode: request.mode,
      effective,
      reference: request.reference,
      code: undefined,
      save: false,
    };
    const r = revise(cat, reviseInput).revision;
    const label = request.reference ? `${request.reference} (révision à compter du ${formatDateFr(effective)})` : `Révision à compter du ${formatDateFr(effective)}`;
    after = { label, version: null, effectiveFrom: effective, effectiveTo: null, document: null, cells: tableOfRevision(r, label).cells, computed: true };
    revision = { origin: 'revision', mode: r.mode, components: r.components, factor: r.factor, source: null };
    hypotheses.push(...r.hypotheses);
  } else {
    const to = versionAt(product, requireIsoDate(request.toAt, 'toAt', 'la date de la version « après »'));
    if (to.version.code === from.version.code) {
      throw invalid(`les dates « avant » (${formatDateFr(fromAt)}) et « après » (${formatDateFr(request.toAt!)}) désignent la même version (« ${from.version.label} ») : rien à comparer`);
    }
    after = versionSide(product, to.version);
    if (after.cells.length === 0) throw invalid(`version « ${to.version.label} » de « ${product.product.id} » : aucune cotisation donnée par la source, rien à comparer`);
    hypotheses.push(...to.hypotheses);
    reference ??= to.version.reference ?? null;
    const declared = to.version.revision;
    if (declared) {
      const f = revisionFactor(declared.components, declared.mode as RevisionMode);
      if (f.ok) revision = { origin: 'version', mode: declared.mode as RevisionMode, components: f.components, factor: f.factor, source: to.version.source };
    }
  }

  let impactData: DeliberationData['impact'] = null;
  if (hasHeadcounts) {
    const result = impact(cat, {
      productId: request.productId,
      headcountsFile: undefined,
      headcountsText: request.headcounts,
      fromAt,
      toAt: request.toAt,
      participation: request.participation,
      ...(reviseInput ? { revision: reviseInput } : {}),
    });
    impactData = { result, headcountsName: request.headcounts!.name };
  }
  return { product, before, after, revision, reference, impact: impactData, hypotheses };
}

export async function deliberationWorkbook(cat: Catalogue, request: DeliberationRequest, date: string, hooks?: WriteHooks): Promise<Buffer> {
  return (await builders.deliberation()).writeDeliberationWorkbook(deliberationData(cat, request), { date, hooks });
}
