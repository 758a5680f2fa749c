/**
 * The IPC handlers, without Electron: each channel has a payload schema and a handler over the
 * services. `ipc.ts` registers them and checks the sender; tests and the renderer's end-to-end
 * harness call `dispatch` directly.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { channels, type GrilleApi, type Result } from '../shared/api';
import { code, date, handler, shortText, type Handler, type Services } from './ipc-handler';
import { editHandlers } from './ipc-handlers-edit';
import { isAppUrl } from './security/policy';
import { catalogueList, catalogueShow } from './services/catalogue';
import { compareColumns } from './services/compare';
import { comparisonWorkbook, deliberationWorkbook, quoteWorkbook, tariffWorkbook } from './services/exports';
import { impact, quoteMembers, revise } from './services/pricing';
import { reimburseListing, reimburseOffers } from './reimbursement/service';
import { getTaxonomy } from './store/reader';
import { GrilleError } from './store/errors';

const component = z.object({ label: z.string().min(1).max(100), rate: z.string().regex(/^[+-]?\d{1,4}([.,]\d{1,6})?$/, 'taux décimal attendu') }).strict();
const mode = z.enum(['additive', 'compound']);
const compareRequest = z
  .object({
    columns: z
      .array(z.object({ productId: code, formula: z.union([code, z.literal('')]), option: code.nullable().optional(), version: code.nullable().optional() }).strict())
      .min(1)
      .max(200),
    at: date.nullable().optional(),
    filter: z
      .object({ category: shortText.nullable().optional(), search: shortText.nullable().optional(), differencesOnly: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .strict();
const member = z.object({ role: z.enum(['principal', 'conjoint', 'enfant']), birth: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/), status: z.enum(['actif', 'retraite']).nullable().optional() }).strict();
const quoteRequest = z
  .object({
    productIds: z.array(code).max(500),
    at: date,
    formulas: z.array(code).max(50).optional(),
    members: z.array(member).min(1).max(30),
    mav: z
      .object({
        options: z.array(code).max(10).optional(),
        sports: z.array(z.string().min(1).max(100)).max(20).optional(),
        periodicity: z.enum(['annuel', 'semestriel', 'trimestriel', 'mensuel']).optional(),
        adhesion: date.optional(),
        renouncedOptions: z.array(code).max(10).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
const reviseRequest = z
  .object({ productId: code, fromAt: date, components: z.array(component).min(1).max(20), mode, effective: date, reference: shortText.optional(), code: code.optional(), save: z.boolean() })
  .strict();
const MAX_HEADCOUNTS = 1024 * 1024;
const impactRequest = z
  .object({
    productId: code,
    headcountsText: z.string().max(MAX_HEADCOUNTS, 'fichier des effectifs trop gros (1 Mo au plus)'),
    headcountsFormat: z.enum(['csv', 'json']),
    headcountsName: z.string().min(1).max(260),
    fromAt: date,
    toAt: date.optional(),
    components: z.array(component).max(20).optional(),
    mode: mode.optional(),
    participation: shortText.optional(),
  })
  .strict();
const deliberationRequest = z
  .object({
    productId: code,
    fromAt: date,
    toAt: date.optional(),
    components: z.array(component).max(20).optional(),
    mode: mode.optional(),
    reference: shortText.optional(),
    headcounts: z.object({ text: z.string().max(MAX_HEADCOUNTS), format: z.enum(['csv', 'json']), name: z.string().min(1).max(260) }).strict().optional(),
    participation: shortText.optional(),
  })
  .strict();

const MAX_CENTS = 100_000_000; // 1 000 000 €
const cents = z.number().int().min(0).max(MAX_CENTS);
const reimburseRequest = z
  .object({
    offers: z.array(z.object({ productId: code, formula: code }).strict()).min(1).max(60),
    act: code.nullable().optional(),
    basket: code.nullable().optional(),
    priceCents: cents,
    brCents: cents.nullable().optional(),
    date: date.nullable().optional(),
    optam: z.boolean().nullable().optional(),
    centSante: z.boolean().optional(),
    quantity: z.number().int().min(1).max(365).optional(),
    loyaltyBonus: z.boolean().optional(),
  })
  .strict()
  .refine((r) => !r.act !== !r.basket, { message: 'un acte ou un panier attendu (un seul)' });

async function saveWorkbook(services: Services, defaultName: string, build: () => Promise<Buffer>): Promise<{ path: string | null }> {
  // build first: an error is reported before the user is asked where to save
  const bytes = await build();
  const path = await services.saveAs(defaultName);
  if (path === null) return { path: null };
  writeFileSync(path, bytes);
  return { path };
}

/** The revision answer without its exact rational (BigInt does not cross the bridge). */
function reviseAnswer(r: ReturnType<typeof revise>) {
  const { factor: _factor, ...revision } = r.revision;
  return { revision, saved: r.saved };
}

