/**
 * The typed params of the pricing and eligibility rules (docs/DATA-FORMAT.md, "Rule types"), read with zod so
 * the engine takes its numbers from the catalogue, never from code. Pure.
 *
 * API
 * - `ruleParamSchemas`: one zod schema per rule type the engine uses.
 * - `RuleParams<T>`: the params type of rule type T.
 * - `readRules(rules, type)` → `{ rules: { rule, params }[], errors: string[] }`: the rules of that type whose
 *   params are well formed; a malformed one gives a French error (the engine refuses rather than guess).
 */
import { z } from 'zod';
import type { RuleEntry } from './catalogue-schema';
import { formatZodIssues } from './zod-issues';

const nullableAge = z.number().int().min(0).nullable();

export const ruleParamSchemas = {
  'free-children-from-rank': z.object({
    rank: z.number().int().min(1),
    order: z.literal('oldest-first'),
  }),
  'age-basis': z.object({ basis: z.literal('millesime') }),
  'age-limit': z.object({
    role: z.enum(['principal', 'conjoint', 'enfant']),
    minAge: nullableAge.optional().default(null),
    maxAge: nullableAge.optional().default(null),
  }),
  'formula-members': z.object({
    formula: z.string().min(1),
    roles: z.array(z.enum(['principal', 'conjoint', 'enfant'])).min(1),
  }),
  'sports-list': z.object({
    sports: z
      .array(z.object({ code: z.string().min(1), label: z.string().min(1), aerial: z.boolean().optional().default(false) }))
      .min(1),
    otherAerial: z.enum(['refer', 'refuse']).optional().default('refer'),
  }),
  'sports-max': z.object({ perFormula: z.record(z.string(), z.number().int().min(0)) }),
  'sports-surcharge': z.object({
    tiers: z
      .array(z.object({ min: z.number().int().min(1), max: z.number().int().min(1), percent: z.number().min(0) }))
      .min(1),
  }),
  'first-premium-prorata': z.object({ basis: z.literal('months-to-december-inclusive') }),
  installments: z.object({
    periodicities: z.array(z.enum(['annuel', 'semestriel', 'trimestriel', 'mensuel'])).min(1),
  }),
  'option-renunciation': z.object({ option: z.string().min(1) }),
  'premium-includes': z.object({
    assistanceCents: z.number().int().min(0).optional(),
    taxesIncluded: z.boolean().optional(),
  }),
} as const;

export type RuleType = keyof typeof ruleParamSchemas;
export type RuleParams<T extends RuleType> = z.output<(typeof ruleParamSchemas)[T]>;

export interface ReadRule<T extends RuleType> {
  rule: RuleEntry;
  params: RuleParams<T>;
}

export function readRules<T extends RuleType>(
  rules: readonly RuleEntry[],
  type: T,
): { rules: ReadRule<T>[]; errors: string[] } {
  const out: ReadRule<T>[] = [];
  const errors: string[] = [];
  const schema = ruleParamSchemas[type] as unknown as z.ZodType<RuleParams<T>>;
  for (const rule of rules) {
    if (rule.type !== type) continue;
    const parsed = schema.safeParse(rule.params);
    if (parsed.success) out.push({ rule, params: parsed.data });
    else errors.push(`règle « ${type} » mal formée (${formatZodIssues(parsed.error).join('; ')})`);
  }
  return { rules: out, errors };
}
