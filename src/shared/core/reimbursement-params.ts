/**
 * Dated regulatory parameters of the reimbursement simulator (data/parameters/*.json). Pure: zod and types only.
 *
 * A file holds one family (Sécurité sociale rates, participations and franchises, contrat responsable rules,
 * 100 % Santé baskets, bases de remboursement). A parameter (`key`, French `label`, `unit`) has dated values;
 * the value in force on the date of care is the one with effectiveFrom ≤ date ≤ effectiveTo (both inclusive, a
 * null bound open). Every value says:
 * - `legal`: the legal text, article and date of effect it comes from, and whether that reference was checked
 *   against the text (`checked`: there is no access to the legal texts here, so it is false everywhere);
 * - `verified`: whether the VALUE was checked against a source document at hand. A verified value cites the seed
 *   (`seed`: file, section, lines, verbatim quote showing the value, checked by test/unit/reimbursement-params)
 *   and the date of care the document vouches for (`checkedAt`); the dates bounding it may still come from
 *   memory, the `note` says so. An unverified value says why in its `note`, and the engine reports it as a
 *   hypothesis whenever it uses it.
 *
 * Units: `percent` (70 = 70 %), `cents` (integer), `months`, `points` (percentage points of the BR), `flag`
 * (1 = the measure exists from effectiveFrom). `derived` explains a value written in words (« deux ans » → 24).
 *
 * API
 * - `parameterFileSchema`, `ParameterFile`, `Parameter`, `DatedValue`.
 * - `buildParamSet(files)` → `{ ok: true, set }` | `{ ok: false, problems }` (duplicate keys, overlaps).
 * - `pickParam(set, key, date)` → `{ ok: true, param, value, entry }` | `{ ok: false, message }`.
 */
import { z } from 'zod';
import { isoDate, sourceSchema } from './catalogue-schema';

export const paramUnits = ['percent', 'cents', 'months', 'points', 'flag'] as const;
export type ParamUnit = (typeof paramUnits)[number];

export const legalReferenceSchema = z
  .object({
    /** the legal text: "Code de la sécurité sociale", "décret n° 2019-21 du 11 janvier 2019"… */
    text: z.string().min(1),
    /** the article, or what part of the text */
    article: z.string().min(1),
    /** when the value took effect according to that text (null: not known) */
    dateOfEffect: isoDate.nullable(),
    /** whether this reference was read in the text itself (no access to the legal texts here: false) */
    checked: z.boolean(),
  })
  .strict();
export type LegalReference = z.infer<typeof legalReferenceSchema>;

export const datedValueSchema = z
  .object({
    value: z.number().nonnegative(),
    effectiveFrom: isoDate.nullable(),
    effectiveTo: isoDate.nullable(),
    legal: legalReferenceSchema,
    verified: z.boolean(),
    /** the seed passage that states the value (required when verified) */
    seed: sourceSchema.optional(),
    /** the date of care the seed vouches for (required when verified) */
    checkedAt: isoDate.optional(),
    /** why a value written in words has this number (« deux ans » → 24 months) */
    derived: z.string().min(1).optional(),
    /** what was checked and what was not, in French */
    note: z.string().min(1),
  })
  .strict()
  .refine((v) => !v.verified || (v.seed !== undefined && v.checkedAt !== undefined), {
    message: 'valeur « verified » sans citation de la source (seed) ou sans date vérifiée (checkedAt)',
  })
  .refine((v) => v.effectiveFrom === null || v.effectiveTo === null || v.effectiveFrom <= v.effectiveTo, {
    message: 'effectiveFrom après effectiveTo',
  })
  .refine(
    (v) =>
      v.checkedAt === undefined ||
      ((v.effectiveFrom === null || v.effectiveFrom <= v.checkedAt) && (v.effectiveTo === null || v.checkedAt <= v.effectiveTo)),
    { message: 'checkedAt hors de la période de la valeur' },
  );
export type DatedValue = z.infer<typeof datedValueSchema>;

export const parameterSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'clé attendue : mots séparés par des points'),
    label: z.string().min(1),
    unit: z.enum(paramUnits),
    values: z.array(datedValueSchema).min(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.unit === 'cents' || p.unit === 'months' || p.unit === 'flag') {
      p.values.forEach((v, i) => {
        if (!Number.isInteger(v.value)) ctx.addIssue({ code: 'custom', path: ['values', i, 'value'], message: `valeur entière attendue (${p.unit})` });
      });
    }
    const sorted = [...p.values].sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (prev.effectiveTo === null || cur.effectiveFrom === null || cur.effectiveFrom <= prev.effectiveTo) {
        ctx.addIssue({ code: 'custom', path: ['values'], message: `périodes qui se chevauchent (${prev.effectiveFrom ?? '…'} – ${prev.effectiveTo ?? '…'} et ${cur.effectiveFrom ?? '…'} – ${cur.effectiveTo ?? '…'})` });
      }
    }
  });
export type Parameter = z.infer<typeof parameterSchema>;

export const parameterFileSchema = z
  .object({
    formatVersion: z.literal(1),
    family: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    label: z.string().min(1),
    description: z.string().optional(),
    parameters: z.array(parameterSchema).min(1),
  })
  .strict();
export type ParameterFile = z.infer<typeof parameterFileSchema>;

export interface ParamSet {
  readonly byKey: ReadonlyMap<string, Parameter & { family: string }>;
}

export function buildParamSet(files: ParameterFile[]): { ok: true; set: ParamSet } | { ok: false; problems: string[] } {
  const byKey = new Map<string, Parameter & { family: string }>();
  const problems: string[] = [];
  for (const f of files) {
    for (const p of f.parameters) {
      const other = byKey.get(p.key);
      if (other) problems.push(`paramètre ${p.key} défini deux fois (${other.family} et ${f.family})`);
      else byKey.set(p.key, { ...p, family: f.family });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, set: { byKey } };
}

export type ParamPick =
  | { ok: true; param: Parameter & { family: string }; value: number; entry: DatedValue }
  | { ok: false; message: string };

/** The value of `key` in force on `date` (AAAA-MM-JJ). */
export function pickParam(set: ParamSet, key: string, date: string): ParamPick {
  const param = set.byKey.get(key);
  if (!param) return { ok: false, message: `paramètre réglementaire inconnu : ${key}` };
  const entry = param.values.find(
    (v) => (v.effectiveFrom === null || v.effectiveFrom <= date) && (v.effectiveTo === null || date <= v.effectiveTo),
  );
  if (!entry) {
    const periods = param.values.map((v) => `${v.effectiveFrom ?? '…'} – ${v.effectiveTo ?? '…'}`).join(', ');
    return { ok: false, message: `${param.label} : aucune valeur en vigueur le ${date} (périodes connues : ${periods})` };
  }
  return { ok: true, param, value: entry.value, entry };
}
