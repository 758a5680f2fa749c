import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../src/main/catalogue/data-dir';
import { lateRequestParamsSchema, lateRequestRemainingDays, lateRequestRulesFor } from '../../src/shared/core/assistance';
import { quoteShowsNumber } from '../../src/shared/core/provenance';

const products = loadDataDir().products;
const rulesOf = (id: string) => products.find((p) => p.product.id === id)!.rules.filter((r) => r.type === 'late-request-prorata');

describe('assistance late requests (ruling 6): each product with its own worked example', () => {
  // The examples, as each document prints them.
  it('MIE (seed 000 l. 107-111): "en cas d’appel le 9e jour, la garantie est alors plafonnée à 6 jours"', () => {
    const [r] = lateRequestRulesFor(products.find((p) => p.product.id === 'mie-assistance')!.rules, 'assistance.aide_domicile.hospitalisation');
    expect(lateRequestRemainingDays(r!.params, 9).remainingDays).toBe(6);
    expect(lateRequestRemainingDays(r!.params, 7)).toMatchObject({ remainingDays: 14, late: false });
  });

  it('SLM (seed 001): a call on day 8 leaves 22 days of the 30-day cap', () => {
    const [r] = lateRequestRulesFor(products.find((p) => p.product.id === 'slm-assistance')!.rules, 'assistance.aide_domicile.hospitalisation');
    expect(lateRequestRemainingDays(r!.params, 8).remainingDays).toBe(22);
  });

  it('Intériale (seed 003): 10-day cap, a call on day 15 leaves 5 days', () => {
    const [r] = lateRequestRulesFor(products.find((p) => p.product.id === 'interiale-assistance')!.rules, 'assistance.aide_domicile.chirurgie_ambulatoire');
    expect(lateRequestRemainingDays(r!.params, 15).remainingDays).toBe(5);
  });

  it('every rule with an example reproduces it, and the example stands in the rule’s quote', () => {
    let checked = 0;
    for (const p of products) {
      for (const rule of rulesOf(p.product.id)) {
        const params = lateRequestParamsSchema.parse(rule.params);
        if (!params.example) continue;
        expect(lateRequestRemainingDays(params, params.example.callDay).remainingDays, `${p.product.id} ${params.category}`).toBe(params.example.remainingDays);
        expect(quoteShowsNumber(rule.source.quote, params.example.callDay), `${p.product.id}: jour ${params.example.callDay} absent de la citation`).toBe(true);
        expect(quoteShowsNumber(rule.source.quote, params.example.remainingDays), `${p.product.id}: ${params.example.remainingDays} jours absents de la citation`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('never goes below zero days', () => {
    expect(lateRequestRemainingDays({ category: 'x', deadlineDays: 7, capDays: 14, remaining: 'cap-minus-day' }, 40).remainingDays).toBe(0);
  });
});
