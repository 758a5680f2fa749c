import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EDIT_LIMITS } from '../../src/shared/core/limits';
import { formatEuros } from '../../src/shared/core/money';
import { EDIT_LIMITS as MAIN_EDIT_LIMITS } from '../../src/main/services/editing';
import { checkCode, checkDocumentSource, checkEuros, checkQuantity, checkText, frDateTime, isUnsourced, quantityInput, simpleValue } from '../../src/renderer/ui/edit-values';
import { slugify } from '../../src/shared/core/slug';
import { changeText } from '../../src/renderer/views/history';
import { problemPlace, reportSummary } from '../../src/renderer/views/import';
import { cellOfColumn } from '../../src/renderer/views/edit-tariff';
import type { TariffCellEntry } from '../../src/shared/core/catalogue-schema';
import type { TariffRow } from '../../src/renderer/views/tariff-table';

const TARIFF = EDIT_LIMITS.tariffCents;

describe('editing fields read by the renderer', () => {
  it('reads euros into integer cents by digits, never by a float product', () => {
    expect(checkEuros('25,14', 'Montant', TARIFF)).toEqual({ ok: true, value: 2514 });
    expect(checkEuros(' 25.14 € ', 'Montant', TARIFF)).toEqual({ ok: true, value: 2514 });
    expect(checkEuros('1 250,5', 'Montant', TARIFF)).toEqual({ ok: true, value: 125050 });
    // 0,29 × 100 = 28.999999999999996 in floating point; the digits give 29
    expect(checkEuros('0,29', 'Montant', TARIFF)).toEqual({ ok: true, value: 29 });
    expect(checkEuros('1,005', 'Montant', TARIFF)).toMatchObject({ ok: false, message: expect.stringMatching(/deux décimales/) });
    expect(checkEuros('-3', 'Montant', TARIFF)).toMatchObject({ ok: false });
    expect(checkEuros('', 'Montant', TARIFF)).toMatchObject({ ok: false, message: expect.stringMatching(/^Montant : indiquez un montant/) });
    expect(checkEuros('2000000', 'Montant', TARIFF)).toMatchObject({ ok: false, message: expect.stringMatching(/invraisemblable/) });
  });

  it('caps a tariff cell and a guarantee amount where the main process does, naming the cap in French', () => {
    // one constant: the limits the main process enforces are the ones the renderer checks
    expect(MAIN_EDIT_LIMITS).toBe(EDIT_LIMITS);
    expect(TARIFF).toBe(10_000_000);
    expect(checkEuros('100 000', 'Montant', TARIFF)).toEqual({ ok: true, value: 10_000_000 });
    expect(checkEuros('100000,01', 'Montant', TARIFF)).toEqual({
      ok: false,
      message: 'Montant : 100\u202f000,01\u00a0€ est invraisemblable (100\u202f000,00\u00a0€ au plus) ; écrivez le montant en euros, ex. 25,14.',
    });
    // what the form used to let through and the main process refused
    expect(checkEuros('999 999', 'Montant', TARIFF)).toMatchObject({ ok: false, message: expect.stringMatching(/\(100\u202f000,00\u00a0€ au plus\)/) });
    // a guarantee amount (a capital) has the main process's own cap, 100 M€
    expect(checkQuantity('amountCents', '2 000 000')).toEqual({ ok: true, value: 200_000_000 });
    expect(checkQuantity('amountCents', '100000000')).toEqual({ ok: true, value: EDIT_LIMITS.quantityCents });
    expect(checkQuantity('amountCents', '100000000,01')).toMatchObject({ ok: false, message: expect.stringMatching(/\(100\u202f000\u202f000,00\u00a0€ au plus\)/) });
    expect(checkQuantity('ageMax', '130')).toEqual({ ok: true, value: 130 });
    expect(checkQuantity('ageMax', '131')).toMatchObject({ ok: false, message: expect.stringMatching(/130 ans au plus/) });
  });

  it('round-trips every amount: shown in the field, read back to the same cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TARIFF }), (cents) => {
        const shown = quantityInput('amountCents', cents);
        expect(checkEuros(shown, 'Montant', TARIFF)).toEqual({ ok: true, value: cents });
        expect(checkEuros(formatEuros(cents), 'Montant', TARIFF)).toEqual({ ok: true, value: cents });
      }),
    );
  });

  it('reads quantities by kind: hours with a comma, whole days, euros in cents; empty removes', () => {
    expect(checkQuantity('hours', '20')).toEqual({ ok: true, value: 20 });
    expect(checkQuantity('hours', '2,5')).toEqual({ ok: true, value: 2.5 });
    expect(checkQuantity('periodDays', '30')).toEqual({ ok: true, value: 30 });
    expect(checkQuantity('periodDays', '14,5')).toMatchObject({ ok: false, message: expect.stringMatching(/entier/) });
    expect(checkQuantity('amountCents', '3 100')).toEqual({ ok: true, value: 310000 });
    expect(checkQuantity('perNightCents', '80,50')).toEqual({ ok: true, value: 8050 });
    expect(checkQuantity('hours', '')).toEqual({ ok: true, value: null });
    expect(checkQuantity('hours', '0')).toMatchObject({ ok: false, message: expect.stringMatching(/supérieure à 0/) });
    expect(checkQuantity('percentBR', '0')).toEqual({ ok: true, value: 0 });
    expect(checkQuantity('percentDiscount', '120')).toMatchObject({ ok: false });
    expect(checkQuantity('hours', 'quinze')).toMatchObject({ ok: false, message: expect.stringMatching(/^Heures « quinze »/) });
    expect(quantityInput('hours', 2.5)).toBe('2,5');
    expect(quantityInput('amountCents', 310000)).toBe('3100');
    expect(quantityInput('amountCents', 2514)).toBe('25,14');
    expect(quantityInput('amountCents', 5)).toBe('0,05');
  });

  it('checks codes, required texts, and makes a product id from its name', () => {
    expect(checkCode(' 2027 ', 'Code')).toEqual({ ok: true, value: '2027' });
    expect(checkCode('renforcée', 'Code')).toMatchObject({ ok: false, message: expect.stringMatching(/sans accent/) });
    expect(checkCode('2026', 'Code', ['2025', '2026'])).toMatchObject({ ok: false, message: expect.stringMatching(/existe déjà/) });
    expect(checkCode('', 'Code')).toMatchObject({ ok: false });
    expect(checkText('  ', 'Libellé')).toMatchObject({ ok: false, message: 'Libellé : ce champ est obligatoire.' });
    expect(slugify('Santé Pro — Île-de-France')).toBe('sante-pro-ile-de-france');
    expect(slugify('  Œuvre « Cœur » 2026 ')).toBe('oeuvre-coeur-2026');
    expect(checkCode(slugify('Mutuelle d’Essai n°1'), 'Identifiant')).toEqual({ ok: true, value: 'mutuelle-d-essai-n-1' });
  });

  it('requires every field of a cited document, lines in order', () => {
    const ok = checkDocumentSource({ file: 'avenant-4.pdf', section: 'art. 3.1', from: '12', to: '14', quote: '« ne pourra excéder 20 heures »' });
    expect(ok).toEqual({ ok: true, value: { mode: 'document', file: 'avenant-4.pdf', section: 'art. 3.1', lines: [12, 14], quote: 'ne pourra excéder 20 heures' } });
    const bad = checkDocumentSource({ file: '', section: ' ', from: '9', to: '3', quote: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['file', 'section', 'to', 'quote']);
    const lines = checkDocumentSource({ file: 'a', section: 'b', from: 'x', to: '0', quote: 'q' });
    if (!lines.ok) expect(lines.errors.map((e) => e.field)).toEqual(['from', 'to']);
    else expect.fail('lines x and 0 accepted');
    expect(checkDocumentSource({ file: 'grille:saisie', section: 'b', from: '1', to: '1', quote: 'q' }).ok).toBe(false);
    expect(checkDocumentSource({ file: 'a', section: 'b', from: '1', to: '1', quote: 'x'.repeat(601) }).ok).toBe(false);
  });

  it('flags a value keyed in without a document', () => {
    expect(isUnsourced({ file: 'grille:saisie' })).toBe(true);
    expect(isUnsourced({ file: '000_9aae189d12a4f87e.txt' })).toBe(false);
    expect(isUnsourced(null)).toBe(false);
  });

  it('shows an audit change when it is simple, dates in fr-FR', () => {
    expect(changeText({ oldValue: '15 h sur 2 semaines', newValue: '20 h sur 30 jours' })).toBe('15 h sur 2 semaines → 20 h sur 30 jours');
    expect(changeText({ oldValue: { amountCents: 2514 }, newValue: { amountCents: 2600 } })).toBe('25,14\u00a0€ → 26,00\u00a0€');
    expect(changeText({ oldValue: null, newValue: { label: 'Renforcée +' } })).toBe('→ Renforcée +');
    expect(changeText({ oldValue: [1, 2], newValue: { x: 1 } })).toBeNull();
    expect(simpleValue({ text: 'abc', quantities: {} })).toBe('abc');
    expect(frDateTime('2026-03-01T13:05:00Z')).toMatch(/^01\/03\/2026 \d\d:05$/);
    expect(frDateTime('pas une date')).toBe('pas une date');
  });

  it('writes where an import problem is, and what an import adds', () => {
    expect(problemPlace({ file: 'essai.xlsx', sheet: 'Tarifs', row: 12, column: 'G (montant (€))', message: 'x' })).toBe('essai.xlsx, feuille Tarifs, ligne 12, colonne G (montant (€))');
    expect(problemPlace({ file: 'essai.json', path: 'products[0].tariffs[3].formula', message: 'x' })).toBe('essai.json, chemin products[0].tariffs[3].formula');
    const report = {
      file: 'essai.json',
      format: 'json' as const,
      dryRun: true,
      written: false,
      products: [{ id: 'essai', name: 'Essai', action: 'create' as const, versions: ['2025', '2026'], guarantees: 40, tariffCells: 24 }],
      categoriesAdded: [],
      warnings: [],
      problems: [],
      backup: null,
    };
    expect(reportSummary(report)).toBe('1 produit créé : 2 versions, 40 garanties, 24 cellules de tarif.');
  });

  it('finds the tariff cell behind a grid column, none behind a Δ', () => {
    const cell = (version: string): TariffCellEntry => ({ version, formula: 'securite', option: '', segment: 'actif', zone: '', amountCents: 2514, period: 'month', source: { file: 'f', section: 's', lines: [1, 1], quote: 'q' } });
    const row: TariffRow = { segment: 'actif', label: 'Actifs', cells: new Map([['securite||', cell('2026')]]), before: new Map([['securite||', cell('2025')]]), changes: new Map() };
    expect(cellOfColumn(row, 'securite||')?.version).toBe('2026');
    expect(cellOfColumn(row, 'securite||:apres')?.version).toBe('2026');
    expect(cellOfColumn(row, 'securite||:avant')?.version).toBe('2025');
    expect(cellOfColumn(row, 'securite||:de')).toBeNull();
    expect(cellOfColumn(row, 'label')).toBeNull();
  });
});
