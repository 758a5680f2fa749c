import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';
import { compare, CompareError, rankRow, type ComparisonCell, type ComparisonRow } from '../../src/shared/core/compare';
import { formatCents, formatQuantities, formatQuantity } from '../../src/shared/core/format';
import { interiale, interialeSante, mav, mie, slm, taxonomy } from './compare-fixtures';

const row = (rows: ComparisonRow[], key: string): ComparisonRow => {
  const r = rows.find((x) => x.key === key);
  if (!r) throw new Error(`ligne ${key} absente : ${rows.map((x) => x.key).join(', ')}`);
  return r;
};

const three = () =>
  compare({
    columns: [
      { product: mie, formula: 'base' },
      { product: slm, formula: 'base' },
      { product: interiale, formula: 'base' },
    ],
    taxonomy,
    at: '2026-03-01',
  });

describe('comparison model: the three IMA conventions', () => {
  it('lists categories in taxonomy order with a group row for every ancestor', () => {
    const m = three();
    expect(m.rows.map((r) => [r.type, r.key])).toEqual([
      ['group', 'assistance'],
      ['category', 'assistance.transmission_messages'],
      ['group', 'assistance.aide_domicile'],
      ['category', 'assistance.aide_domicile.hospitalisation'],
      ['category', 'assistance.aide_domicile.chirurgie_ambulatoire'],
      ['category', 'assistance.hebergement_proche'],
    ]);
    expect(row(m.rows, 'assistance.aide_domicile').label).toBe('Aide à domicile');
    expect(row(m.rows, 'assistance.aide_domicile').depth).toBe(1);
    expect(row(m.rows, 'assistance.aide_domicile').hasChildren).toBe(true);
    expect(row(m.rows, 'assistance.aide_domicile.hospitalisation').depth).toBe(2);
    expect(m.counts).toEqual({ categories: 4, shown: 4, differing: 4 });
  });

  it('reads home help after hospitalisation: 15 h (MIE, seed 000 l.241) against 30 h (SLM l.170, Intériale l.604)', () => {
    const r = row(three().rows, 'assistance.aide_domicile.hospitalisation');
    expect(r.cells.map((c) => c.text)).toEqual(['15 h sur 2 semaines', '30 h sur 30 jours, 2 h min.', '30 h sur 30 jours, 2 h min.']);
    expect(r.figure?.kind).toBe('hours');
    expect(r.figure?.label).toBe('heures');
    expect(r.figure?.values).toEqual([15, 30, 30]);
    expect(r.best).toEqual([1, 2]);
    expect(r.worst).toEqual([0]);
    expect(r.differs).toBe(true);
    expect(r.cells[0]!.quantities).toEqual({ hours: 15, periodDays: 14 });
    expect(r.cells[0]!.derived).toEqual(['periodDays']);
    expect(r.cells[0]!.trigger).toMatch(/plus de 2 jours/);
    expect(r.cells[1]!.trigger).toMatch(/immobilisation imprévue de plus de 5 jours/);
    expect(r.cells[2]!.sources[0]).toMatchObject({ file: '003_7b883febf65126a3.txt', lines: [604, 604], documentId: 'annexe-2' });
    expect(r.cells[0]!.sources[0]!.documentTitle).toBe('Garanties d’assistance à domicile (MIE)');
  });

  it('shows "non précisé" where a column has no entry, never ranks it, and flags the difference', () => {
    const m = three();
    const messages = row(m.rows, 'assistance.transmission_messages');
    expect(messages.cells.map((c) => [c.status, c.present, c.text])).toEqual([
      ['covered', true, 'Messages urgents transmis à la famille'],
      ['covered', true, 'Messages urgents transmis à la famille'],
      ['unspecified', false, 'non précisé'],
    ]);
    expect(messages.figure).toBeNull();
    expect(messages.best).toEqual([]);
    expect(messages.worst).toEqual([]);
    expect(messages.differs).toBe(true);

    const ambulatory = row(m.rows, 'assistance.aide_domicile.chirurgie_ambulatoire');
    expect(ambulatory.cells.map((c) => c.text)).toEqual(['non précisé', '10 h sur 10 jours, 2 h min.', 'non précisé']);
    expect(ambulatory.figure?.values).toEqual([null, 10, null]);
    expect(ambulatory.best).toEqual([]);
  });

  it('compares on the quantity all covered cells share (2 nights: SLM 50 € per night, Intériale 100 € for 2 nights)', () => {
    const r = row(three().rows, 'assistance.hebergement_proche');
    expect(r.figure?.kind).toBe('nights');
    expect(r.figure?.values).toEqual([null, 2, 2]);
    expect(r.best).toEqual([]);
    expect(r.worst).toEqual([]);
    expect(r.differs).toBe(true);
  });

  it('same status and text in every column is not a difference', () => {
    const m = compare({ columns: [{ product: mie, formula: 'base' }, { product: slm, formula: 'base' }], taxonomy });
    expect(row(m.rows, 'assistance.transmission_messages').differs).toBe(false);
    const diff = compare({ columns: [{ product: mie, formula: 'base' }, { product: slm, formula: 'base' }], taxonomy, filter: { differencesOnly: true } });
    expect(diff.rows.map((r) => r.key)).toEqual([
      'assistance',
      'assistance.aide_domicile',
      'assistance.aide_domicile.hospitalisation',
      'assistance.aide_domicile.chirurgie_ambulatoire',
      'assistance.hebergement_proche',
    ]);
    expect(diff.counts).toEqual({ categories: 4, shown: 3, differing: 3 });
  });
});

