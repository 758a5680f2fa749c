/** The plan of an import: what each product becomes, said to the user, and the rows to write. */
import type { ProductFile } from '../../../shared/core/catalogue-schema';
import type { ImportWrite, ProductAddition } from '../../store/writer-import';
import type { ImportProblem } from '../problems';

export type ProductAction = 'create' | 'add-versions' | 'add-tariffs' | 'unchanged';

export interface ProductPlan {
  id: string;
  name: string;
  action: ProductAction;
  /** new versions (codes) */
  versions: string[];
  documents: number;
  guarantees: number;
  rules: number;
  tariffCells: number;
  /** the open version closed by the import, if any */
  closed: { version: string; effectiveTo: string } | null;
}

/** What the import keeps as the catalogue has it (shared organisations), said to the user. */
export type ImportWarning = Omit<ImportProblem, 'file'>;

export interface ImportPlan {
  products: ProductPlan[];
  warnings: ImportWarning[];
  categoriesAdded: string[];
  write: ImportWrite;
}

export function createPlan(p: ProductFile): ProductPlan {
  return {
    id: p.product.id,
    name: p.product.name,
    action: 'create',
    versions: p.versions.map((v) => v.code),
    documents: p.documents.length,
    guarantees: p.guarantees.length,
    rules: p.rules.length,
    tariffCells: p.tariffs.length,
    closed: null,
  };
}

export function unchangedPlan(p: ProductFile): ProductPlan {
  return { id: p.product.id, name: p.product.name, action: 'unchanged', versions: [], documents: 0, guarantees: 0, rules: 0, tariffCells: 0, closed: null };
}

export function additionPlan(p: ProductFile, action: ProductAction, a: ProductAddition): ProductPlan {
  return {
    id: p.product.id,
    name: p.product.name,
    action,
    versions: a.versions.map((v) => v.code),
    documents: a.documents.length,
    guarantees: a.guarantees.length,
    rules: a.rules.length,
    tariffCells: a.tariffs.length,
    closed: a.close,
  };
}
