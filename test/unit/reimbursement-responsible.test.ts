/**
 * Contrat-responsable checks on a guarantee grid: the non-OPTAM dépassement cover is at most 100 % of the BR
 * and at least 20 points of BR below the OPTAM cover (parameters cr.non_optam.*, not verified against the
 * legal text here: the report says so).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productFileSchema } from '../../src/shared/core/catalogue-schema';
import { checkResponsibleGrid } from '../../src/shared/core/reimbursement';
import { healthProduct, realParams, type G } from './reimbursement-fixtures';

const params = realParams();
const C = 'sante.soins_courants.consultation';

function check(gs: G[], date = '2024-01-01') {
  const outcome = checkResponsibleGrid(params, healthProduct(gs, ['A']), date);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

const pct = (category: string, percentBR: number, text = `${percentBR} % BR (Sécurité sociale incluse)`): G => ({ category, status: 'covered', quantities: { percentBR }, text });

describe('checkResponsibleGrid', () => {
  it('passes a grid within both limits', () => {
    const r = check([pct(`${C}.optam`, 300), pct(`${C}.non_optam`, 200)]);
    expect(r.violations).toEqual([]);
    expect(r.findings[0]).toMatchObject({ status: 'conforme', optamPoints: 200, nonOptamPoints: 100, limitPoints: 100 });
  });

  it('reports a non-OPTAM cover above 100 % of the BR', () => {
    const r = check([pct(`${C}.optam`, 400), pct(`${C}.non_optam`, 250)]);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]!.message).toMatch(/150 % de la BR, au-delà du plafond de 100 % de la BR/);
  });

  it('reports a non-OPTAM cover less than 20 points below the OPTAM cover', () => {
    const r = check([pct(`${C}.optam`, 150), pct(`${C}.non_optam`, 140)]);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ optamPoints: 50, nonOptamPoints: 40, limitPoints: 30 });
    expect(r.violations[0]!.message).toMatch(/écart de 10 points, il en faut au moins 20/);
  });

  it('reads a percentage outside the Sécurité sociale with the Sécurité sociale rate (70 % for consultations)', () => {
    const r = check([pct(`${C}.optam`, 200, '200 % BR en plus de la Sécurité sociale'), pct(`${C}.non_optam`, 130, '130 % BR en plus de la Sécurité sociale')]);
    // OPTAM: 200 + 70 − 100 = 170 points; non-OPTAM: 130 + 70 − 100 = 100 points
    expect(r.findings[0]).toMatchObject({ status: 'conforme', optamPoints: 170, nonOptamPoints: 100 });
  });

  it('accepts the ticket modérateur alone on both lines (no dépassement covered)', () => {
    expect(check([pct(`${C}.optam`, 100), pct(`${C}.non_optam`, 100)]).findings[0]!.status).toBe('conforme');
  });

  it('says « non vérifiable » when the grid does not give the non-OPTAM rate, never « conforme »', () => {
    const r = check([pct(`${C}.optam`, 200), { category: `${C}.non_optam`, status: 'covered', quantities: {}, text: 'TM + dépassements (taux non précisé)' }]);
    expect(r.findings[0]!.status).toBe('non_verifiable');
  });

  it('uses the limits in force at the date: 125 % of the BR in 2016', () => {
    const gs = [pct(`${C}.optam`, 400), pct(`${C}.non_optam`, 225)];
    expect(check(gs, '2016-06-01').violations).toEqual([]);
    expect(check(gs, '2017-01-01').violations).toHaveLength(1);
  });

  it('reports the unverified limits it used as hypotheses', () => {
    const r = check([pct(`${C}.optam`, 300), pct(`${C}.non_optam`, 200)]);
    expect(r.parameters.find((p) => p.key === 'cr.non_optam.plafond_depassement')).toMatchObject({ value: 100, verified: false });
    expect(r.hypotheses.some((h) => h.code === 'parametre-non-verifie')).toBe(true);
  });

  it('on the Assur-BP grid: the non-OPTAM rates are not in the notice, so every check is « non vérifiable » and none is a violation', () => {
    const p = productFileSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'data', 'products', 'assurbp-sante-pro.json'), 'utf8')));
    const outcome = checkResponsibleGrid(params, p, '2024-01-01');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.report.violations).toEqual([]);
    expect(outcome.report.findings.length).toBe(12); // 4 formulas × (consultations, radiology, hospital fees)
    expect(new Set(outcome.report.findings.map((f) => f.status))).toEqual(new Set(['non_verifiable']));
  });
});
