/**
 * Validation of an import against the schema, the cross references, plausibility bounds and the
 * catalogue already stored, then the plan of what will be written. Nothing here writes: every problem
 * of the file is collected (with its sheet, row and column, or JSON path) before anything is decided.
 * Each family of checks is a module of validate/; this one runs them in order, over every product.
 */
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { organisationLookup } from '../store/organisation-lookup';
import type { Db } from '../store/open';
import { getProduct, getTaxonomy } from '../store/reader';
import type { ImportWrite } from '../store/writer-import';
import type { Problems } from './problems';
import { auditTrail } from './validate/audit';
import { reportCrossReferences } from './validate/cross-references';
import { comparePolicy } from './validate/existing-product';
import { organisationCheck } from './validate/organisations';
import { isReported, type ParsedInput, type Path, type Report, type Where } from './validate/parsed-input';
import { additionPlan, createPlan, unchangedPlan, type ImportPlan, type ImportWarning, type ProductPlan } from './validate/plan';
import { plausibility } from './validate/plausibility';
import { checkShapes, type Checked } from './validate/product-shape';
import { categoryReach, checkProductCategories, checkTaxonomy, checkTaxonomyParents, type CategoryReach } from './validate/taxonomy';

// the readers' side of the validator, kept importable from here
export { formatPath, pathKey, type ParsedInput, type ParsedProduct, type Path, type Where } from './validate/parsed-input';
export type { ImportPlan, ProductAction, ProductPlan } from './validate/plan';

export interface ValidateOptions {
  file: string;
  comment: string | null;
  /** CSV tariff tables: cells may go into an existing version */
  tariffsOnly?: boolean;
}

/** What the checks of one valid product share across the file. */
interface ProductPass {
  db: Db;
  at: Report;
  reach: CategoryReach;
  organisations: (c: Checked, add: (path: Path, message: string) => void) => void;
  options: ValidateOptions;
  plans: ProductPlan[];
  write: ImportWrite;
  stored: Map<string, ProductFile>;
}

/** Categories, plausibility, organisations, and the plan of one valid product (new, unchanged or new versions). */
function checkProduct(c: Checked, pass: ProductPass): void {
  const p = c.product;
  const add = (path: Path, message: string) => {
    if (!isReported(c.input.reported, path)) pass.at(c.input.locate(path), message);
  };
  checkProductCategories(c, pass.reach, pass.at);
  plausibility(p, add);
  pass.organisations(c, add);
  const stored = getProduct(pass.db, p.product.id);
  if (!stored) {
    if (pass.options.tariffsOnly) return;
    pass.write.creates.push(p);
    pass.plans.push(createPlan(p));
    return;
  }
  pass.stored.set(p.product.id, stored);
  const policy = comparePolicy(stored, p, add, { tariffsOnly: pass.options.tariffsOnly ?? false });
  if (policy.kind === 'unchanged') pass.plans.push(unchangedPlan(p));
  else if (policy.kind === 'add') {
    pass.write.additions.push(policy.addition);
    pass.plans.push(additionPlan(p, policy.action, policy.addition));
  }
}

/**
 * Validates the parsed input against the store; adds every problem to `problems` and returns the plan
 * (meaningful only when no problem was added).
 */
export function validateImport(db: Db, input: ParsedInput, problems: Problems, options: ValidateOptions): ImportPlan {
  const at: Report = (where: Where, message: string) => problems.add(where, message);
  const { taxonomy, categoriesAdded, storeLabels } = checkTaxonomy(getTaxonomy(db), input.taxonomy, at);
  const checked = checkShapes(input.products, at);
  reportCrossReferences(taxonomy, checked, input.taxonomy, at);
  const reach = categoryReach(taxonomy, checked);
  checkTaxonomyParents(input.taxonomy, storeLabels, reach, at);
  const warnings: ImportWarning[] = [];
  const write: ImportWrite = { categories: categoriesAdded, creates: [], additions: [], audit: [] };
  const pass: ProductPass = { db, at, reach, organisations: organisationCheck(organisationLookup(db), warnings), options, plans: [], write, stored: new Map() };
  for (const c of checked) if (c.valid) checkProduct(c, pass);
  const before = (id: string) => pass.stored.get(id)!;
  write.audit.push(...auditTrail(categoriesAdded, pass.plans, write.additions, { file: options.file, comment: options.comment, before }));
  return { products: pass.plans, warnings, categoriesAdded: categoriesAdded.map((c) => c.key), write };
}