describe('comparison model: filters', () => {
  const cols = [
    { product: mie, formula: 'base' },
    { product: slm, formula: 'base' },
    { product: interiale, formula: 'base' },
  ];
  it('keeps a taxonomy prefix and the group rows above it', () => {
    const m = compare({ columns: cols, taxonomy, filter: { category: 'assistance.aide_domicile' } });
    expect(m.rows.map((r) => r.key)).toEqual([
      'assistance',
      'assistance.aide_domicile',
      'assistance.aide_domicile.hospitalisation',
      'assistance.aide_domicile.chirurgie_ambulatoire',
    ]);
    expect(compare({ columns: cols, taxonomy, filter: { category: 'assistance.aide' } }).rows).toEqual([]);
  });

  it('searches labels and cell texts, accents and case ignored, every word required', () => {
    expect(compare({ columns: cols, taxonomy, filter: { search: 'HEBERGEMENT' } }).rows.map((r) => r.key)).toEqual(['assistance', 'assistance.hebergement_proche']);
    expect(compare({ columns: cols, taxonomy, filter: { search: 'semaines' } }).rows.map((r) => r.key)).toEqual([
      'assistance',
      'assistance.aide_domicile',
      'assistance.aide_domicile.hospitalisation',
    ]);
    expect(compare({ columns: cols, taxonomy, filter: { search: 'immobilisation 5 jours' } }).rows.map((r) => r.key)).toContain('assistance.aide_domicile.hospitalisation');
    expect(compare({ columns: cols, taxonomy, filter: { search: 'semaines parapente' } }).rows).toEqual([]);
  });
});

describe('comparison model: versions, options, mixed kinds', () => {
  it('takes the version in force at the date, else the latest, or the one asked for', () => {
    const at = (d: string | null) => compare({ columns: [{ product: interialeSante, formula: 'securite' }], taxonomy, at: d }).columns[0]!;
    expect(at('2025-06-01')).toMatchObject({ version: '2025', versionChoice: 'in-force' });
    expect(at('2025-12-31')).toMatchObject({ version: '2025', versionChoice: 'in-force' });
    expect(at('2026-01-01')).toMatchObject({ version: '2026', versionChoice: 'in-force' });
    expect(at(null)).toMatchObject({ version: '2026', versionChoice: 'latest' });
    const explicit = compare({ columns: [{ product: interialeSante, formula: 'securite', version: '2025' }], taxonomy, at: '2026-06-01' });
    expect(explicit.columns[0]).toMatchObject({ version: '2025', versionChoice: 'explicit', formulaLabel: 'Sécurité' });
    expect(explicit.assumptions[0]).toMatch(/Cotisations 2025.*version demandée/);
  });

  it('refuses an unknown formula, option or version with the known codes', () => {
    expect(() => compare({ columns: [{ product: mie, formula: 'F9' }], taxonomy })).toThrow(CompareError);
    expect(() => compare({ columns: [{ product: mie, formula: 'F9' }], taxonomy })).toThrow(/formule « F9 » inconnue \(formules : base\)/);
    expect(() => compare({ columns: [{ product: interialeSante, formula: 'securite', version: '2027' }], taxonomy })).toThrow(/versions : 2025, 2026/);
    expect(() => compare({ columns: [{ product: mie, formula: 'base', option: '1' }], taxonomy })).toThrow(/n’a pas d’option/);
  });

  it('mixes a MAV (formula + option) with an assistance; an exclusion is the worst column', () => {
    const m = compare({
      columns: [
        { product: mav, formula: 'individuelle', option: '1' },
        { product: mav, formula: 'familiale', option: '2' },
        { product: slm, formula: 'base' },
      ],
      taxonomy,
    });
    expect(m.columns.map((c) => c.label)).toEqual([
      'BPCE — Multirisque des Accidents de la Vie — Formule individuelle + Option 1 (IP ≥ 5 %) — Notice (non datée)',
      'BPCE — Multirisque des Accidents de la Vie — Formule familiale + Option 2 (IP ≥ 10 %) — Notice (non datée)',
      'SLM — Assistance santé individuelle — Formule unique — Notice (non datée)',
    ]);
    const keys = m.rows.map((r) => r.key);
    // product categories without an order come after the taxonomy's, in the order the product lists them
    expect(keys.slice(keys.indexOf('mav'))).toEqual(['mav', 'mav.seuil_ip', 'mav.sports_risque', 'mav.accidents_circulation']);
    expect(row(m.rows, 'mav').type).toBe('group');
    expect(row(m.rows, 'mav.seuil_ip').cells.map((c) => c.text)).toEqual(['IP ≥ 5 %', 'IP ≥ 10 %', 'non précisé']);
    const sports = row(m.rows, 'mav.sports_risque');
    expect(sports.figure).toMatchObject({ kind: 'count', values: [3, 5, null] });
    expect(sports.best).toEqual([1]);
    expect(sports.worst).toEqual([0]);
    const traffic = row(m.rows, 'mav.accidents_circulation');
    expect(traffic.cells.map((c) => c.status)).toEqual(['not_covered', 'not_covered', 'unspecified']);
    expect(traffic.best).toEqual([]);
    expect(traffic.differs).toBe(true);
  });
});

