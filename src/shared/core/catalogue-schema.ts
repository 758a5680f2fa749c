/**
 * The shape of the default catalogue files in data/ (and of the JSON catalogue package).
 * One schema, used to validate data/ in tests, when seeding a database and when importing.
 */
import { z } from 'zod';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'date impossible');

const code = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/, 'code attendu: lettres, chiffres, - ou _');
const categoryKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'clé de catégorie attendue: mots séparés par des points');

/** Where a value comes from: a seed file, an article or section, a line range and a verbatim quote. */
export const sourceSchema = z
  .object({
    file: z.string().min(1),
    section: z.string().min(1),
    lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
    quote: z.string().min(1).max(600),
  })
  .strict()
  .refine((s) => s.lines[0] <= s.lines[1], 'lignes: début après la fin');
export type Source = z.infer<typeof sourceSchema>;

export const productKinds = ['sante', 'assistance', 'mav', 'prevoyance', 'reseau'] as const;
export type ProductKind = (typeof productKinds)[number];
export const roles = ['principal', 'conjoint', 'enfant'] as const;
export type Role = (typeof roles)[number];
export const statuses = ['actif', 'retraite'] as const;
export type Status = (typeof statuses)[number];

export const organisationSchema = z
  .object({
    id: code,
    name: z.string().min(1),
    roles: z.array(z.enum(['insurer', 'distributor', 'subscriber', 'broker', 'network', 'manager'])).min(1),
    details: z.string().optional(),
    source: sourceSchema,
  })
  .strict();

export const documentSchema = z
  .object({
    id: code,
    file: z.string().min(1),
    title: z.string().min(1),
    kind: z.string().min(1),
    lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
    date: isoDate.nullable(),
  })
  .strict();

export const formulaSchema = z
  .object({
    code,
    label: z.string().min(1),
    kind: z.enum(['formula', 'option']),
    description: z.string().optional(),
    source: sourceSchema.optional(),
  })
  .strict();

export const segmentSchema = z
  .object({
    code,
    label: z.string().min(1),
    roles: z.array(z.enum(roles)).min(1),
    status: z.enum(statuses).nullable(),
    ageMin: z.number().int().min(0).nullable(),
    ageMax: z.number().int().min(0).nullable(),
    source: sourceSchema,
  })
  .strict();

export const revisionComponentSchema = z
  .object({ label: z.string().min(1), rate: z.string().regex(/^-?\d+(\.\d+)?$/, 'taux décimal attendu, ex. "1.9"') })
  .strict();

export const versionSchema = z
  .object({
    code,
    label: z.string().min(1),
    effectiveFrom: isoDate.nullable(),
    effectiveTo: isoDate.nullable(),
    document: code,
    reference: z.string().optional(),
    revision: z
      .object({ mode: z.enum(['additive', 'compound']), components: z.array(revisionComponentSchema).min(1) })
      .strict()
      .optional(),
    source: sourceSchema,
  })
  .strict();

export const categorySchema = z
  .object({ key: categoryKey, label: z.string().min(1), order: z.number().int().optional() })
  .strict();

/** Structured quantities of a guarantee; amounts are integer cents. */
export const quantitiesSchema = z
  .object({
    hours: z.number().positive(),
    days: z.number().positive(),
    minHoursPerVisit: z.number().positive(),
    amountCents: z.number().int().nonnegative(),
    perNightCents: z.number().int().nonnegative(),
    perDayCents: z.number().int().nonnegative(),
    nights: z.number().int().positive(),
    sessions: z.number().int().positive(),
    count: z.number().int().positive(),
    percentBR: z.number().nonnegative(),
    /** a discount in percent of the price (network advantages) */
    percentDiscount: z.number().positive().max(100),
    km: z.number().positive(),
    periodDays: z.number().int().positive(),
    periodMonths: z.number().int().positive(),
    ageMax: z.number().int().nonnegative(),
  })
  .partial()
  .strict();
export type Quantities = z.infer<typeof quantitiesSchema>;
export const quantityKinds = Object.keys(quantitiesSchema.shape) as (keyof Quantities)[];

export const guaranteeSchema = z
  .object({
    category: categoryKey,
    label: z.string().min(1),
    /** formula codes the value applies to; ["*"] = every formula of the product */
    formulas: z.array(z.string().min(1)).min(1),
    /** version codes the value applies to; ["*"] = every version */
    versions: z.array(z.string().min(1)).min(1),
    status: z.enum(['covered', 'not_covered', 'unspecified']),
    quantities: quantitiesSchema,
    /** quantity names computed from the text rather than printed as such (e.g. 2 semaines → periodDays 14) */
    derived: z.array(z.string()).optional(),
    text: z.string().min(1),
    trigger: z.string().optional(),
    beneficiary: z.string().optional(),
    conditions: z.string().optional(),
    source: sourceSchema,
  })
  .strict();
export type GuaranteeEntry = z.infer<typeof guaranteeSchema>;

export const tariffCellSchema = z
  .object({
    version: code,
    formula: code,
    option: z.string().default(''),
    segment: code,
    zone: z.string().default(''),
    amountCents: z.number().int().nonnegative(),
    period: z.enum(['month', 'year']),
    source: sourceSchema,
  })
  .strict();
export type TariffCellEntry = z.infer<typeof tariffCellSchema>;

export const ruleSchema = z
  .object({
    type: code,
    versions: z.array(z.string()).default(['*']),
    formulas: z.array(z.string()).default(['*']),
    params: z.record(z.string(), z.unknown()),
    text: z.string().min(1),
    source: sourceSchema,
  })
  .strict();
export type RuleEntry = z.infer<typeof ruleSchema>;

export const productFileSchema = z
  .object({
    formatVersion: z.literal(1),
    product: z
      .object({
        id: code,
        kind: z.enum(productKinds),
        name: z.string().min(1),
        insurer: code,
        distributor: code.nullable(),
        subscribers: z.array(code).default([]),
        references: z.array(z.string()).default([]),
        attachedTo: code.nullable().default(null),
        description: z.string().optional(),
        source: sourceSchema,
      })
      .strict(),
    organisations: z.array(organisationSchema),
    documents: z.array(documentSchema).min(1),
    formulas: z.array(formulaSchema).min(1),
    segments: z.array(segmentSchema).default([]),
    versions: z.array(versionSchema).min(1),
    categories: z.array(categorySchema).default([]),
    guarantees: z.array(guaranteeSchema),
    tariffs: z.array(tariffCellSchema).default([]),
    rules: z.array(ruleSchema).default([]),
  })
  .strict();
export type ProductFile = z.infer<typeof productFileSchema>;
export type ProductFileInput = z.input<typeof productFileSchema>;

export const taxonomyFileSchema = z
  .object({ formatVersion: z.literal(1), categories: z.array(categorySchema).min(1) })
  .strict();
export type TaxonomyFile = z.infer<typeof taxonomyFileSchema>;