export type { Services } from './ipc-handler';

export const handlers: Record<keyof GrilleApi, Handler> = {
  ...editHandlers,
  catalogueList: handler(z.tuple([]), async (s) => catalogueList(await s.catalogue())),
  catalogueShow: handler(z.tuple([code]), async (s, [id]) => catalogueShow(await s.catalogue(), id)),
  taxonomy: handler(z.tuple([]), async (s) => getTaxonomy((await s.catalogue()).db)),
  compare: handler(z.tuple([compareRequest]), async (s, [r]) => compareColumns(await s.catalogue(), r)),
  quote: handler(z.tuple([quoteRequest]), async (s, [r]) =>
    quoteMembers(await s.catalogue(), {
      productIds: r.productIds,
      at: r.at,
      formulas: r.formulas ?? [],
      members: r.members.map((m) => ({ role: m.role, birth: m.birth, status: m.status ?? null })),
      options: r.mav?.options ?? [],
      sports: r.mav?.sports ?? [],
      periodicity: r.mav?.periodicity,
      adhesion: r.mav?.adhesion,
      renouncedOptions: r.mav?.renouncedOptions ?? [],
    }),
  ),
  revise: handler(z.tuple([reviseRequest]), async (s, [r]) =>
    reviseAnswer(revise(await s.catalogue(), { productId: r.productId, fromAt: r.fromAt, components: r.components, mode: r.mode, effective: r.effective, reference: r.reference, code: r.code, save: r.save })),
  ),
  impact: handler(z.tuple([impactRequest]), async (s, [r]) =>
    impact(await s.catalogue(), {
      productId: r.productId,
      headcountsFile: undefined,
      headcountsText: { text: r.headcountsText, format: r.headcountsFormat, name: r.headcountsName },
      fromAt: r.fromAt,
      toAt: r.toAt,
      participation: r.participation,
      ...(r.components?.length
        ? { revision: { productId: r.productId, fromAt: r.fromAt, components: r.components, mode: r.mode, effective: r.toAt ?? r.fromAt, reference: undefined, code: undefined, save: false } }
        : {}),
    }),
  ),
  exportComparison: handler(z.tuple([compareRequest]), async (s, [r]) => saveWorkbook(s, `comparaison-${s.today()}.xlsx`, async () => comparisonWorkbook(await s.catalogue(), r, s.today()))),
  exportTariffs: handler(z.tuple([z.object({ productIds: z.array(code).min(1).max(500) }).strict()]), async (s, [r]) =>
    saveWorkbook(s, `tarifs-${s.today()}.xlsx`, async () => tariffWorkbook(await s.catalogue(), r.productIds, s.today())),
  ),
  exportQuote: handler(z.tuple([quoteRequest]), async (s, [r]) => saveWorkbook(s, `devis-${s.today()}.xlsx`, async () => quoteWorkbook(await s.catalogue(), r, s.today()))),
  exportDeliberation: handler(z.tuple([deliberationRequest]), async (s, [r]) =>
    saveWorkbook(s, `deliberation-${r.productId}-${s.today()}.xlsx`, async () => deliberationWorkbook(await s.catalogue(), r, s.today())),
  ),
  reimburseList: handler(z.tuple([]), async () => reimburseListing()),
  // the care date defaults to the shell's today (the document date), so a run is reproducible
  reimburse: handler(z.tuple([reimburseRequest]), async (s, [r]) => reimburseOffers(await s.catalogue(), r, undefined, s.today())),
  // TEMPORARY (replaced by the jobs work this session): no job runs in a worker yet
  cancelJob: handler(z.tuple([z.string().max(100)]), async () => ({ cancelled: false })),
};

/** Only the main frame of our own content may call the API. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export async function dispatch(services: Services, method: keyof GrilleApi, rawArgs: unknown[]): Promise<Result<unknown>> {
  const entry = handlers[method];
  const parsed = entry.args.safeParse(rawArgs);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `Requête ${channels[method]} refusée : ${parsed.error.issues.map((i) => `${i.path.join('.') || 'requête'} : ${i.message}`).join(' ; ')}` },
    };
  }
  try {
    return { ok: true, value: await entry.handle(services, parsed.data) };
  } catch (e) {
    if (e instanceof GrilleError) return { ok: false, error: { code: e.code, message: e.message } };
    return { ok: false, error: { code: 'INTERNAL', message: `Erreur inattendue : ${(e as Error).message}` } };
  }
}