describe('rankRow', () => {
  const cell = (status: ComparisonCell['status'], quantities: ComparisonCell['quantities'] = {}, text = 'x'): ComparisonCell => ({
    status,
    text,
    present: true,
    label: null,
    quantities,
    derived: [],
    trigger: null,
    beneficiary: null,
    conditions: null,
    sources: [],
  });
  it('a covered column beats a not covered one, with or without a figure', () => {
    expect(rankRow([cell('covered', { hours: 15 }), cell('not_covered'), cell('covered', { hours: 30 })])).toMatchObject({ best: [2], worst: [1], differs: true });
    expect(rankRow([cell('covered'), cell('not_covered')])).toMatchObject({ figure: null, best: [0], worst: [1] });
  });
  it('no figure when covered cells do not share a quantity; equal figures rank nobody', () => {
    expect(rankRow([cell('covered', { hours: 15 }), cell('covered', { amountCents: 10000 })])).toMatchObject({ figure: null, best: [], worst: [], differs: true });
    expect(rankRow([cell('covered', { hours: 30 }, 'a'), cell('covered', { hours: 30 }, 'b')])).toMatchObject({ best: [], worst: [], differs: false });
  });
  it('prefers hours over the period when both are shared', () => {
    expect(rankRow([cell('covered', { hours: 15, periodDays: 14 }), cell('covered', { hours: 30, periodDays: 30 })]).figure?.kind).toBe('hours');
  });
});

describe('French formats', () => {
  it('writes quantities the way the documents read', () => {
    expect(formatQuantity('hours', 15)).toBe('15\u00a0h');
    expect(formatCents(310000)).toBe('3\u202f100\u00a0€');
    expect(formatCents(2514)).toBe('25,14\u00a0€');
    expect(formatQuantity('percentBR', 170)).toBe('170\u00a0%\u00a0BR');
    expect(formatQuantity('nights', 2)).toBe('2\u00a0nuits');
    expect(formatQuantity('days', 1)).toBe('1\u00a0jour');
    expect(formatQuantities({ hours: 30, minHoursPerVisit: 2, periodDays: 30 })).toBe('30\u00a0h, 2\u00a0h min. par intervention, sur 30\u00a0jours');
    expect(formatQuantities({ amountCents: 10000, nights: 2 })).toBe('100\u00a0€, 2\u00a0nuits');
  });
});

describe('the default catalogue files', () => {
  const data = loadDataDir();
  const load = (id: string): ProductFile => {
    const product = data.products.find((p) => p.product.id === id);
    if (!product) throw new Error(`data/products/${id}.json absent ou invalide`);
    return product;
  };

  it('MIE 15 h against SLM and Intériale 30 h for home help after hospitalisation, with their triggers', () => {
    const files = ['mie-assistance', 'slm-assistance', 'interiale-assistance'].map(load);
    const m = compare({
      columns: files.map((product) => ({ product, formula: product.formulas.find((f) => f.kind === 'formula')!.code })),
      taxonomy: data.taxonomy.categories,
      at: '2026-01-15',
    });
    const r = row(m.rows, 'assistance.aide_domicile.hospitalisation');
    expect(r.figure?.kind).toBe('hours');
    expect(r.figure?.values).toEqual([15, 30, 30]);
    expect(r.best).toEqual([1, 2]);
    expect(r.worst).toEqual([0]);
    for (const c of r.cells) {
      expect(c.status).toBe('covered');
      expect(c.trigger).toMatch(/hospitalisation/i);
      expect(c.sources).toHaveLength(1);
    }
    expect(r.cells[0]!.sources[0]!.file).toBe('000_9aae189d12a4f87e.txt');
    expect(r.cells[0]!.text).toMatch(/15 h/);
    expect(r.cells[1]!.text).toMatch(/30 h/);
    // every group row is followed by its own categories
    for (let i = 0; i < m.rows.length; i++) {
      const g = m.rows[i]!;
      if (g.type === 'group') expect(m.rows[i + 1]?.key.startsWith(`${g.key}.`)).toBe(true);
    }
  });
});
