/**
 * The pieces of the schemas an audit row's values are read back with on undo. They take what Grille
 * wrote (a source as the store reads it back, a guarantee's quantities as the catalogue schema has
 * them) and nothing else: a row changed outside Grille is refused rather than undone on trust.
 */
import { z } from 'zod';
import { quantitiesSchema } from '../../../shared/core/catalogue-schema';

/** A source as the store gives it back (not re-checked against the catalogue's bounds: it was stored). */
export const storedSource = z.object({ file: z.string(), section: z.string(), lines: z.tuple([z.number().int(), z.number().int()]), quote: z.string() }).strict();

export const storedQuantities = quantitiesSchema;

export const guaranteeStatus = z.enum(['covered', 'not_covered', 'unspecified']);

/** The natural key of a tariff cell. */
export const storedCellKey = { version: z.string(), formula: z.string(), option: z.string(), segment: z.string(), zone: z.string() };

/** Index of a guarantee in its product, which names it (with its category and label) in an audit row. */
export const guaranteeIndex = z.number().int().min(0);

/** An addition has no old value. */
export const nothingBefore = z.null();
