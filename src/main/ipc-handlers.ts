/**
 * The IPC handlers, without Electron: each channel has a payload schema and a handler over the
 * services. `ipc.ts` registers them and checks the sender; tests and the renderer's end-to-end
 * harness call `dispatch` directly.
 */
import { z } from 'zod';
import {
  channels,
  type CompareRequest,
  type DeliberationRequest,
  type ExportTariffsRequest,
  type GrilleApi,
  type ImpactRequest,
  type MemberDto,
  type QuoteRequestDto,
  type ReimburseRequest,
  type Result,
  type RevisionComponentDto,
  type ReviseRequest,
} from '../shared/api';
import { code, date, shortText } from '../shared/request-fields';
import { handler, type AnswerOf, type Handler, type HandlerMap, type Services } from './ipc-handler';
import { editHandlers } from './ipc-handlers-edit';
import type { ExportJob, TaskName } from './jobs/tasks';
import { reviseAnswer } from './jobs/tasks';
import { isAppUrl } from './security/policy';
import { catalogueList, catalogueShow } from './services/catalogue';
import { compareColumns } from './services/compare';
import { impact, quote, quoteInputOf, revise } from './services/pricing';
import { reimburseListing, reimburseOffers } from './reimbursement/service';
import { getTaxonomy } from './store/reader';
import { GrilleError } from '../shared/errors';

const component = z.object({ label: z.string().min(1).max(100), rate: z.string().regex(/^[+-]?\d{1,4}([.,]\d{1,6})?$/, 'taux décimal attendu') }).strict() satisfies z.ZodType<RevisionComponentDto>;
const mode = z.enum(['additive', 'compound']) satisfies z.ZodType<ReviseRequest['mode']>;
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
  .strict() satisfies z.ZodType<CompareRequest>;
const member = z.object({ role: z.enum(['principal', 'conjoint', 'enfant']), birth: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/), status: z.enum(['actif', 'retraite']).nullable().optional() }).strict() satisfies z.ZodType<MemberDto>;
const quoteRequest = z
  .object({
    offers: z.array(z.object({ productId: code, formula: code }).strict()).min(1).max(500),
    at: date,
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
  .strict() satisfies z.ZodType<QuoteRequestDto>;
const reviseRequest = z
  .object({ productId: code, fromAt: date, components: z.array(component).min(1).max(20), mode, effective: date, reference: shortText.optional(), code: code.optional(), save: z.boolean() })
  .strict() satisfies z.ZodType<ReviseRequest>;
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
  .strict() satisfies z.ZodType<ImpactRequest>;
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
  .strict() satisfies z.ZodType<DeliberationRequest>;
const exportTariffsRequest = z.object({ productIds: z.array(code).min(1).max(500) }).strict() satisfies z.ZodType<ExportTariffsRequest>;
// a job's id (a UUID from the runner)
const jobId = z.string().min(1).max(100).regex(/^[a-zA-Z0-9-]+$/, 'identifiant de travail attendu');

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
  .refine((r) => !r.act !== !r.basket, { message: 'un acte ou un panier attendu (un seul)' }) satisfies z.ZodType<ReimburseRequest>;

type ExportTask = Extract<TaskName, 'exportComparison' | 'exportTariffs' | 'exportQuote' | 'exportDeliberation'>;

/**
 * An export: the path is asked first (the dialog is the person's answer, not work), then the workbook is
 * built and written there by a job, off the UI path, with its progress; a cancelled dialog starts nothing.
 */
async function exportJob<Q>(s: Services, task: ExportTask, title: string, defaultName: string, request: Q): Promise<{ path: string | null }> {
  const path = await s.saveAs(defaultName);
  if (path === null) return { path: null };
  const payload: ExportJob<Q> = { request, date: s.today(), path };
  // the handler's schema checked the request against the task's payload type
  return s.jobs.run({ title, task, payload: payload as ExportJob<never> });
}

export type { Services } from './ipc-handler';

export const handlers = {
  ...editHandlers,
  catalogueList: handler(z.tuple([]), async (s) => catalogueList(await s.catalogue())),
  catalogueShow: handler(z.tuple([code]), async (s, [id]) => catalogueShow(await s.catalogue(), id)),
  taxonomy: handler(z.tuple([]), async (s) => getTaxonomy((await s.catalogue()).db)),
  compare: handler(z.tuple([compareRequest]), async (s, [r]) => compareColumns(await s.catalogue(), r)),
  quote: handler(z.tuple([quoteRequest]), async (s, [r]) => quote(await s.catalogue(), quoteInputOf(r))),
  // a revision shown (save: false) is quick and answers inline; a saved one writes a version: a job
  revise: handler(z.tuple([reviseRequest]), async (s, [r]) => {
    const input = { productId: r.productId, fromAt: r.fromAt, components: r.components, mode: r.mode, effective: r.effective, reference: r.reference, code: r.code, save: r.save };
    if (!r.save) return reviseAnswer(revise(await s.catalogue(), input));
    return s.jobs.run({ title: `Enregistrement de la révision — ${r.productId}`, task: 'revise', payload: input });
  }),
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
  exportComparison: handler(z.tuple([compareRequest]), async (s, [r]) => exportJob(s, 'exportComparison', 'Export de la comparaison', `comparaison-${s.today()}.xlsx`, r)),
  exportTariffs: handler(z.tuple([exportTariffsRequest]), async (s, [r]) =>
    exportJob(s, 'exportTariffs', 'Export des tarifs', `tarifs-${s.today()}.xlsx`, r),
  ),
  exportQuote: handler(z.tuple([quoteRequest]), async (s, [r]) => exportJob(s, 'exportQuote', 'Export du devis', `devis-${s.today()}.xlsx`, r)),
  exportDeliberation: handler(z.tuple([deliberationRequest]), async (s, [r]) =>
    exportJob(s, 'exportDeliberation', 'Export du classeur de délibération', `deliberation-${r.productId}-${s.today()}.xlsx`, r),
  ),
  reimburseList: handler(z.tuple([]), async () => reimburseListing()),
  // the care date defaults to the shell's today (the document date), so a run is reproducible
  reimburse: handler(z.tuple([reimburseRequest]), async (s, [r]) => reimburseOffers(await s.catalogue(), r, undefined, s.today())),
  // an unknown or finished job answers { cancelled: false }
  cancelJob: handler(z.tuple([jobId]), async (s, [job]) => ({ cancelled: await s.jobs.cancel(job) })),
} satisfies HandlerMap;

/** Only the main frame of our own content may call the API. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export async function dispatch<K extends keyof GrilleApi>(services: Services, method: K, rawArgs: unknown[]): Promise<Result<AnswerOf<K>>> {
  // the map's entries are checked against their methods (satisfies HandlerMap); indexing by a generic key
  // loses that pairing, so the entry is read back as the handler of K
  const entry = handlers[method] as unknown as Handler<K>;
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
