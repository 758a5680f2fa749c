/**
 * Eligibility rules shared by household quotes and MAV pricing. Pure.
 *
 * API
 * - `checkEligibility(members, formula, rules, year)` → `{ refusals, errors }`:
 *   `age-limit` rules (age by millésime, bounds inclusive, null = none) and `formula-members` rules (who may be
 *   insured under a formula). Each refusal names the member, the rule (its French text and source) and the numbers.
 *   `errors` lists malformed rules (French), which the caller reports as refusals of the whole quote.
 */
import type { RuleEntry } from './catalogue-schema';
import { memberName, roleLabels, type ResolvedMember } from './members';
import { readRules } from './pricing-rules';
import { ruleRef, type Refusal } from './pricing-types';

function bounds(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `de ${min} à ${max} ans`;
  if (min !== null) return `à partir de ${min} ans`;
  if (max !== null) return `jusqu'à ${max} ans`;
  return 'sans limite';
}

const cache = new WeakMap<
  readonly RuleEntry[],
  { ages: ReturnType<typeof readRules<'age-limit'>>; who: ReturnType<typeof readRules<'formula-members'>> }
>();

/** (The rules are read once per rules array: pass the same array, e.g. from `rulesFor`, to benefit.) */
export function checkEligibility(
  members: readonly ResolvedMember[],
  formula: string,
  rules: readonly RuleEntry[],
  year: number,
): { refusals: Refusal[]; errors: string[] } {
  const refusals: Refusal[] = [];
  let read = cache.get(rules);
  if (!read) {
    read = { ages: readRules(rules, 'age-limit'), who: readRules(rules, 'formula-members') };
    cache.set(rules, read);
  }
  const { ages, who } = read;
  const errors = [...ages.errors, ...who.errors];
  if (ages.rules.length === 0 && who.rules.length === 0) return { refusals, errors };

  const allowed = who.rules.filter((r) => r.params.formula === formula);
  for (const m of members) {
    const deny = allowed.find((r) => !r.params.roles.includes(m.role));
    if (deny) {
      refusals.push({
        code: 'formule-membres',
        member: m.index,
        message: `${memberName(m)}: la formule « ${formula} » n'assure que ${deny.params.roles.map((r) => roleLabels[r]).join(', ')} — ${deny.rule.text}`,
        rule: ruleRef(deny.rule),
      });
      continue;
    }
    for (const r of ages.rules) {
      if (r.params.role !== m.role) continue;
      const { minAge, maxAge } = r.params;
      if ((minAge !== null && m.age < minAge) || (maxAge !== null && m.age > maxAge)) {
        refusals.push({
          code: 'age-limite',
          member: m.index,
          message: `${memberName(m)}: ${m.age} ans en ${year} (différence de millésimes), hors limite d'âge (${roleLabels[m.role]} ${bounds(minAge, maxAge)}) — ${r.rule.text}`,
          rule: ruleRef(r.rule),
        });
        break;
      }
    }
  }
  return { refusals, errors };
}
