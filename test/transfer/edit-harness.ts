/**
 * The editing tests' harness: a fresh copy of the default catalogue behind `dispatch`, the calls a renderer
 * makes, and the two edits most tests start from (MIE's home help, an Intériale 2026 tariff cell).
 */
import type { CatalogueEdit, EditAnswer, HistoryEntryDto, Result, UndoAnswer } from '../../src/shared/api';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { dispatch, type Services } from '../../src/main/ipc-handlers';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { freshDb } from './helpers';

export const TODAY = '2026-11-22';
export const DATA = new Map(loadDataDir().products.map((p) => [p.product.id, p]));
export const data = (id: string): ProductFile => structuredClone(DATA.get(id)!);

// the IMA home help of mie-assistance (seed 000, art. 3.1): 15 hours over at most 2 weeks
export const MIE = 'mie-assistance';
export const HOME_HELP = 'assistance.aide_domicile.hospitalisation';
export const homeHelpIndex = data(MIE).guarantees.findIndex((g) => g.category === HOME_HELP);
export const homeHelp = data(MIE).guarantees[homeHelpIndex]!;
// Intériale 2026, Sécurité, jeunes actifs (seed 003, Annexe 1)
export const INT = 'interiale-cdg-sante';
export const cellKey = { version: '2026', formula: 'securite', option: '', segment: 'jeune-actif', zone: '' };
export const cell = data(INT).tariffs.find((t) => t.version === '2026' && t.formula === 'securite' && t.segment === 'jeune-actif' && t.option === '' && t.zone === '')!;

const noJobs = { run: () => Promise.reject(new Error('aucune tâche dans ces tests')), cancel: async () => false } as unknown as Services['jobs'];

export interface Harness {
  file: string;
  services: Services;
  cat: () => Promise<Catalogue>;
}
const open: Promise<Catalogue>[] = [];
/** Closes the catalogues the harnesses of a test opened: each test file calls it in its afterEach. */
export async function closeHarnesses(): Promise<void> {
  for (const c of open.splice(0)) (await c).close();
}

export async function harness(): Promise<Harness> {
  const file = await freshDb();
  let cat: Promise<Catalogue> | null = null;
  const get = () => {
    if (!cat) {
      cat = openCatalogue(file);
      open.push(cat);
    }
    return cat;
  };
  const services: Services = { catalogue: get, saveAs: async () => null, today: () => TODAY, jobs: noJobs };
  await get();
  return { file, services, cat: get };
}

export async function ok<T>(h: Harness, method: Parameters<typeof dispatch>[1], ...args: unknown[]): Promise<T> {
  const r = await dispatch(h.services, method, args);
  if (!r.ok) throw new Error(`${method} refusé : ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
export async function refused(h: Harness, method: Parameters<typeof dispatch>[1], ...args: unknown[]): Promise<{ code: string; message: string }> {
  const r: Result<unknown> = await dispatch(h.services, method, args);
  if (r.ok) throw new Error(`${method} accepté : ${JSON.stringify(r.value)}`);
  return r.error;
}
export const show = (h: Harness, id: string) => ok<ProductFile>(h, 'catalogueShow', id);
export const edit = (h: Harness, e: CatalogueEdit) => ok<EditAnswer>(h, 'editCatalogue', e);
export const history = (h: Harness, productId: string | null) => ok<HistoryEntryDto[]>(h, 'history', { productId });
export const undo = (h: Harness, productId: string | null) => ok<UndoAnswer>(h, 'undoEdit', { productId });

export const guaranteeEdit = (over: Partial<Extract<CatalogueEdit, { kind: 'guarantee' }>> = {}): CatalogueEdit => ({
  kind: 'guarantee',
  productId: MIE,
  index: homeHelpIndex,
  expectedText: homeHelp.text,
  text: '20 h sur 2 semaines max.',
  status: 'covered',
  quantities: { hours: 20, periodDays: 14 },
  conditions: homeHelp.conditions ?? null,
  source: { mode: 'none' },
  comment: 'avenant annoncé par IMA, document pas encore reçu',
  ...over,
});
export const cellEdit = (over: Partial<Extract<CatalogueEdit, { kind: 'tariffCell' }>> = {}): CatalogueEdit => ({
  kind: 'tariffCell',
  productId: INT,
  ...cellKey,
  expectedCents: cell.amountCents,
  amountCents: 2600,
  source: { mode: 'document', file: 'avenant-4.pdf', section: 'Annexe 1 – Cotisations 2026 rectifiées', lines: [12, 12], quote: 'Sécurité 26,00 € 36,06 € 14,33 €' },
  comment: 'rectificatif de l’assureur',
  ...over,
});
