/**
 * Types shared by the pricing engine (quote.ts, mav.ts, revision.ts, impact.ts). Pure.
 *
 * - `Hypothesis`: an assumption the engine made, shown to the user ("hypothèse"): a French statement, the
 *   rule of docs/RULINGS.md it applies (1-5, or null when it is an engine convention such as a version whose start
 *   date is unknown), and the source wording it rests on (`source.quote`, verbatim) when the product gives one.
 * - `RuleRef`: the catalogue rule behind a decision (its type, French text and source).
 * - `Refusal`: something the product cannot take, with the rule that refuses it (`rule`) when there is one.
 * - `MemberInput`: a household member as typed by the user (role, birth "AAAA-MM-JJ" or "AAAA", status).
 * - `VersionRef`: the tariff version used, as shown in an answer.
 */
import type { Role, RuleEntry, Source, Status } from './catalogue-schema';

export type RulingNumber = 1 | 2 | 3 | 4 | 5;

export interface Hypothesis {
  /** stable identifier, e.g. "age-millesime", "gratuite-enfants" */
  code: string;
  /** the rule of docs/RULINGS.md applied (« règle n »), or null for an engine convention */
  ruling: RulingNumber | null;
  /** what was assumed, in French */
  text: string;
  /** the source it rests on (its `quote` is the verbatim wording), or null when the source is silent */
  source: Source | null;
}

export interface RuleRef {
  type: string;
  text: string;
  source: Source;
}

export interface Refusal {
  /** stable identifier, e.g. "age-limite", "sport-hors-liste" */
  code: string;
  /** index of the member in the request, when the refusal is about one member */
  member: number | null;
  /** one clear French sentence */
  message: string;
  /** the catalogue rule that refuses, or null when the refusal is an input error */
  rule: RuleRef | null;
}

export interface MemberInput {
  role: Role;
  /** "AAAA-MM-JJ" or a birth year "AAAA" */
  birth: string;
  /** actif | retraite, where the product needs it */
  status?: Status | null | undefined;
  /** optional display name */
  label?: string | undefined;
}

export interface VersionRef {
  code: string;
  label: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  reference: string | null;
}

export function ruleRef(rule: RuleEntry): RuleRef {
  return { type: rule.type, text: rule.text, source: rule.source };
}

/** Add a hypothesis once (by code and text). */
export function addHypothesis(list: Hypothesis[], h: Hypothesis): void {
  if (!list.some((x) => x.code === h.code && x.text === h.text)) list.push(h);
}
