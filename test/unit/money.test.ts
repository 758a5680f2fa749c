import { describe, expect, it } from 'vitest';
import {
  applyFactor,
  applyFactorBig,
  deltaPercent,
  factorFromPercent,
  formatEuros,
  formatFactor,
  formatPercent,
  formatRationalPercent,
  formatSignedEuros,
  inverse,
  parseEuros,
  parseRate,
  rational,
  roundDiv,
  roundDivNumber,
} from '../../src/shared/core/money';
import { dayBefore, formatDateFr, isIsoDate, parseBirth } from '../../src/shared/core/dates';

describe('parseRate', () => {
  it.each([
    ['1.9', 19n, 10n, '1.9'],
    ['4', 4n, 1n, '4'],
    ['-4', -4n, 1n, '-4'],
    ['+4', 4n, 1n, '4'],
    ['5,9', 59n, 10n, '5.9'],
    ['1,9 %', 19n, 10n, '1.9'],
    [' 0.25 ', 1n, 4n, '0.25'],
    ['-0', 0n, 1n, '0'],
    ['007.50', 15n, 2n, '7.50'],
  ])('%s', (text, num, den, norm) => {
    const r = parseRate(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rate.percent).toEqual({ num, den });
    expect(r.rate.text).toBe(norm);
    expect(r.rate.text).toMatch(/^-?\d+(\.\d+)?$/); // revisionComponentSchema
  });
  it.each(['abc', '', '1.2.3', '1e3', 'Infinity', 'NaN', '.5', '5.', '--1', '1,9,1'])('refuses %j', (text) => {
    const r = parseRate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/taux invalide/);
  });
});

describe('rounding half-up (halves away from zero)', () => {
  it('roundDiv', () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(roundDiv(5n, 3n)).toBe(2n);
    expect(roundDiv(-4n, 3n)).toBe(-1n);
    expect(roundDiv(7n, -2n)).toBe(-4n);
  });
  it('roundDivNumber', () => {
    expect(roundDivNumber(5, 2)).toBe(3);
    expect(roundDivNumber(-5, 2)).toBe(-3);
    expect(roundDivNumber(-1, 3)).toBe(0);
    expect(Object.is(roundDivNumber(-1, 3), -0)).toBe(false);
    expect(roundDivNumber(19350, 12)).toBe(1613); // 1612,5 → 1613
  });
  it('applyFactor: the Intériale cells × 1,059 (fact sheet §6)', () => {
    const f = rational(1059n, 1000n);
    expect(applyFactor(2374, f)).toBe(2514); // 25,14066
    expect(applyFactor(3405, f)).toBe(3606); // 36,05895
    expect(applyFactor(10830, f)).toBe(11469); // 114,6897
    expect(applyFactor(-2374, f)).toBe(-2514);
    expect(applyFactor(50, rational(1n, 100n))).toBe(1); // 0,5 → 1
    expect(applyFactor(-50, rational(1n, 100n))).toBe(-1);
  });
  it('applyFactor: BigInt path for huge amounts agrees', () => {
    const f = rational(105976n, 100000n);
    const big = 9_000_000_000_000;
    expect(applyFactor(big, f)).toBe(applyFactorBig(big, f));
    expect(() => applyFactor(1.5, f)).toThrow();
  });
});

describe('deltaPercent', () => {
  it('2 decimals, exact', () => {
    expect(deltaPercent(2374, 2514)).toBe(5.9); // 5,8972 %
    expect(deltaPercent(1353, 1433)).toBe(5.91); // 5,9128 %
    expect(deltaPercent(2514, 2374)).toBe(-5.57);
    expect(deltaPercent(0, 10)).toBeNull();
    expect(deltaPercent(3, 4)).toBe(33.33);
    expect(deltaPercent(3, 5)).toBe(66.67);
  });
});

describe('factors', () => {
  it('factorFromPercent and inverse', () => {
    expect(factorFromPercent(rational(59n, 10n))).toEqual({ num: 1059n, den: 1000n });
    expect(inverse(rational(1059n, 1000n))).toEqual({ num: 1000n, den: 1059n });
    expect(formatFactor(rational(1059n, 1000n))).toBe('1,059');
    expect(formatFactor(rational(1000n, 1059n))).toBe('≈\u00a00,94428706');
    expect(formatRationalPercent(rational(59n, 10n))).toBe('5,9\u00a0%');
    expect(formatRationalPercent(rational(-1n, 3n))).toBe('≈\u00a0-0,3333\u00a0%');
  });
});

describe('formatting (fr-FR)', () => {
  it('euros', () => {
    expect(formatEuros(2514)).toBe('25,14\u00a0€');
    expect(formatEuros(11469)).toBe('114,69\u00a0€');
    expect(formatEuros(123456)).toBe('1\u202f234,56\u00a0€');
    expect(formatSignedEuros(140)).toBe('+1,40\u00a0€');
    expect(formatSignedEuros(-140)).toBe('-1,40\u00a0€');
    expect(formatPercent(5.9)).toBe('5,90\u00a0%');
    expect(formatPercent(null)).toBe('non calculable');
  });
  it('parseEuros', () => {
    expect(parseEuros('15')).toBe(1500);
    expect(parseEuros('15,5')).toBe(1550);
    expect(parseEuros('15.50')).toBe(1550);
    expect(parseEuros('1 234,56 €')).toBe(123456);
    expect(parseEuros('-3')).toBeNull();
    expect(parseEuros('1,234')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
  });
  it('dates', () => {
    expect(formatDateFr('2026-01-01')).toBe('01/01/2026');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(parseBirth('1990')).toEqual({ year: 1990, iso: null });
    expect(parseBirth('1990-05-10')).toEqual({ year: 1990, iso: '1990-05-10' });
    expect(parseBirth('1990-02-30')).toBeNull();
    expect(parseBirth('90')).toBeNull();
  });
});
