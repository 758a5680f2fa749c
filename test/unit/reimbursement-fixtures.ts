/**
 * A synthetic health product for the simulator's rule tests (not a real contract: its values exist to exercise
 * each way a guarantee can be written), and the real parameter set.
 */
import { join } from 'node:path';
import { productFileSchema, type GuaranteeEntry, type ProductFile } from '../../src/shared/core/catalogue-schema';
import type { ParamSet } from '../../src/shared/core/reimbursement-params';
import { loadParameterFiles } from '../../src/main/reimbursement/params-loader';

export function realParams(): ParamSet {
  const loaded = loadParameterFiles(join(process.cwd(), 'data'));
  if (!loaded.set) throw new Error(loaded.problems.join('\n'));
  return loaded.set;
}

const source = { file: 'synthetique.txt', section: 'test', lines: [1, 1] as [number, number], quote: 'fixture de test' };

export type G = Pick<GuaranteeEntry, 'category' | 'status' | 'quantities' | 'text'> & { formulas?: string[]; conditions?: string };

export function healthProduct(guarantees: G[], formulas = ['A', 'B'], versions?: { code: string; from: string | null; to: string | null }[]): ProductFile {
  return productFileSchema.parse({
    formatVersion: 1,
    product: { id: 'test-sante', kind: 'sante', name: 'Santé de test', insurer: 'assureur', distributor: null, source },
    organisations: [{ id: 'assureur', name: 'Assureur', roles: ['insurer'], source }],
    documents: [{ id: 'doc', file: 'synthetique.txt', title: 'Doc', kind: 'notice', lines: [1, 1], date: null }],
    formulas: formulas.map((code) => ({ code, label: code, kind: 'formula' })),
    versions: (versions ?? [{ code: 'v1', from: null, to: null }]).map((v) => ({ code: v.code, label: v.code, effectiveFrom: v.from, effectiveTo: v.to, document: 'doc', source })),
    guarantees: guarantees.map((g) => ({ label: g.text, versions: ['*'], ...g, formulas: g.formulas ?? ['*'], source })),
  });
}
