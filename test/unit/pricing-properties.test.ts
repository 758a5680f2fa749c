/**
 * Property tests (fast-check): rounding half-up, exact rates, revision then inverse, totals = sums of cells.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseHeadcountsCsv } from '../../src/shared/core/headcounts';
import { computeImpact, tableOfVersion } from '../../src/shared/core/impact';
import { applyFactor, applyFactorBig, deltaPercent, formatEuros, formatEurosIntl, parseRate, rational, roundDiv, roundDivNumber } from '../../src/shared/core/money';
import { quoteHousehold } from '../../src/shared/core/quote';
import { inverseRevision, reviseCells, revisionFactor } from '../../src/shared/core/revision';
import type { MemberInput } from '../../src/shared/core/pricing-types';
import { interialeProduct } from './fixtures/pricing-products';

const bigint = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
const positive = fc.bigInt({ min: 1n, max: 10n ** 9n });

/** A rate string with up to 3 decimals between min and max (in %), e.g. "-12.345", "4". */
const rateString = (min: number, max: number) =>
  fc.tuple(fc.integer({ min: min * 1000, max: max * 1000 }), fc.integer({ min: 0, max: 3 })).map(([thousandths, digits]) => {
    const scale = 10 ** (3 - digits);
    const v = Math.round(thousandths / scale); // value × 10^digits
    const neg = v < 0;
    const s = String(Math.abs(v)).padStart(digits + 1, '0');
    return `${neg ? '-' : ''}${digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s}`;
  });

describe('rounding', () => {
  it('roundDiv is the nearest integer, halves away from zero', () => {
    fc.assert(
      fc.property(bigint, positive, (n, d) => {
        const q = roundDiv(n, d);
        const err = n - q * d; // n/d − q in units of 1/d
        const twice = 2n * (err < 0n ? -err : err);
        if (twice > d) return false; // nearest
        if (twice === d) return (n >= 0n && err < 0n) || (n < 0n && err > 0n) ? true : false; // tie → away from zero
        return true;
      }),
    );
  });
  it('the number path equals the BigInt path', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        return roundDivNumber(n, d) === Number(roundDiv(BigInt(n), BigInt(d)));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.bigInt({ min: -(10n ** 7n), max: 10n ** 7n }), fc.bigInt({ min: 1n, max: 10n ** 8n }), (c, num, den) => {
        const r = rational(num, den);
        return applyFactor(c, r) === applyFactorBig(c, r);
      }),
    );
  });
  it('applying a rate is symmetric for negative amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), rateString(-99, 300), (c, rate) => {
        const f = revisionFactor([{ label: 'x', rate }]);
        if (!f.ok) return true;
        return applyFactor(-c, f.factor) === -applyFactor(c, f.factor);
      }),
    );
  });
  it('deltaPercent is (new − old)/old × 100 within half a hundredth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e8 }), fc.integer({ min: 0, max: 1e8 }), (o, n) => {
        const p = deltaPercent(o, n)!;
        return Math.abs(p - ((n - o) / o) * 100) <= 0.005 + 1e-9;
      }),
    );
  });
});

describe('display', () => {
  it('formatEuros writes exactly what Intl fr-FR EUR writes', () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => formatEuros(c) === formatEurosIntl(c)));
    fc.assert(fc.property(fc.integer({ min: -200_000, max: 200_000 }), (c) => formatEuros(c) === formatEurosIntl(c)));
  });
});

describe('rates', () => {
  it('parseRate reads back what it writes, exactly', () => {
    fc.assert(
      fc.property(rateString(-1000, 1000), (s) => {
        const r = parseRate(s);
        if (!r.ok) return false;
        const again = parseRate(r.rate.text);
        const [i, f = ''] = s.replace('-', '').split('.');
        const expected = rational(BigInt((s.startsWith('-') ? '-' : '') + i + f), 10n ** BigInt(f.length));
        return again.ok && again.rate.percent.num === r.rate.percent.num && again.rate.percent.den === r.rate.percent.den && r.rate.percent.num === expected.num && r.rate.percent.den === expected.den;
      }),
    );
  });
  it('additive and compound agree on one component', () => {
    fc.assert(
      fc.property(rateString(-90, 200), (rate) => {
        const a = revisionFactor([{ label: 'x', rate }], 'additive');
        const c = revisionFactor([{ label: 'x', rate }], 'compound');
        return a.ok && c.ok && a.factor.num === c.factor.num && a.factor.den === c.factor.den;
      }),
    );
  });
});

