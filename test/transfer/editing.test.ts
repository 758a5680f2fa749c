/**
 * Catalogue editing from the desktop, through `dispatch` over a temporary SQLite catalogue:
 * each kind of edit changes the value, is recorded with its old and new values and comment, and is
 * seen by the comparison; a stale or invalid edit is refused in French with nothing written; undo
 * restores exactly the values of data/products and chains; history says what undo would undo.
 * Expected values are read from data/products (the seed quotes they carry), never from the program.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UNSOURCED_FILE, type CatalogueEdit } from '../../src/shared/api';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';
import type { Comparison } from '../../src/shared/core/compare';
import { checkCatalogueProvenance } from '../../src/main/catalogue/provenance-check';
import { catalogueCheck } from '../../src/main/services/catalogue';
import { addProductEdit, addVersionEdit } from '../fixtures/edits';
import { cell, cellEdit, cellKey, closeHarnesses, DATA, data, edit, guaranteeEdit, harness, history, HOME_HELP, homeHelp, homeHelpIndex, INT, MIE, ok, refused, show, TODAY, undo } from './edit-harness';
import { dbBytes } from './helpers';

afterEach(closeHarnesses);

const labelEdit = (over: Partial<Extract<CatalogueEdit, { kind: 'formulaLabel' }>> = {}): CatalogueEdit => ({
  kind: 'formulaLabel',
  productId: INT,
  formula: 'securite',
  expectedLabel: 'Sécurité',
  label: 'Sécurité (niveau 1)',
  comment: '',
  ...over,
});
const addVersion = addVersionEdit;
const addFormula = (over: Partial<Extract<CatalogueEdit, { kind: 'addFormula' }>> = {}): CatalogueEdit => ({
  kind: 'addFormula',
  productId: INT,
  code: 'securite-plus',
  label: 'Sécurité Plus',
  formulaKind: 'formula',
  source: { mode: 'document', file: 'proposition-2027.pdf', section: 'Formules', lines: [3, 4], quote: 'Formule Sécurité Plus' },
  comment: 'nouvelle formule proposée',
  ...over,
});
const addProduct = addProductEdit;

// a guarantee MIE's convention does not hold (seed 000 has no home help after day surgery), from an
// avenant the broker received: every number of the value is read in the quote cited
const DAY_SURGERY = 'assistance.aide_domicile.chirurgie_ambulatoire';
const AVENANT_MIE = {
  mode: 'document',
  file: 'avenant-2027-mie.pdf',
  section: 'art. 3.11 Aide à domicile après chirurgie ambulatoire',
  lines: [41, 43],
  quote: 'IMA organise et prend en charge une aide à domicile dans la limite de 12 heures réparties sur une période maximale de 15 jours',
} as const;
const addGuarantee = (over: Partial<Extract<CatalogueEdit, { kind: 'addGuarantee' }>> = {}): CatalogueEdit => ({
  kind: 'addGuarantee',
  productId: MIE,
  category: DAY_SURGERY,
  label: '3.11 Aide à domicile après chirurgie ambulatoire',
  formulas: ['base'],
  versions: ['convention'],
  status: 'covered',
  text: '12 h sur 15 jours max.',
  quantities: { hours: 12, periodDays: 15 },
  conditions: null,
  source: { ...AVENANT_MIE, lines: [41, 43] },
  comment: 'avenant 2027 reçu d’IMA',
  ...over,
});

function compareRow(c: Comparison, key: string) {
  const row = c.rows.find((r) => r.key === key);
  if (!row) throw new Error(`ligne ${key} absente`);
  return row;
}

describe('each kind of edit, through dispatch', () => {
  it('a guarantee: the value changes, the audit row keeps old, new and comment, the comparison shows it flagged « sans source »', async () => {
    const h = await harness();
    // the document's value before the edit: 15 hours, over 14 days read from "2 semaines"
    expect(homeHelp.quantities).toEqual({ hours: 15, periodDays: 14 });
    expect(homeHelp.source.quote).toContain('15 heures');
    const before = await ok<Comparison>(h, 'compare', { columns: [{ productId: MIE, formula: 'base' }] });
    expect(compareRow(before, HOME_HELP).cells[0]!.quantities).toEqual({ hours: 15, periodDays: 14 });

    const answer = await edit(h, guaranteeEdit());
    expect(answer.productId).toBe(MIE);
    expect(answer.what).toMatch(/Garantie n°\d+ « 3\.1 Aide à domicile » .*mie-assistance.*« 15 h sur 2 semaines.*» → « 20 h sur 2 semaines max\. » \(sans source\)/);

    const g = (await show(h, MIE)).guarantees[homeHelpIndex]!;
    expect(g).toMatchObject({ text: '20 h sur 2 semaines max.', quantities: { hours: 20, periodDays: 14 }, status: 'covered', category: HOME_HELP, label: homeHelp.label });
    expect(g.source).toEqual({ file: UNSOURCED_FILE, section: 'Saisie sans source', lines: [1, 1], quote: `Valeur saisie sans source le ${TODAY}` });
    expect(g.derived).toBeUndefined();

    const [row] = await history(h, MIE);
    expect(row).toMatchObject({
      id: answer.auditId,
      action: 'edit.guarantee',
      productId: MIE,
      comment: 'avenant annoncé par IMA, document pas encore reçu',
      oldValue: { index: homeHelpIndex, text: homeHelp.text, quantities: { hours: 15, periodDays: 14 }, derived: ['periodDays'], source: homeHelp.source },
      newValue: { index: homeHelpIndex, text: '20 h sur 2 semaines max.', quantities: { hours: 20, periodDays: 14 }, derived: null, source: { file: UNSOURCED_FILE } },
      undoable: true,
      undoneBy: null,
    });
    expect(Date.parse(row!.at)).not.toBeNaN();
    expect(row!.at).toMatch(/Z$/);

    const after = await ok<Comparison>(h, 'compare', { columns: [{ productId: MIE, formula: 'base' }] });
    const c = compareRow(after, HOME_HELP).cells[0]!;
    expect(c.quantities).toEqual({ hours: 20, periodDays: 14 });
    expect(c.text).toBe('20 h sur 2 semaines max.');
    expect(c.sources[0]!.file).toBe(UNSOURCED_FILE);
  });

  it('a tariff cell, citing a document whose quote shows the new amount', async () => {
    const h = await harness();
    expect(cell.amountCents).toBe(2514);
    expect(cell.source.quote).toContain('25,14');
    const answer = await edit(h, cellEdit());
    const version = data(INT).versions.find((v) => v.code === '2026')!.label;
    const segment = data(INT).segments.find((x) => x.code === 'jeune-actif')!.label;
    expect(answer.what).toBe(`Tarif de « ${data(INT).product.name} » (${INT}), version « ${version} », formule « Sécurité », segment « ${segment} » : 25,14\u00a0€ → 26,00\u00a0€`);
    const stored = (await show(h, INT)).tariffs.find((t) => t.version === '2026' && t.formula === 'securite' && t.segment === 'jeune-actif')!;
    expect(stored.amountCents).toBe(2600);
    expect(stored.source).toEqual({ file: 'avenant-4.pdf', section: 'Annexe 1 – Cotisations 2026 rectifiées', lines: [12, 12], quote: 'Sécurité 26,00 € 36,06 € 14,33 €' });
    // the other cells that shared the table's source keep it
    const other = (await show(h, INT)).tariffs.find((t) => t.version === '2026' && t.formula === 'securite' && t.segment === 'actif')!;
    expect(other).toEqual(data(INT).tariffs.find((t) => t.version === '2026' && t.formula === 'securite' && t.segment === 'actif'));
    const [row] = await history(h, INT);
    expect(row).toMatchObject({ action: 'edit.tariffCell', comment: 'rectificatif de l’assureur', oldValue: { ...cellKey, amountCents: 2514, source: cell.source }, newValue: { ...cellKey, amountCents: 2600 } });
    // a household quote prices the new amount
    const quote = await ok<{ households?: unknown }[]>(h, 'quote', { offers: [{ productId: INT, formula: 'securite' }], at: '2026-06-01', members: [{ role: 'principal', birth: '1995-04-01', status: 'actif' }] });
    expect(JSON.stringify(quote)).toContain('2600');
    expect(JSON.stringify(quote)).not.toContain('2514');
  });

  it('a formula label: the comparison column is named by the new label', async () => {
    const h = await harness();
    const answer = await edit(h, labelEdit({ comment: 'libellé du contrat signé' }));
    expect(answer.what).toContain('« Sécurité » → « Sécurité (niveau 1) »');
    expect((await show(h, INT)).formulas.find((f) => f.code === 'securite')!.label).toBe('Sécurité (niveau 1)');
    const cmp = await ok<Comparison>(h, 'compare', { columns: [{ productId: INT, formula: 'securite' }] });
    expect(cmp.columns[0]!.label).toContain('Sécurité (niveau 1)');
    expect((await history(h, INT))[0]).toMatchObject({ action: 'edit.formulaLabel', oldValue: { code: 'securite', label: 'Sécurité' }, newValue: { code: 'securite', label: 'Sécurité (niveau 1)' }, comment: 'libellé du contrat signé' });
  });

  it('adds a formula, a version (closing the open one, copying its tariffs) and a product', async () => {
    const h = await harness();
    await edit(h, addFormula());
    let p = await show(h, INT);
    expect(p.formulas.at(-1)).toEqual({ code: 'securite-plus', label: 'Sécurité Plus', kind: 'formula', source: { file: 'proposition-2027.pdf', section: 'Formules', lines: [3, 4], quote: 'Formule Sécurité Plus' } });

    const v = await edit(h, addVersion());
    expect(v.what).toContain('la version 2026 se termine le 31/12/2026');
    p = await show(h, INT);
    expect(p.versions.find((x) => x.code === '2026')!.effectiveTo).toBe('2026-12-31');
    const v2027 = p.versions.find((x) => x.code === '2027')!;
    expect(v2027).toMatchObject({ label: 'Tarifs 2027', effectiveFrom: '2027-01-01', effectiveTo: null, reference: 'avenant n°4', document: 'saisie-sans-document', source: { file: UNSOURCED_FILE } });
    expect(p.documents.at(-1)).toEqual({ id: 'saisie-sans-document', file: UNSOURCED_FILE, title: 'Saisie sans document', kind: 'saisie', lines: [1, 1], date: null });
    const copied = p.tariffs.filter((t) => t.version === '2027');
    const from2026 = data(INT).tariffs.filter((t) => t.version === '2026');
    const byKey = (cells: ProductFile['tariffs']) => cells.map(({ version: _v, ...rest }) => rest).sort((a, b) => `${a.formula}/${a.segment}`.localeCompare(`${b.formula}/${b.segment}`));
    expect(copied).toHaveLength(12);
    expect(byKey(copied)).toEqual(byKey(from2026));
    // a comparison on a 2027 date takes the new version
    const cmp = await ok<Comparison>(h, 'compare', { columns: [{ productId: INT, formula: 'securite' }], at: '2027-03-01' });
    expect(cmp.columns[0]!.version).toBe('2027');

    const a = await edit(h, addProduct());
    expect(a.productId).toBe('mutuelle-essai');
    const list = await ok<{ id: string; insurer: { id: string; name: string } }[]>(h, 'catalogueList');
    expect(list.find((x) => x.id === 'mutuelle-essai')).toMatchObject({ insurer: { id: 'mutuelle-essai', name: 'Mutuelle Essai' } });
    const np = await show(h, 'mutuelle-essai');
    expect(np.formulas).toEqual([{ code: 'base', label: 'Formule unique', kind: 'formula', source: np.product.source }]);
    expect(np.versions).toEqual([{ code: '2027', label: 'Conditions 2027', effectiveFrom: '2027-01-01', effectiveTo: null, document: 'saisie-sans-document', source: np.product.source }]);
    expect((await history(h, 'mutuelle-essai'))[0]).toMatchObject({ action: 'add.product', comment: 'offre reçue par téléphone', undoable: true });
  });

  it('a new version takes over the guarantees of the version it follows; undo gives them back their own versions', async () => {
    const h = await harness();
    // mie-assistance's guarantees name their version (« convention », no dates): a 2027 avenant keeps them
    expect(homeHelp.versions).toEqual(['convention']);
    const v = await edit(h, addVersion({ productId: MIE, code: '2027', label: 'Avenant 2027', reference: null, copyTariffsFrom: null }));
    const named = data(MIE).guarantees.filter((g) => g.versions.includes('convention')).length;
    expect(v.what).toContain(`${named} garantie(s) et 0 règle(s) de la version convention reprises`);
    const p = await show(h, MIE);
    expect(p.guarantees[homeHelpIndex]!.versions).toEqual(['convention', '2027']);
    // 2027: the seed's 15 h sur 2 semaines, not « non précisé »
    const cmp = await ok<Comparison>(h, 'compare', { columns: [{ productId: MIE, formula: 'base' }], at: '2027-03-01' });
    expect(cmp.columns[0]!.version).toBe('2027');
    expect(compareRow(cmp, HOME_HELP).cells[0]!.quantities).toEqual({ hours: 15, periodDays: 14 });

    await undo(h, MIE);
    const back = await show(h, MIE);
    expect(back.guarantees.map((g) => g.versions)).toEqual(data(MIE).guarantees.map((g) => g.versions));
    expect(back.versions).toEqual(data(MIE).versions);
  });

  it('catalogue check counts the values without source and the provenance check does not read them as quotes', async () => {
    const h = await harness();
    await edit(h, guaranteeEdit());
    await edit(h, cellEdit({ source: { mode: 'none' } }));
    const cat = await h.cat();
    // an empty folder of sources: every document source is "introuvable", the values without source are not checked
    const empty = mkdtempSync(join(tmpdir(), 'grille-no-seeds-'));
    const problems = checkCatalogueProvenance([(await show(h, MIE))], empty);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((p) => p.includes(`garantie n°${homeHelpIndex + 1} `))).toEqual([]);
    const saved = process.env.GRILLE_SOURCES;
    process.env.GRILLE_SOURCES = empty;
    try {
      const report = catalogueCheck(cat);
      expect(report.unsourced.total).toBe(2);
      expect(report.unsourced.products).toHaveLength(2);
      expect(report.unsourced.products).toEqual(
        expect.arrayContaining([
          { id: INT, count: 1, where: ['tarif 2026/securite/jeune-actif'] },
          { id: MIE, count: 1, where: [`garantie n°${homeHelpIndex + 1} (${HOME_HELP})`] },
        ]),
      );
      expect(report.problems).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.GRILLE_SOURCES;
      else process.env.GRILLE_SOURCES = saved;
    }
  });
});

describe('adding a guarantee', () => {
  // a product keyed in from the desktop (one formula, one version, no guarantee yet)
  const ESSAI = 'assistance-essai';
  const essai = () =>
    addProduct({
      id: ESSAI,
      productKind: 'assistance',
      name: 'Assistance Essai',
      insurer: { name: 'Assistance Essai SA' },
      formula: { code: 'base', label: 'Formule unique' },
      version: { code: '2026', label: 'Notice 2026', effectiveFrom: '2026-01-01' },
      comment: '',
    });
  const essaiGuarantee = (): CatalogueEdit =>
    addGuarantee({
      productId: ESSAI,
      category: HOME_HELP,
      label: 'Aide à domicile',
      formulas: ['*'],
      versions: ['*'],
      text: '20 h sur 30 jours max.',
      quantities: { periodDays: 30, hours: 20 },
      conditions: 'Hospitalisation de plus de 2 jours',
      source: { mode: 'none' },
      comment: 'notice lue au téléphone',
    });

  it('to a product added from the desktop: the comparison reads it next to MIE’s home help', async () => {
    const h = await harness();
    await edit(h, essai());
    expect((await show(h, ESSAI)).guarantees).toEqual([]);
    const columns = [
      { productId: ESSAI, formula: 'base' },
      { productId: MIE, formula: 'base' },
    ];
    const before = compareRow(await ok<Comparison>(h, 'compare', { columns }), HOME_HELP);
    expect(before.cells.map((c) => [c.present, c.text])).toEqual([
      [false, 'non précisé'],
      [true, homeHelp.text],
    ]);

    const answer = await edit(h, essaiGuarantee());
    expect(answer).toMatchObject({ productId: ESSAI, what: `Ajout de la garantie n°1 « Aide à domicile » (${HOME_HELP}) à « Assistance Essai » (${ESSAI}) : « 20 h sur 30 jours max. » (sans source)` });
    const stored = (await show(h, ESSAI)).guarantees;
    expect(stored).toEqual([
      {
        category: HOME_HELP,
        label: 'Aide à domicile',
        formulas: ['*'],
        versions: ['*'],
        status: 'covered',
        // in the schema's order, whatever order the dialog sent
        quantities: { hours: 20, periodDays: 30 },
        text: '20 h sur 30 jours max.',
        conditions: 'Hospitalisation de plus de 2 jours',
        source: { file: UNSOURCED_FILE, section: 'Saisie sans source', lines: [1, 1], quote: `Valeur saisie sans source le ${TODAY}` },
      },
    ]);
    expect(Object.keys(stored[0]!.quantities)).toEqual(['hours', 'periodDays']);

    const row = compareRow(await ok<Comparison>(h, 'compare', { columns }), HOME_HELP);
    expect(row.cells[0]).toMatchObject({ present: true, status: 'covered', text: '20 h sur 30 jours max.', label: 'Aide à domicile', quantities: { hours: 20, periodDays: 30 }, conditions: 'Hospitalisation de plus de 2 jours' });
    expect(row.cells[0]!.sources[0]!.file).toBe(UNSOURCED_FILE);
    // MIE still reads its seed: 15 hours (art. 3.1)
    expect(row.cells[1]!.quantities).toEqual({ hours: 15, periodDays: 14 });
    expect(row.figure).toMatchObject({ kind: 'hours', values: [20, 15] });
    expect([row.best, row.worst]).toEqual([[0], [1]]);

    const [entry] = await history(h, ESSAI);
    expect(entry).toMatchObject({
      id: answer.auditId,
      action: 'add.guarantee',
      productId: ESSAI,
      comment: 'notice lue au téléphone',
      oldValue: null,
      newValue: { index: 0, category: HOME_HELP, label: 'Aide à domicile', formulas: ['*'], versions: ['*'], status: 'covered', text: '20 h sur 30 jours max.', quantities: { hours: 20, periodDays: 30 }, conditions: 'Hospitalisation de plus de 2 jours', source: { file: UNSOURCED_FILE } },
      undoable: true,
      undoneBy: null,
    });
  });

  it('to mie-assistance, citing a document whose quote shows every number: appended after the 40 of the convention', async () => {
    const h = await harness();
    expect(data(MIE).guarantees).toHaveLength(40);
    expect(data(MIE).guarantees.some((g) => g.category === DAY_SURGERY)).toBe(false);
    const answer = await edit(h, addGuarantee());
    expect(answer.what).toBe(`Ajout de la garantie n°41 « 3.11 Aide à domicile après chirurgie ambulatoire » (${DAY_SURGERY}) à « ${data(MIE).product.name} » (${MIE}) : « 12 h sur 15 jours max. »`);
    const p = await show(h, MIE);
    expect(p.guarantees.slice(0, 40)).toEqual(data(MIE).guarantees);
    expect(p.guarantees[40]).toEqual({
      category: DAY_SURGERY,
      label: '3.11 Aide à domicile après chirurgie ambulatoire',
      formulas: ['base'],
      versions: ['convention'],
      status: 'covered',
      quantities: { hours: 12, periodDays: 15 },
      text: '12 h sur 15 jours max.',
      source: { file: AVENANT_MIE.file, section: AVENANT_MIE.section, lines: [41, 43], quote: AVENANT_MIE.quote },
    });
    // next to SLM's notice (art. 3.1: 10 hours over 10 days after day surgery)
    const slm = data('slm-assistance').guarantees.find((g) => g.category === DAY_SURGERY)!;
    expect(slm.quantities).toMatchObject({ hours: 10, periodDays: 10 });
    expect(slm.source.quote).toMatch(/10 heures/);
    const cmp = await ok<Comparison>(h, 'compare', { columns: [{ productId: MIE, formula: 'base' }, { productId: 'slm-assistance', formula: 'base' }] });
    const row = compareRow(cmp, DAY_SURGERY);
    expect(row.cells[0]).toMatchObject({ text: '12 h sur 15 jours max.', quantities: { hours: 12, periodDays: 15 } });
    expect(row.cells[0]!.sources[0]).toMatchObject({ file: AVENANT_MIE.file, section: AVENANT_MIE.section, lines: [41, 43], quote: AVENANT_MIE.quote });
    expect(row.cells[1]!.text).toBe(slm.text);
    expect(row.figure).toMatchObject({ kind: 'hours', values: [12, 10] });
    expect((await history(h, MIE))[0]).toMatchObject({ action: 'add.guarantee', newValue: { index: 40, category: DAY_SURGERY, source: { file: AVENANT_MIE.file } }, comment: 'avenant 2027 reçu d’IMA', undoable: true });
  });

  it('undo removes it (then the source row it made), after undoing an edit of it made since', async () => {
    const h = await harness();
    const initial = await show(h, MIE);
    const added = await edit(h, addGuarantee());
    const edited = await edit(h, guaranteeEdit({ index: 40, expectedText: '12 h sur 15 jours max.', text: '14 h sur 15 jours max.', quantities: { hours: 14, periodDays: 15 }, conditions: null, source: { mode: 'none' } }));
    expect((await show(h, MIE)).guarantees[40]!.text).toBe('14 h sur 15 jours max.');
    // the edit first: the guarantee is back as added
    expect((await undo(h, MIE)).undone).toBe(edited.auditId);
    expect((await show(h, MIE)).guarantees[40]).toMatchObject({ text: '12 h sur 15 jours max.', quantities: { hours: 12, periodDays: 15 }, source: { file: AVENANT_MIE.file } });
    const u = await undo(h, MIE);
    expect(u).toMatchObject({ undone: added.auditId, productId: MIE, what: `Annulation : ${added.what}` });
    expect(await show(h, MIE)).toEqual(initial);
    const cat = await h.cat();
    expect(cat.db.prepare("SELECT count(*) AS n FROM sources WHERE file IN ('avenant-2027-mie.pdf', 'grille:saisie')").get()).toEqual({ n: 0 });
    expect(compareRow(await ok<Comparison>(h, 'compare', { columns: [{ productId: MIE, formula: 'base' }, { productId: 'slm-assistance', formula: 'base' }] }), DAY_SURGERY).cells[0]!.present).toBe(false);
    const entries = await history(h, MIE);
    expect(entries.map((e) => [e.action, e.undoable, e.undoneBy])).toEqual([
      ['undo', false, null],
      ['undo', false, null],
      ['edit.guarantee', false, entries[1]!.id],
      ['add.guarantee', false, u.auditId],
    ]);
  });

  it('undo is refused when the guarantee was changed since by other means, saying what differs; nothing written', async () => {
    const h = await harness();
    await edit(h, addGuarantee());
    const cat = await h.cat();
    // another program changes the added guarantee's text
    const changed = cat.db.prepare("UPDATE guarantees SET text = '10 h sur 15 jours max.' WHERE product_id = ? AND category_key = ?").run(MIE, DAY_SURGERY);
    expect(changed.changes).toBe(1);
    cat.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dbBytes(h.file);
    const error = await refused(h, 'undoEdit', { productId: MIE });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      `Annulation impossible de « Ajout de la garantie n°41 « 3.11 Aide à domicile après chirurgie ambulatoire » (${DAY_SURGERY}) à « ${data(MIE).product.name} » (${MIE}) : « 12 h sur 15 jours max. » » : la garantie a changé depuis son ajout : texte « 10 h sur 15 jours max. » au lieu de « 12 h sur 15 jours max. » ; rien n’a été modifié.`,
    );
    expect(dbBytes(h.file).equals(before)).toBe(true);
    expect((await history(h, MIE))[0]).toMatchObject({ action: 'add.guarantee', undoable: true, undoneBy: null });
  });
});

describe('refused edits write nothing', () => {
  it('a value changed since it was shown (expected value stale) is refused, the file byte-for-byte unchanged', async () => {
    const h = await harness();
    const before = dbBytes(h.file);
    for (const [e, detail] of [
      [guaranteeEdit({ expectedText: '10 h sur 2 semaines' }), /texte enregistré « 15 h sur 2 semaines max\., pas de minimum par intervention », affiché « 10 h sur 2 semaines »/],
      [cellEdit({ expectedCents: 2500 }), /montant enregistré 25,14\u00a0€, affiché 25,00\u00a0€/],
      [labelEdit({ expectedLabel: 'Securite' }), /libellé enregistré « Sécurité », affiché « Securite »/],
    ] as const) {
      const error = await refused(h, 'editCatalogue', e);
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/la valeur a changé depuis l’affichage : /);
      expect(error.message).toMatch(detail);
      expect(error.message).toMatch(/rechargez/);
    }
    expect(dbBytes(h.file).equals(before)).toBe(true);
    expect(await history(h, MIE)).toEqual([]);
  });

  const cases: [string, unknown, string, RegExp][] = [
    ['index as text', { ...guaranteeEdit(), index: '5' }, 'INVALID_INPUT', /index : .*nombre|number/i],
    ['quantities as text', { ...guaranteeEdit(), quantities: { hours: '20' } }, 'INVALID_INPUT', /quantities\.hours/],
    ['an unknown key', { ...cellEdit(), prix: 3 }, 'INVALID_INPUT', /prix/],
    ['an unknown kind of edit', { ...cellEdit(), kind: 'supprimer' }, 'INVALID_INPUT', /kind/],
    ['negative cents', cellEdit({ amountCents: -1 }), 'INVALID_INPUT', /montant négatif refusé/],
    ['cents with decimals', cellEdit({ amountCents: 2600.5 }), 'INVALID_INPUT', /montant en centimes entiers attendu/],
    ['an absurd amount', cellEdit({ amountCents: 10_000_001 }), 'INVALID_INPUT', /montant invraisemblable/],
    ['a negative guarantee quantity', guaranteeEdit({ quantities: { hours: -3 } }), 'INVALID_INPUT', /quantité négative refusée/],
    ['an unknown quantity', guaranteeEdit({ quantities: { heures: 20 } }), 'INVALID_INPUT', /quantité inconnue heures/],
    ['quantities on a guarantee not covered', guaranteeEdit({ status: 'not_covered' }), 'INVALID_INPUT', /« non couverte » n’a pas de quantités/],
    ['an empty text', guaranteeEdit({ text: '   ' }), 'INVALID_INPUT', /texte : texte vide/],
    ['a guarantee out of range', guaranteeEdit({ index: 400 }), 'NOT_FOUND', /garantie n°401 inexistante \(le produit en a \d+\)/],
    ['an unknown product', cellEdit({ productId: 'inconnu' }), 'NOT_FOUND', /Produit inconnu : « inconnu »/],
    ['an unknown segment', cellEdit({ segment: 'senior' }), 'NOT_FOUND', /segment « senior » inconnu/],
    ['a date written the French way', addVersion({ effectiveFrom: '01/01/2027' }), 'INVALID_INPUT', /date AAAA-MM-JJ attendue/],
    ['an impossible date', addVersion({ effectiveFrom: '2027-02-30' }), 'INVALID_INPUT', /date d’effet « 2027-02-30 » : date impossible/],
    ['an end before the start', addVersion({ effectiveTo: '2026-06-30' }), 'INVALID_INPUT', /la date de fin \(30\/06\/2026\) est avant la date d’effet \(01\/01\/2027\)/],
    ['a version overlapping another', addVersion({ code: 'mi-2025', effectiveFrom: '2025-06-01', effectiveTo: '2025-12-31' }), 'INVALID_INPUT', /chevauche la version « 2025 »/],
    ['an open version before a later one', addVersion({ code: '2024', effectiveFrom: '2024-01-01', effectiveTo: null }), 'INVALID_INPUT', /chevauche la version « 2025 »/],
    ['a version code taken', addVersion({ code: '2026' }), 'INVALID_INPUT', /version 2026, code « 2026 » existe déjà|code « 2026 » existe déjà/],
    ['a formula code taken', addFormula({ code: 'securite' }), 'INVALID_INPUT', /« securite » existe déjà/],
    ['a code with spaces and accents', addFormula({ code: 'sécurité plus' }), 'INVALID_INPUT', /lettres sans accent, chiffres, - ou _/],
    ['a product id taken', addProduct({ id: INT }), 'INVALID_INPUT', /« interiale-cdg-sante » existe déjà/],
    ['an unknown insurer', addProduct({ insurer: { id: 'personne' } }), 'NOT_FOUND', /assureur « personne » inconnu/],
    ['“keep the source” for a new entry', addFormula({ source: { mode: 'keep' } }), 'INVALID_INPUT', /ne s’applique pas à un ajout/],
    ['a cited quote that does not show the amount', cellEdit({ source: { mode: 'document', file: 'avenant-4.pdf', section: 'Annexe 1', lines: [12, 12], quote: 'Sécurité 25,14 €' } }), 'INVALID_INPUT', /26,00\u00a0€ n’apparaît pas dans la citation « Sécurité 25,14 € »/],
    ['a kept quote that does not show the amount', cellEdit({ source: { mode: 'keep' } }), 'INVALID_INPUT', /n’apparaît pas dans la citation gardée « Sécurité 25,14 € 36,06 € 14,33 € »/],
    ['a cited source with its lines reversed', cellEdit({ source: { mode: 'document', file: 'avenant-4.pdf', section: 'Annexe 1', lines: [12, 5], quote: 'Sécurité 26,00 €' } }), 'INVALID_INPUT', /la fin \(5\) est avant le début \(12\)/],
    ['a cited source without document', cellEdit({ source: { mode: 'document', file: ' ', section: 'Annexe 1', lines: [12, 12], quote: 'Sécurité 26,00 €' } }), 'INVALID_INPUT', /indiquez le fichier ou le titre du document cité/],
    ['the pseudo-document of values without source', cellEdit({ source: { mode: 'document', file: UNSOURCED_FILE, section: 'x', lines: [1, 1], quote: '26,00' } }), 'INVALID_INPUT', /ce n’est pas un document ; choisissez « sans source »/],
    ['a quote over 600 characters', cellEdit({ source: { mode: 'document', file: 'a.pdf', section: 'x', lines: [1, 1], quote: `26,00 ${'x'.repeat(600)}` } }), 'INVALID_INPUT', /600 caractères au plus/],
    ['nothing changed', labelEdit({ label: 'Sécurité' }), 'INVALID_INPUT', /rien n’a changé/],
    ['a new guarantee in a category the taxonomy does not have', addGuarantee({ category: 'assistance.teleportation' }), 'INVALID_INPUT', /nouvelle garantie : catégorie « assistance\.teleportation » inconnue de la taxonomie ; choisissez une catégorie de la liste/],
    ['a new guarantee for an unknown formula', addGuarantee({ formulas: ['premium'] }), 'INVALID_INPUT', /formule « premium » inconnue \(formules et options du produit : base\)/],
    ['a new guarantee for an unknown version', addGuarantee({ versions: ['2030'] }), 'INVALID_INPUT', /version « 2030 » inconnue \(versions du produit : convention\)/],
    ['a new guarantee for « * » and a formula', addGuarantee({ formulas: ['*', 'base'] }), 'INVALID_INPUT', /« \* » \(toutes les formules\) ne se combine pas avec d’autres codes \(base\)/],
    ['a new guarantee whose quote does not show one of its numbers', addGuarantee({ source: { ...AVENANT_MIE, lines: [41, 43], quote: 'une aide à domicile dans la limite de 12 heures' } }), 'INVALID_INPUT', /sur\s15\sjours n’apparaît pas dans la citation « une aide à domicile dans la limite de 12 heures » ; chaque nombre doit se lire dans la citation de sa source/],
    ['“keep the source” for a new guarantee', addGuarantee({ source: { mode: 'keep' } }), 'INVALID_INPUT', /nouvelle garantie « 3\.11 Aide à domicile après chirurgie ambulatoire » \(assistance\.aide_domicile\.chirurgie_ambulatoire\) : « garder la source » ne s’applique pas à un ajout/],
    ['a new guarantee without text', addGuarantee({ text: ' ' }), 'INVALID_INPUT', /texte : texte vide/],
    ['a new guarantee « non précisée » with quantities', addGuarantee({ status: 'unspecified' }), 'INVALID_INPUT', /« non précisée » n’a pas de quantités \(12\sh, sur\s15\sjours\)/],
    ['a new guarantee with an unknown quantity', addGuarantee({ quantities: { heures: 12 } }), 'INVALID_INPUT', /quantité inconnue heures/],
    ['a new guarantee of an absurd amount', addGuarantee({ quantities: { amountCents: 10_000_000_001 } }), 'INVALID_INPUT', /quantities\.amountCents/],
    ['a new guarantee without formula', addGuarantee({ formulas: [] }), 'INVALID_INPUT', /formules : au moins une, ou « \* » pour toutes/],
    ['a new guarantee of an unknown product', addGuarantee({ productId: 'inconnu' }), 'NOT_FOUND', /Produit inconnu : « inconnu »/],
  ];
  it.each(cases)('%s is refused in French, nothing written', async (_what, payload, code, message) => {
    const h = await harness();
    const before = dbBytes(h.file);
    const error = await refused(h, 'editCatalogue', payload);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    // French, never zod's English
    expect(error.message).not.toMatch(/\b(Invalid|Expected|expected|Unrecognized|Too (big|small))\b/);
    expect(dbBytes(h.file).equals(before)).toBe(true);
  });
});

describe('undo', () => {
  it('restores exactly the values of data/products, one change at a time, newest first', async () => {
    const h = await harness();
    // the store's own reading before any edit (it shares organisation rows between products, so a
    // product reads back with the catalogue's organisations rather than its file's)
    const initial = new Map<string, ProductFile>();
    for (const id of DATA.keys()) initial.set(id, await show(h, id));
    const g = await edit(h, guaranteeEdit());
    const c = await edit(h, cellEdit());
    const l = await edit(h, labelEdit());
    const f = await edit(h, addFormula());
    const v = await edit(h, addVersion());
    const p = await edit(h, addProduct());

    expect(await undo(h, null)).toMatchObject({ undone: p.auditId, productId: 'mutuelle-essai', what: `Annulation : ${p.what}` });
    expect((await ok<{ id: string }[]>(h, 'catalogueList')).map((x) => x.id)).not.toContain('mutuelle-essai');
    // the organisation the product created went with it; its history stays
    expect(await history(h, 'mutuelle-essai')).toHaveLength(2);

    expect((await undo(h, null)).undone).toBe(v.auditId);
    let ip = await show(h, INT);
    expect(ip.versions).toEqual(data(INT).versions);
    expect(ip.versions.find((x) => x.code === '2026')!.effectiveFrom).toBe('2026-01-01');
    expect(ip.versions.find((x) => x.code === '2026')!.effectiveTo).toBeNull();
    expect(ip.tariffs.filter((t) => t.version === '2027')).toEqual([]);
    expect(ip.documents).toEqual(data(INT).documents);

    expect((await undo(h, null)).undone).toBe(f.auditId);
    expect((await show(h, INT)).formulas.map((x) => x.code)).toEqual(data(INT).formulas.map((x) => x.code));

    expect((await undo(h, INT)).undone).toBe(l.auditId);
    expect((await show(h, INT)).formulas.find((x) => x.code === 'securite')!.label).toBe('Sécurité');

    expect((await undo(h, INT)).undone).toBe(c.auditId);
    ip = await show(h, INT);
    expect(ip.tariffs.find((t) => t.version === '2026' && t.formula === 'securite' && t.segment === 'jeune-actif')).toEqual(cell);
    expect(ip).toEqual(initial.get(INT));

    expect((await undo(h, null)).undone).toBe(g.auditId);
    const mp = await show(h, MIE);
    expect(mp.guarantees[homeHelpIndex]).toEqual(homeHelp);
    expect(mp.guarantees[homeHelpIndex]!.quantities).toEqual({ hours: 15, periodDays: 14 });
    expect(mp).toEqual(initial.get(MIE));

    const none = await refused(h, 'undoEdit', { productId: null });
    expect(none).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Rien à annuler/) });
    // every product reads back as before the edits, and no source row was left behind
    for (const id of DATA.keys()) expect(await show(h, id), id).toEqual(initial.get(id));
    const cat = await h.cat();
    expect(cat.db.prepare("SELECT count(*) AS n FROM sources WHERE file IN ('grille:saisie', 'avenant-4.pdf', 'proposition-2027.pdf')").get()).toEqual({ n: 0 });
    expect(cat.db.prepare("SELECT count(*) AS n FROM organisations WHERE id = 'mutuelle-essai'").get()).toEqual({ n: 0 });
  });

  it('is refused when the value was changed by other means since, naming what differs; nothing written', async () => {
    const h = await harness();
    await edit(h, cellEdit());
    const cat = await h.cat();
    // another program (or a restore) changes the same cell
    cat.db.prepare("UPDATE tariff_cells SET amount_cents = 2700 WHERE amount_cents = 2600 AND version_id = (SELECT id FROM versions WHERE product_id = ? AND code = '2026')").run(INT);
    cat.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dbBytes(h.file);
    const error = await refused(h, 'undoEdit', { productId: INT });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/Annulation impossible de « Tarif de .* » : le tarif a changé depuis : montant 27,00\u00a0€ au lieu de 26,00\u00a0€ ; rien n’a été modifié\./);
    expect(dbBytes(h.file).equals(before)).toBe(true);
    expect((await history(h, INT))[0]).toMatchObject({ action: 'edit.tariffCell', undoable: true, undoneBy: null });
  });

  it('refuses to remove a formula something now refers to', async () => {
    const h = await harness();
    await edit(h, addFormula({ productId: MIE, code: 'opt-dentaire', label: 'Option dentaire', formulaKind: 'option' }));
    const cat = await h.cat();
    const changed = cat.db.prepare("UPDATE guarantees SET formula_codes = '[\"opt-dentaire\"]' WHERE id = (SELECT id FROM guarantees WHERE product_id = ? ORDER BY sort LIMIT 1)").run(MIE);
    expect(changed.changes).toBe(1);
    const error = await refused(h, 'undoEdit', { productId: MIE });
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/l’option opt-dentaire sert maintenant à 1 garantie\(s\)/) });
  });

  it('does not go past an import or a saved revision: it says to restore a backup', async () => {
    const h = await harness();
    await edit(h, labelEdit());
    // a saved revision, written as the revise service does (its job runs in a worker in the app)
    const { revise } = await import('../../src/main/services/pricing');
    revise(await h.cat(), { productId: INT, fromAt: '2026-01-01', components: ['PMSS:1.9'], mode: 'additive', effective: '2027-01-01', reference: 'avenant n°4', code: undefined, save: true });
    const error = await refused(h, 'undoEdit', { productId: INT });
    expect(error.code).toBe('NOT_AVAILABLE');
    expect(error.message).toMatch(/est une révision enregistrée : « Annuler » ne défait que les modifications faites dans Grille ; pour revenir avant elle, restaurez une sauvegarde : grille db restore \/ Fichier › Restaurer\./);
    const hist = await history(h, INT);
    expect(hist.map((e) => [e.action, e.undoable])).toEqual([
      ['revision', false],
      ['edit.formulaLabel', false],
    ]);
    // another product's edits are still undone in its own scope
    await edit(h, guaranteeEdit());
    expect((await undo(h, MIE)).productId).toBe(MIE);
  });
});

describe('history', () => {
  it('lists newest first, flags what undo would undo, and which undo undid what', async () => {
    const h = await harness();
    const a = await edit(h, labelEdit());
    const b = await edit(h, cellEdit());
    const u = await undo(h, INT);
    expect(u.undone).toBe(b.auditId);
    const entries = await history(h, INT);
    expect(entries.map((e) => ({ id: e.id, action: e.action, undoable: e.undoable, undoneBy: e.undoneBy }))).toEqual([
      { id: u.auditId, action: 'undo', undoable: false, undoneBy: null },
      { id: b.auditId, action: 'edit.tariffCell', undoable: false, undoneBy: u.auditId },
      { id: a.auditId, action: 'edit.formulaLabel', undoable: true, undoneBy: null },
    ]);
    expect(entries[0]).toMatchObject({ what: `Annulation : ${b.what}`, newValue: { undoes: b.auditId } });
    // the whole catalogue's history holds them too, with the same flags
    const all = await history(h, null);
    expect(all.slice(0, 3).map((e) => e.id)).toEqual([u.auditId, b.auditId, a.auditId]);
    expect(all.find((e) => e.id === a.auditId)!.undoable).toBe(true);
    expect(await refused(h, 'history', { productId: 'inconnu' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refused(h, 'history', { productId: '../x' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refused(h, 'undoEdit', {})).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
