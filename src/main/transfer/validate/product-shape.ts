/**
 * Each product of the file against the product schema. A product that fails it is still kept, as
 * complete as its structure allows, so that its cross references are checked too: every problem of
 * the file is listed at once.
 */
import { z } from 'zod';
import {
  categorySchema,
  documentSchema,
  formulaSchema,
  guaranteeSchema,
  organisationSchema,
  productFileSchema,
  ruleSchema,
  segmentSchema,
  tariffCellSchema,
  versionSchema,
  type ProductFile,
} from '../../../shared/core/catalogue-schema';
import { isReported, pathKey, type ParsedProduct, type Path, type Report } from './parsed-input';

const fr = z.locales.fr().localeError;

export type SchemaResult = { success: true; data: unknown } | { success: false; issues: { path: Path; message: string }[] };

/** French message for a schema issue (the schema's own messages are French; zod's defaults use its fr locale). */
export function schemaIssues(schema: z.ZodType, raw: unknown): SchemaResult {
  const r = schema.safeParse(raw, { error: fr });
  if (r.success) return { success: true, data: r.data };
  return {
    success: false,
    issues: r.error.issues.map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      const missingSource = path.at(-1) === 'source' && i.code === 'invalid_type' && i.message.includes('indéfini');
      return { path, message: missingSource ? 'source absente : chaque valeur a sa source { "file", "section", "lines": [début, fin], "quote" }' : i.message };
    }),
  };
}

const partSchemas = {
  organisations: organisationSchema,
  documents: documentSchema,
  formulas: formulaSchema,
  segments: segmentSchema,
  versions: versionSchema,
  categories: categorySchema,
  guarantees: guaranteeSchema,
  tariffs: tariffCellSchema,
  rules: ruleSchema,
} as const;

/**
 * A JSON product that failed the schema, made as complete as its structure allows (each entry that
 * passes its own schema gets its defaults), so its cross references can still be checked; null when
 * its lists are not even lists.
 */
function lenientProduct(raw: unknown): ProductFile | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const header = productFileSchema.shape.product.safeParse(o.product);
  const out: Record<string, unknown> = { ...o, product: header.success ? header.data : o.product };
  if (out.product === null || typeof out.product !== 'object') return null;
  for (const [part, schema] of Object.entries(partSchemas)) {
    const list = o[part] ?? [];
    if (!Array.isArray(list)) return null;
    out[part] = list.map((el: unknown) => {
      const r = (schema as z.ZodType).safeParse(el);
      return r.success ? r.data : el;
    });
  }
  return out as unknown as ProductFile;
}

/** The key of a category entry; an entry of a product that failed the schema may be anything, null included. */
export const categoryKeyOf = (entry: unknown): unknown => (entry !== null && typeof entry === 'object' ? (entry as { key?: unknown }).key : undefined);

/** A product of the file after the schema. */
export interface Checked {
  input: ParsedProduct;
  product: ProductFile;
  /** passed the schema */
  valid: boolean;
}

/** Reports the schema's issues (not those under a path the reader reported) and keeps what can be checked further. */
export function checkShapes(products: ParsedProduct[], at: Report): Checked[] {
  const checked: Checked[] = [];
  for (const input of products) {
    const r = schemaIssues(productFileSchema, input.raw);
    if (r.success) {
      checked.push({ input, product: r.data as ProductFile, valid: true });
      continue;
    }
    for (const i of r.issues) {
      if (!isReported(input.reported, i.path)) at(input.locate(i.path), i.message);
      input.reported.add(pathKey(i.path));
    }
    const lenient = input.shaped ? (input.raw as ProductFile) : lenientProduct(input.raw);
    if (lenient) checked.push({ input, product: lenient, valid: false });
  }
  return checked;
}
