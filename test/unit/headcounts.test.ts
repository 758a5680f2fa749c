import { describe, expect, it } from 'vitest';
import { formatHeadcountError, parseHeadcountsCsv, parseHeadcountsJson } from '../../src/shared/core/headcounts';
import { parseParticipationSpec, participationFor } from '../../src/shared/core/participation';

describe('headcounts CSV', () => {
  it('reads ";" with a BOM and CRLF', () => {
    const r = parseHeadcountsCsv('\uFEFFformule;segment;effectif\r\nsecurite;jeune-actif;10\r\nsecurite;actif;25\r\n\r\n');
    expect(r).toEqual({
      ok: true,
      rows: [
        { formula: 'securite', segment: 'jeune-actif', count: 10, status: null, band: null, line: 2 },
        { formula: 'securite', segment: 'actif', count: 25, status: null, band: null, line: 3 },
      ],
    });
  });
  it('reads "," with quotes, header case and accents, optional statut and tranche', () => {
    const r = parseHeadcountsCsv('Formule,Segment,Effectif,Statut,Tranche\n"essentielle",enfant,4,retraité,\nessentielle,enfant,12,actif,\nessentielle,actif,0,,0-1800\n');
    expect(r.ok && r.rows.map((x) => [x.formula, x.segment, x.count, x.status, x.band])).toEqual([
      ['essentielle', 'enfant', 4, 'retraite', null],
      ['essentielle', 'enfant', 12, 'actif', null],
      ['essentielle', 'actif', 0, null, '0-1800'],
    ]);
  });
  it('reports every error with its line and column, in French', () => {
    const r = parseHeadcountsCsv('formule;segment;effectif\nsecurite;actif;-2\nsecurite;enfant;3,5\nsecurite;retraite;abc\n;actif;1\nsecurite;actif\nsecurite;jeune-actif;4\nsecurite;jeune-actif;5\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[2, 3], [3, 3], [4, 3], [5, 1], [6, null], [8, null]]);
    expect(formatHeadcountError(r.errors[0]!)).toBe('ligne 2, colonne 3: effectif négatif (-2): nombre entier positif ou nul attendu');
    expect(r.errors[1]!.message).toMatch(/non entier/);
    expect(r.errors[4]!.message).toMatch(/2 colonne\(s\) au lieu de 3/);
    expect(r.errors[5]!.message).toMatch(/déjà ligne 7/);
  });
  it('requires the header', () => {
    const missing = parseHeadcountsCsv('securite;actif;3\n');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]).toMatchObject({ line: 1 });
    const noCount = parseHeadcountsCsv('formule;segment\nsecurite;actif\n');
    expect(!noCount.ok && noCount.errors.map((e) => e.message)).toEqual(['en-tête: colonne « effectif » manquante (attendu: formule;segment;effectif)']);
    expect(parseHeadcountsCsv('').ok).toBe(false);
    expect(parseHeadcountsCsv('formule;segment;effectif\n').ok).toBe(false);
    const unknown = parseHeadcountsCsv('formule;segment;effectif;salaire\n');
    expect(!unknown.ok && unknown.errors[0]).toMatchObject({ line: 1, column: 4 });
  });
  it('refuses a bad status', () => {
    const r = parseHeadcountsCsv('formule;segment;effectif;statut\nsecurite;enfant;2;veuf\n');
    expect(!r.ok && r.errors[0]).toMatchObject({ line: 2, column: 4 });
  });
});

