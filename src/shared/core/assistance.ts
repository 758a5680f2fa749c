/**
 * Assistance late requests (docs/RULINGS.md, règle 6): each convention prorates its cap when the request comes after
 * its deadline, and each illustrates its own counting with a worked example. The rule's params say
 * which counting the product's example shows; this function applies it. Pure.
 */
import { z } from 'zod';
import type { RuleEntry } from './catalogue-schema';

export const lateRequestParamsSchema = z.object({
  category: z.string().min(1),
  categories: z.array(z.string()).optional(),
  deadlineDays: z.number().int().positive(),
  capDays: z.number().int().positive(),
  remaining: z.enum(['cap-minus-day', 'cap-minus-day-plus-one', 'cap-minus-days-late']),
  example: z.object({ callDay: z.number().int().positive(), remainingDays: z.number().int().min(0) }).optional(),
});
export type LateRequestParams = z.infer<typeof lateRequestParamsSchema>;

export interface LateRequestAnswer {
  /** days of the cap that remain available */
  remainingDays: number;
  late: boolean;
  /** the computation in French, with the rule's own wording */
  explanation: string;
}

/** Days left of the cap when the request is made on `callDay` (day 1 = the first day of the event). */
export function lateRequestRemainingDays(params: LateRequestParams, callDay: number): LateRequestAnswer {
  if (!Number.isInteger(callDay) || callDay < 1) throw new RangeError(`jour d'appel invalide : ${callDay}`);
  if (callDay <= params.deadlineDays) {
    return { remainingDays: params.capDays, late: false, explanation: `Demande le jour ${callDay}, dans le délai de ${params.deadlineDays} jours : plafond entier de ${params.capDays} jours.` };
  }
  const raw =
    params.remaining === 'cap-minus-day'
      ? params.capDays - callDay
      : params.remaining === 'cap-minus-day-plus-one'
        ? params.capDays - callDay + 1
        : params.capDays - (callDay - params.deadlineDays);
  const remainingDays = Math.max(0, raw);
  const formula =
    params.remaining === 'cap-minus-day'
      ? `${params.capDays} − ${callDay}`
      : params.remaining === 'cap-minus-day-plus-one'
        ? `${params.capDays} − ${callDay} + 1`
        : `${params.capDays} − (${callDay} − ${params.deadlineDays})`;
  return {
    remainingDays,
    late: true,
    explanation: `Demande le jour ${callDay}, après le délai de ${params.deadlineDays} jours : plafond ramené au prorata des jours restants, ${formula} = ${remainingDays} jour(s).`,
  };
}

/** The late-request rules of a product that apply to a guarantee category. */
export function lateRequestRulesFor(rules: readonly RuleEntry[], category: string): { rule: RuleEntry; params: LateRequestParams }[] {
  const out: { rule: RuleEntry; params: LateRequestParams }[] = [];
  for (const rule of rules) {
    if (rule.type !== 'late-request-prorata') continue;
    const params = lateRequestParamsSchema.parse(rule.params);
    if (params.category === category || params.categories?.includes(category)) out.push({ rule, params });
  }
  return out;
}
