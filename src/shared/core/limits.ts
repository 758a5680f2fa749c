/**
 * Plausibility bounds and the limits of what a desktop edit may hold, in one place: the main process enforces
 * them (transfer/validate/plausibility.ts for imports, services/edits and the IPC schemas for edits) and the
 * renderer checks the same before sending (ui/edit-values.ts), so a value the form accepts is never refused after.
 * Pure constants.
 */

/** Plausibility bounds: values beyond them are typing errors, not contracts. */
export const PLAUSIBLE = Object.freeze({
  /** one tariff cell, per month or per year: 100 000 € */
  tariffCents: 10_000_000,
  /** a guarantee amount (capital, ceiling): 100 M€ */
  quantityCents: 10_000_000_000,
  /** ages of segments and guarantee age limits */
  age: 130,
  /** line numbers of a source document */
  line: 10_000_000,
});

/** Limits of what an edit may hold (the IPC schemas and the renderer's fields use the same). */
export const EDIT_LIMITS = Object.freeze({
  code: 100,
  label: 200,
  name: 200,
  text: 500,
  conditions: 2000,
  comment: 1000,
  reference: 200,
  sourceFile: 260,
  section: 300,
  quote: 600,
  line: 10_000_000,
  /** a tariff cell: 100 000 € (as imports) */
  tariffCents: PLAUSIBLE.tariffCents,
  /** a guarantee amount: 100 M€ (as imports) */
  quantityCents: PLAUSIBLE.quantityCents,
  /** any other quantity (hours, km, sessions…) */
  quantity: 1_000_000,
  age: PLAUSIBLE.age,
});
