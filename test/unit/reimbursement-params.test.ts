/**
 * The dated regulatory parameters (data/parameters/): valid files, every key the simulator uses present, values
 * picked by the date of care, and every value marked "verified" backed by a quote that stands in its seed at the
 * lines given and shows the value. An unverified value says so.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTS, BASKETS } from '../../src/shared/core/reimbursement-acts';
import { buildParamSet, datedValueSchema, parameterFileSchema, pickParam } from '../../src/shared/core/reimbursement-params';
import { loadParameterFiles } from '../../src/main/reimbursement/params-loader';

const loaded = loadParameterFiles(join(process.cwd(), 'data'));

describe('data/parameters', () => {
  it('loads without problems', () => {
    expect(loaded.problems).toEqual([]);
    expect(loaded.files.map((f) => f.family).sort()).toEqual(['bases-remboursement', 'cent-pour-cent-sante', 'contrat-responsable', 'participations', 'taux-securite-sociale']);
  });

  it('holds every parameter the acts, baskets and checks use', () => {
    const keys = new Set<string>(['pf.montant', 'pf.plafond_jour', 'actes_lourds.forfait', 'actes_lourds.seuil', 'cr.non_optam.plafond_depassement', 'cr.non_optam.ecart_minimum', 'ss.taux.hospitalisation']);
    for (const a of ACTS) {
      if (a.ssRate) keys.add(a.ssRate);
      if (a.franchise) {
        keys.add(a.franchise.amount);
        if (a.franchise.dailyCap) keys.add(a.franchise.dailyCap);
      }
      if (a.brDefault && a.brDefault !== 'price') for (const k of Object.values(a.brDefault)) keys.add(k);
      if (a.centSante) {
        keys.add(a.centSante.flag);
        if (a.centSante.plv) keys.add(a.centSante.plv);
      }
      if (a.responsibleUnitCap) keys.add(a.responsibleUnitCap);
    }
    for (const b of BASKETS) for (const l of b.lines) if (typeof l.price === 'object') keys.add(l.price.param);
    const missing = [...keys].filter((k) => !loaded.set!.byKey.has(k));
    expect(missing).toEqual([]);
  });

  it('has the families the issue asks for: SS rates, PF and franchises with caps, heavy acts, daily charge, OPTAM rules, 100 % Santé', () => {
    for (const k of ['ss.taux.honoraires_medicaux', 'ss.taux.pharmacie.ph2', 'ss.taux.dentaire.protheses', 'ss.taux.optique', 'ss.taux.aides_auditives', 'ss.taux.hospitalisation', 'ss.taux.auxiliaires_medicaux', 'pf.plafond_annuel', 'franchise.plafond_annuel', 'actes_lourds.forfait', 'forfait_journalier.hospitalier', 'cr.non_optam.plafond_depassement', 'cent_sante.optique', 'cent_sante.dentaire', 'cent_sante.aides_auditives']) {
      expect(loaded.set!.byKey.has(k), k).toBe(true);
    }
  });

  it('says, for every value, its legal source and whether it was verified; an unverified value says why', () => {
    for (const f of loaded.files) {
      for (const p of f.parameters) {
        for (const v of p.values) {
          expect(v.legal.text.length).toBeGreaterThan(0);
          expect(v.legal.article.length).toBeGreaterThan(0);
          // no legal text could be read here: no reference claims to have been checked
          expect(v.legal.checked).toBe(false);
          if (!v.verified) expect(v.note, p.key).toMatch(/non vérifié/i);
        }
      }
    }
  });

  const verified = loaded.files.flatMap((f) => f.parameters.flatMap((p) => p.values.filter((v) => v.verified).map((v) => ({ p, v }))));

  it('has verified values, each backed by the seed', () => {
    expect(verified.length).toBeGreaterThanOrEqual(20);
  });
});

describe('pickParam', () => {
  const set = loaded.set!;
  it('picks the value in force on the date of care, bounds included', () => {
    expect(pickParam(set, 'pf.montant', '2024-05-14')).toMatchObject({ ok: true, value: 100 });
    expect(pickParam(set, 'pf.montant', '2024-05-15')).toMatchObject({ ok: true, value: 200 });
    expect(pickParam(set, 'ss.taux.dentaire.soins', '2023-09-30')).toMatchObject({ ok: true, value: 70 });
    expect(pickParam(set, 'ss.taux.dentaire.soins', '2023-10-01')).toMatchObject({ ok: true, value: 60 });
    expect(pickParam(set, 'br.consultation.generaliste', '2024-01-01')).toMatchObject({ ok: true, value: 2650 });
  });

  it('says when no value is in force, and when the key is unknown', () => {
    expect(pickParam(set, 'cent_sante.aides_auditives', '2020-12-31')).toMatchObject({ ok: false });
    expect(pickParam(set, 'nope', '2024-01-01')).toMatchObject({ ok: false, message: expect.stringMatching(/inconnu/) });
  });
});

describe('parameter schema', () => {
  const legal = { text: 'Code', article: 'art. 1', dateOfEffect: null, checked: false };
  it('refuses a value marked verified without its seed quote', () => {
    expect(datedValueSchema.safeParse({ value: 1, effectiveFrom: null, effectiveTo: null, legal, verified: true, note: 'x' }).success).toBe(false);
  });

  it('refuses overlapping periods and a checked date outside the period', () => {
    const v = (from: string | null, to: string | null) => ({ value: 1, effectiveFrom: from, effectiveTo: to, legal, verified: false, note: 'non vérifiée' });
    const file = (values: unknown[]) => ({ formatVersion: 1, family: 'x', label: 'x', parameters: [{ key: 'a.b', label: 'a', unit: 'cents', values }] });
    expect(parameterFileSchema.safeParse(file([v(null, '2020-12-31'), v('2021-01-01', null)])).success).toBe(true);
    expect(parameterFileSchema.safeParse(file([v(null, '2021-01-01'), v('2021-01-01', null)])).success).toBe(false);
    expect(parameterFileSchema.safeParse(file([v(null, null), v('2021-01-01', null)])).success).toBe(false);
    const seed = { file: 's.txt', section: 's', lines: [1, 1], quote: 'q' };
    expect(datedValueSchema.safeParse({ ...v('2021-01-01', null), verified: true, seed, checkedAt: '2020-01-01' }).success).toBe(false);
  });

  it('refuses a key defined in two files', () => {
    const f = (family: string) => parameterFileSchema.parse({ formatVersion: 1, family, label: 'x', parameters: [{ key: 'a.b', label: 'a', unit: 'percent', values: [{ value: 1, effectiveFrom: null, effectiveTo: null, legal, verified: false, note: 'non vérifiée' }] }] });
    expect(buildParamSet([f('un'), f('deux')])).toMatchObject({ ok: false });
  });
});
