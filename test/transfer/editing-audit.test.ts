/**
 * Undo reads an audit row back with the schemas of its kind of edit: a row whose old or new value was
 * changed outside Grille (a wrong type, a missing or extra field, no product) is refused as DATA_INVALID,
 * in French, naming the change and what is wrong, with nothing written and the edit still undoable.
 * A plan says what an edit would change without writing anything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogueEdit, EditAnswer, HistoryEntryDto, Result } from '../../src/shared/api';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { dispatch, type Services } from '../../src/main/ipc-handlers';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { editCatalogue, planEdit } from '../../src/main/services/editing';
import { addProductEdit, addVersionEdit } from '../fixtures/edits';
import { dbBytes, freshDb } from './helpers';

const TODAY = '2026-11-22';
const MIE = 'mie-assistance';
const INT = 'interiale-cdg-sante';
const mie = loadDataDir().products.find((p) => p.product.id === MIE)!;
const homeHelpIndex = mie.guarantees.findIndex((g) => g.category === 'assistance.aide_domicile.hospitalisation');
const homeHelp = mie.guarantees[homeHelpIndex]!;
const securite = loadDataDir()
  .products.find((p) => p.product.id === INT)!
  .tariffs.find((t) => t.version === '2026' && t.formula === 'securite' && t.segment === 'jeune-actif' && t.option === '' && t.zone === '')!;

const noJobs = { run: () => Promise.reject(new Error('aucune tâche dans ces tests')), cancel: async () => false } as unknown as Services['jobs'];

const opened: Catalogue[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

async function harness(): Promise<{ file: string; cat: Catalogue; services: Services }> {
  const file = await freshDb();
  const cat = await openCatalogue(file);
  opened.push(cat);
  return { file, cat, services: { catalogue: async () => cat, saveAs: async () => null, today: () => TODAY, jobs: noJobs } };
}

async function call<T>(services: Services, method: Parameters<typeof dispatch>[1], ...args: unknown[]): Promise<Result<T>> {
  return (await dispatch(services, method, args)) as Result<T>;
}

const edits: Record<string, CatalogueEdit> = {
  'edit.guarantee': {
    kind: 'guarantee',
    productId: MIE,
    index: homeHelpIndex,
    expectedText: homeHelp.text,
    text: '20 h sur 2 semaines max.',
    status: 'covered',
    quantities: { hours: 20, periodDays: 14 },
    conditions: homeHelp.conditions ?? null,
    source: { mode: 'none' },
    comment: '',
  },
  'edit.tariffCell': {
    kind: 'tariffCell',
    productId: INT,
    version: '2026',
    formula: 'securite',
    option: '',
    segment: 'jeune-actif',
    zone: '',
    expectedCents: securite.amountCents,
    amountCents: 2600,
    source: { mode: 'none' },
    comment: '',
  },
  'edit.formulaLabel': { kind: 'formulaLabel', productId: INT, formula: 'securite', expectedLabel: 'Sécurité', label: 'Sécurité (niveau 1)', comment: '' },
  'add.guarantee': {
    kind: 'addGuarantee',
    productId: MIE,
    category: 'assistance.aide_domicile.chirurgie_ambulatoire',
    label: '3.11 Aide à domicile après chirurgie ambulatoire',
    formulas: ['*'],
    versions: ['*'],
    status: 'covered',
    text: '12 h sur 15 jours max.',
    quantities: { hours: 12, periodDays: 15 },
    conditions: null,
    source: { mode: 'none' },
    comment: '',
  },
  'add.formula': { kind: 'addFormula', productId: INT, code: 'securite-plus', label: 'Sécurité Plus', formulaKind: 'formula', source: { mode: 'none' }, comment: '' },
  'add.version': addVersionEdit(),
  'add.product': addProductEdit(),
};

type Json = Record<string, unknown>;

// one change per kind of edit, of a kind Grille never writes, and the field the refusal names
const tampered: [action: string, column: 'old_value' | 'new_value', change: (v: Json) => unknown, field: RegExp][] = [
  ['edit.guarantee', 'new_value', (v) => ({ ...v, quantities: { hours: 'vingt' } }), /quantities\.hours/],
  ['edit.guarantee', 'old_value', (v) => ({ ...v, index: -1 }), /index/],
  ['edit.tariffCell', 'new_value', (v) => ({ ...v, amountCents: '26,00' }), /amountCents/],
  ['edit.tariffCell', 'old_value', ({ source: _source, ...v }) => v, /source/],
  ['edit.formulaLabel', 'new_value', (v) => ({ ...v, label: 42 }), /label/],
  ['add.guarantee', 'new_value', (v) => ({ ...v, sql: 'DROP TABLE audit' }), /sql/],
  ['add.formula', 'new_value', (v) => ({ ...v, kind: 'formule' }), /kind/],
  ['add.version', 'new_value', (v) => ({ ...v, cells: -1 }), /cells/],
  ['add.version', 'old_value', () => ({ closed: 'convention' }), /closed/],
  ['add.product', 'new_value', (v) => ({ ...v, product: { ...(v.product as Json), formatVersion: 2 } }), /product\.formatVersion/],
  ['add.product', 'old_value', () => ({ product: 'mutuelle-essai' }), /\(racine\)/],
];

describe('undo of an audit row changed outside Grille', () => {
  it.each(tampered)('%s, %s changed: DATA_INVALID naming the change and the field, nothing written', async (action, column, change, field) => {
    const { file, cat, services } = await harness();
    const done = await call<EditAnswer>(services, 'editCatalogue', edits[action]);
    if (!done.ok) throw new Error(done.error.message);
    const row = cat.db.prepare(`SELECT ${column} AS value FROM audit WHERE id = ?`).get(done.value.auditId) as { value: string | null };
    const value = change(row.value === null ? {} : (JSON.parse(row.value) as Json));
    cat.db.prepare(`UPDATE audit SET ${column} = ? WHERE id = ?`).run(JSON.stringify(value), done.value.auditId);
    cat.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dbBytes(file);

    const r = await call(services, 'undoEdit', { productId: done.value.productId });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('DATA_INVALID');
    const which = column === 'new_value' ? 'la nouvelle' : 'l’ancienne';
    expect(r.error.message.startsWith(`Annulation impossible de « ${done.value.what} » (historique n°${done.value.auditId}, `)).toBe(true);
    expect(r.error.message).toContain(`${which} valeur enregistrée n’a pas la forme d’une modification « ${action} »`);
    expect(r.error.message).toMatch(field);
    expect(r.error.message).toMatch(/l’historique a été modifié hors de Grille, rien n’a été modifié\.$/);
    expect(dbBytes(file).equals(before)).toBe(true);
    const history = await call<HistoryEntryDto[]>(services, 'history', { productId: done.value.productId });
    expect(history.ok && history.value[0]).toMatchObject({ id: done.value.auditId, action, undoable: true, undoneBy: null });
  });

  it('an edit whose row no longer names its product is refused the same way', async () => {
    const { cat, services } = await harness();
    const done = await call<EditAnswer>(services, 'editCatalogue', edits['edit.formulaLabel']);
    if (!done.ok) throw new Error(done.error.message);
    cat.db.prepare('UPDATE audit SET product_id = NULL WHERE id = ?').run(done.value.auditId);
    const r = await call(services, 'undoEdit', { productId: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'DATA_INVALID', message: expect.stringMatching(/^Annulation impossible de « Libellé de la formule securite .* » \(historique n°\d+, .*\) : la modification ne nomme pas de produit/) } });
  });

  it('an untouched row is undone (the schemas take what Grille writes)', async () => {
    const { services } = await harness();
    for (const [action, e] of Object.entries(edits)) {
      const done = await call<EditAnswer>(services, 'editCatalogue', e);
      if (!done.ok) throw new Error(`${action} : ${done.error.message}`);
      const undone = await call<{ undone: number }>(services, 'undoEdit', { productId: done.value.productId });
      expect(undone, action).toMatchObject({ ok: true, value: { undone: done.value.auditId } });
    }
  });
});

describe('a plan', () => {
  it('says what each edit would change, as its audit row will, and writes nothing', async () => {
    const { file, cat, services } = await harness();
    for (const [action, e] of Object.entries(edits)) {
      cat.db.pragma('wal_checkpoint(TRUNCATE)');
      const before = dbBytes(file);
      const plan = planEdit(cat, e, { today: TODAY });
      expect(dbBytes(file).equals(before), action).toBe(true);
      expect(plan.action).toBe(action);
      const done = await call<EditAnswer>(services, 'editCatalogue', e);
      if (!done.ok) throw new Error(`${action} : ${done.error.message}`);
      const row = cat.db.prepare('SELECT what, old_value, new_value FROM audit WHERE id = ?').get(done.value.auditId) as { what: string; old_value: string | null; new_value: string };
      expect(row.what).toBe(plan.what);
      expect(row.old_value === null ? null : JSON.parse(row.old_value)).toEqual(plan.oldValue);
      expect(JSON.parse(row.new_value)).toEqual(plan.newValue);
    }
  });

  it('of a kind no file defines (a caller without the IPC schema) is INVALID_INPUT, nothing written', async () => {
    const { file, cat } = await harness();
    const unknown = { ...edits['edit.formulaLabel'], kind: 'supprimer' } as unknown as CatalogueEdit;
    cat.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dbBytes(file);
    for (const run of [() => planEdit(cat, unknown, { today: TODAY }), () => editCatalogue(cat, unknown, { today: TODAY })]) {
      expect(run).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: 'modification de nature inconnue : supprimer' }));
    }
    expect(dbBytes(file).equals(before)).toBe(true);
  });
});
