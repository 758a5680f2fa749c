/**
 * The pieces of the edit requests' zod schemas (each kind's file composes its own): bounded texts, a
 * source choice, amounts in integer cents, a guarantee's value. Strict objects, French messages.
 */
import { z } from 'zod';
import type { CitedDocumentDto, SourceChoice } from '../../../shared/api';
import { EDIT_LIMITS } from '../../../shared/core/limits';
import { code } from '../../../shared/request-fields';

export const text = (max: number) => z.string().max(max, `${max} caractères au plus`);
const lineNumber = z.number().int('numéro de ligne entier attendu').min(1, 'numéro de ligne : 1 ou plus').max(EDIT_LIMITS.line, 'numéro de ligne trop grand');

/** A document the user cites: also the source of a CSV tariff table imported from the desktop. */
export const citedDocument = z
  .object({ file: text(EDIT_LIMITS.sourceFile), section: text(EDIT_LIMITS.section), lines: z.tuple([lineNumber, lineNumber]), quote: text(EDIT_LIMITS.quote) })
  .strict() satisfies z.ZodType<CitedDocumentDto>;

export const sourceChoice = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('keep') }).strict(),
  z.object({ mode: z.literal('none') }).strict(),
  citedDocument.extend({ mode: z.literal('document') }).strict(),
]) satisfies z.ZodType<SourceChoice>;

export const cents = (max: number) =>
  z
    .number()
    .int('montant en centimes entiers attendu')
    .min(0, 'montant négatif refusé')
    .max(max, `montant invraisemblable (${(max / 100).toLocaleString('fr-FR')} € au plus)`);

export const editComment = text(EDIT_LIMITS.comment);
export const productId = code;

/** What a guarantee says, as an edit or an addition gives it. */
export const guaranteeValueFields = {
  text: text(EDIT_LIMITS.text),
  status: z.enum(['covered', 'not_covered', 'unspecified']),
  quantities: z
    .record(z.string().max(40), z.number().finite('nombre attendu').min(0, 'quantité négative refusée').max(EDIT_LIMITS.quantityCents))
    .refine((q) => Object.keys(q).length <= 20, 'trop de quantités'),
  conditions: text(EDIT_LIMITS.conditions).nullable(),
  source: sourceChoice,
  comment: editComment,
};

/** formula or version codes a guarantee applies to, or ['*'] (every one) */
export const codesOrAll = (what: string) => z.array(z.union([code, z.literal('*')])).min(1, `${what} : au moins une, ou « * » pour toutes`).max(200, `${what} : 200 au plus`);