describe('revision then inverse', () => {
  it('never drifts more than a cent per cell (factors above 1/3: here −60 % … +200 %)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.tuple(rateString(-25, 60)), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('additive' as const, 'compound' as const),
        (amounts, rates, mode) => {
          const r = reviseCells(
            amounts.map((amountCents, i) => ({ formula: 'f', segment: `s${i}`, amountCents, period: 'month' as const })),
            { components: rates.map(([rate], i) => ({ label: `c${i}`, rate })), mode, effectiveFrom: '2027-01-01' },
          );
          if (!r.ok) return true; // factor ≤ 0 refused
          const f = r.result.factor;
          if (f.num * 3n <= f.den) return true; // outside the stated range
          const back = inverseRevision(r.result);
          return back.cells.every((c, i) => Math.abs(c.newCents - amounts[i]!) <= 1);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('every revised cell is the exact product rounded half-up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), rateString(-50, 50), rateString(-50, 50), (c, r1, r2) => {
        const r = reviseCells([{ formula: 'f', segment: 's', amountCents: c, period: 'month' }], { components: [{ label: 'a', rate: r1 }, { label: 'b', rate: r2 }], effectiveFrom: '2027-01-01' });
        if (!r.ok) return true;
        const f = r.result.factor;
        return r.result.cells[0]!.newCents === Number(roundDiv(BigInt(c) * f.num, f.den));
      }),
    );
  });
});

describe('totals = sums of cells', () => {
  const product = interialeProduct();
  const member = fc.oneof(
    fc.record({ role: fc.constant('conjoint' as const), birth: fc.integer({ min: 1940, max: 2005 }).map(String), status: fc.constantFrom('actif' as const, 'retraite' as const) }),
    fc.record({ role: fc.constant('enfant' as const), birth: fc.date({ min: new Date('2000-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) }),
  );
  it('household totals are the sum of the rounded lines, annual = 12 × monthly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2005 }),
        fc.constantFrom('actif' as const, 'retraite' as const),
        fc.array(member, { maxLength: 6 }),
        fc.constantFrom('securite', 'essentielle', 'renforcee'),
        fc.constantFrom('2025-06-01', '2026-06-01'),
        (birth, status, others, formula, at) => {
          const members: MemberInput[] = [{ role: 'principal', birth: String(birth), status }, ...others];
          const q = quoteHousehold(product, formula, { at, members });
          const sum = q.lines.reduce((s, l) => s + (l.amountCents ?? 0), 0);
          const anyMissing = q.lines.some((l) => l.amountCents === null);
          if (anyMissing !== !q.totals.complete) return false;
          if (q.totals.partialMonthlyCents !== sum) return false;
          if (q.totals.complete && (q.totals.monthlyCents !== sum || q.totals.annualCents !== 12 * sum)) return false;
          if (!q.totals.complete && (q.totals.monthlyCents !== null || q.totals.annualCents !== null)) return false;
          // the free children are the youngest from the 3rd on
          const children = q.lines.filter((l) => l.role === 'enfant');
          return children.every((l) => (l.outcome === 'free') === (l.rank! >= 3 && l.cell !== null && l.outcome !== 'non-precise'));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('impact totals are the sums of the lines', () => {
    const segs = ['jeune-actif', 'actif', 'enfant', 'retraite'];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 5000 }), (counts, part) => {
        let csv = 'formule;segment;effectif\n';
        ['securite', 'essentielle', 'renforcee'].forEach((f, i) => segs.forEach((s, j) => (csv += `${f};${s};${counts[i * 4 + j]}\n`)));
        const rows = parseHeadcountsCsv(csv);
        if (!rows.ok) return false;
        const r = computeImpact({ product, before: tableOfVersion(product, '2025'), after: tableOfVersion(product, '2026'), headcounts: rows.rows, participation: { kind: 'flat', amountCents: part } });
        const sum = (k: 'before' | 'after', f: 'monthlyCents' | 'employerMonthlyCents' | 'netMonthlyCents') => r.lines.reduce((s, l) => s + l[k][f]!, 0);
        return (
          r.complete &&
          r.totals.before.monthlyCents === sum('before', 'monthlyCents') &&
          r.totals.after.monthlyCents === sum('after', 'monthlyCents') &&
          r.totals.after.employerMonthlyCents === sum('after', 'employerMonthlyCents') &&
          r.totals.after.netMonthlyCents === sum('after', 'monthlyCents') - sum('after', 'employerMonthlyCents') &&
          r.totals.after.annualCents === 12 * r.totals.after.monthlyCents! &&
          r.lines.every((l) => l.after.employerPerAgentCents! <= l.after.cellCents!)
        );
      }),
      { numRuns: 200 },
    );
  });
});