describe('headcounts JSON', () => {
  it('reads rows (French or English keys)', () => {
    const r = parseHeadcountsJson([{ formule: 'securite', segment: 'actif', effectif: 3 }, { formula: 'securite', segment: 'enfant', count: '2', status: 'retraite' }]);
    expect(r.ok && r.rows.map((x) => [x.segment, x.count, x.status, x.line])).toEqual([['actif', 3, null, 1], ['enfant', 2, 'retraite', 2]]);
    expect(parseHeadcountsJson({ rows: [{ formule: 'a', segment: 'b', effectif: 0 }] }).ok).toBe(true);
  });
  it('reports errors by element', () => {
    const r = parseHeadcountsJson([{ formule: 'securite', segment: 'actif', effectif: -1 }, { formule: 'securite', segment: 'actif', effectif: 1.5 }, 'x', { formule: 'securite', segment: 'enfant', effectif: 1, couleur: 'bleu' }]);
    expect(!r.ok && r.errors.map((e) => e.line)).toEqual([1, 2, 3, 4]);
    expect(parseHeadcountsJson('nope').ok).toBe(false);
    expect(parseHeadcountsJson([]).ok).toBe(false);
  });
});

describe('participation spec', () => {
  it('flat', () => {
    expect(parseParticipationSpec('15')).toEqual({ ok: true, spec: { kind: 'flat', amountCents: 1500 } });
    expect(parseParticipationSpec('15,50')).toEqual({ ok: true, spec: { kind: 'flat', amountCents: 1550 } });
    expect(parseParticipationSpec('forfait:7.5')).toEqual({ ok: true, spec: { kind: 'flat', amountCents: 750 } });
    expect(parseParticipationSpec('none')).toEqual({ ok: true, spec: { kind: 'none' } });
    expect(parseParticipationSpec('15@jeune-actif,actif')).toEqual({ ok: true, spec: { kind: 'flat', amountCents: 1500, segments: ['jeune-actif', 'actif'] } });
  });
  it('bands by remuneration', () => {
    const r = parseParticipationSpec('bands:remuneration:0-1800=20,1800-2500=15,2500+=10');
    expect(r).toEqual({
      ok: true,
      spec: {
        kind: 'remuneration',
        bands: [
          { key: '0-1800', fromCents: 0, toCents: 180000, amountCents: 2000 },
          { key: '1800-2500', fromCents: 180000, toCents: 250000, amountCents: 1500 },
          { key: '2500+', fromCents: 250000, toCents: null, amountCents: 1000 },
        ],
      },
    });
    if (!r.ok) return;
    expect(participationFor(r.spec, '0-1800')).toEqual({ ok: true, amountCents: 2000, band: '0-1800' });
    expect(participationFor(r.spec, '1800')).toEqual({ ok: true, amountCents: 1500, band: '1800-2500' });
    expect(participationFor(r.spec, '1799,99')).toEqual({ ok: true, amountCents: 2000, band: '0-1800' });
    expect(participationFor(r.spec, '4000')).toEqual({ ok: true, amountCents: 1000, band: '2500+' });
    expect(participationFor(r.spec, null).ok).toBe(false);
    expect(participationFor(r.spec, 'cadre').ok).toBe(false);
    expect(parseParticipationSpec('tranches:rémunération:0-1800=20.5;1800+=10,25')).toMatchObject({ ok: true, spec: { bands: [{ amountCents: 2050 }, { amountCents: 1025 }] } });
  });
  it('bands by family situation', () => {
    const r = parseParticipationSpec('bands:famille:isole=15,couple=20,Famille=25');
    expect(r.ok && r.spec.kind === 'family' && r.spec.bands.map((b) => [b.key, b.amountCents])).toEqual([['isole', 1500], ['couple', 2000], ['famille', 2500]]);
    if (r.ok) {
      expect(participationFor(r.spec, 'Couple')).toEqual({ ok: true, amountCents: 2000, band: 'couple' });
      expect(participationFor(r.spec, 'veuf').ok).toBe(false);
    }
  });
  it.each([
    'abc',
    '-5',
    'bands:remuneration:0-1800=20,1700-2500=15',
    'bands:remuneration:1800+=10,2500+=5',
    'bands:remuneration:2000-1000=5',
    'bands:remuneration:0-1800=x',
    'bands:age:0-30=10',
    'bands:famille:isole=15,isole=20',
    'bands:famille:',
    '15@',
  ])('refuses %j', (text) => {
    const r = parseParticipationSpec(text);
    expect(r.ok).toBe(false);
  });
});
