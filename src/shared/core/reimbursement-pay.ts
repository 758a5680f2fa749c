/**
 * What a guarantee's formula pays on one line of a claim, before any cap: one function per kind of cover
 * (reimbursement-cover.ts), each giving the amount in cents and its step as data. Pure.
 * - % of the BR: x % × BR − Sécurité sociale when it is included (never below 0), x % × BR on top of it; plus the
 *   forfait (per unit when the wording says so);
 * - forfait: Sécurité sociale included → forfait − Sécurité sociale; « TM + » → ticket modérateur + forfait; on top
 *   → forfait (per unit when the wording says so);
 * - per day: min(forfait, price of a day) × days;
 * - frais réels and 100 % Santé: price − Sécurité sociale; inside a pooled equipment, whose price is not split
 *   between its lines, the rest of the equipment's price (`remainder`).
 */
import { applyFactor, parseRate, rational, type Cents } from './money';
import type { ActualCover, AmountCover, PayingCover, PercentCover, PerDayCover, PlvCover } from './reimbursement-cover';
import type { TraceStep } from './reimbursement-trace';

/** cents × percent / 100, half-up (exact; docs/RULINGS.md, règle 1). */
export function percentOf(cents: Cents, percent: number): Cents {
  const parsed = parseRate(String(percent));
  if (!parsed.ok) throw new RangeError(`pourcentage invalide : ${percent}`);
  const r = parsed.rate.percent;
  return applyFactor(cents, rational(r.num, r.den * 100n));
}

/** The amounts of one claim line a cover pays on. */
export interface PayBase {
  quantity: number;
  /** price of the line; null inside a pooled basket */
  priceCents: number | null;
  unitPriceCents: number | null;
  brCents: number;
  /** the gross Sécurité sociale amount */
  ssCents: number;
  ticketModerateurCents: number;
}

export interface Pay {
  cents: number;
  /** pays the whole rest of a pooled equipment's price (set once the equipment is summed) */
  remainder: boolean;
  step: TraceStep;
}

function payPercent(c: PercentCover, x: PayBase): Pay {
  const total = percentOf(x.brCents, c.percent);
  const plus = c.plusAmountCents * (c.plusPerUnit ? x.quantity : 1);
  const part = c.includesSS ? Math.max(0, total - x.ssCents) : total;
  const cents = part + plus;
  return { cents, remainder: false, step: { kind: 'pay-percent', percent: c.percent, brCents: x.brCents, totalCents: total, includesSS: c.includesSS, ssCents: x.ssCents, partCents: part, plusCents: plus, cents } };
}

function payAmount(c: AmountCover, x: PayBase): Pay {
  const amount = c.amountCents * (c.perUnit ? x.quantity : 1);
  const cents = c.mode === 'includes-ss' ? Math.max(0, amount - x.ssCents) : c.mode === 'plus-tm' ? x.ticketModerateurCents + amount : amount;
  const times = c.perUnit && x.quantity > 1 ? x.quantity : null;
  return { cents, remainder: false, step: { kind: 'pay-amount', mode: c.mode, unitCents: c.amountCents, times, amountCents: amount, ssCents: x.ssCents, tmCents: x.ticketModerateurCents, cents } };
}

function payPerDay(c: PerDayCover, x: PayBase): Pay {
  const perDay = x.unitPriceCents === null ? c.perDayCents : Math.min(c.perDayCents, x.unitPriceCents);
  const cents = perDay * x.quantity;
  return { cents, remainder: false, step: { kind: 'pay-per-day', perDayCents: c.perDayCents, unitPriceCents: x.unitPriceCents, quantity: x.quantity, cents } };
}

function payRest(c: ActualCover | PlvCover, x: PayBase): Pay {
  if (x.priceCents === null) return { cents: 0, remainder: true, step: { kind: 'pay-rest', cover: c.kind, priceCents: null, ssCents: x.ssCents, cents: 0 } };
  const cents = Math.max(0, x.priceCents - x.ssCents);
  return { cents, remainder: false, step: { kind: 'pay-rest', cover: c.kind, priceCents: x.priceCents, ssCents: x.ssCents, cents } };
}

/** What the cover's formula pays on the line. */
export function payCover(c: PayingCover, x: PayBase): Pay {
  switch (c.kind) {
    case 'percent':
      return payPercent(c, x);
    case 'amount':
      return payAmount(c, x);
    case 'per_day':
      return payPerDay(c, x);
    case 'actual':
    case 'plv':
      return payRest(c, x);
  }
}
