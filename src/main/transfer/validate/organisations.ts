/**
 * Organisations: one row shared by every product. The same id keeps its name (refused otherwise); its
 * roles, details and source stay as the catalogue — or the first product of the file that names it —
 * gives them, and the import says so in a warning.
 */
import type { ProductFile } from '../../../shared/core/catalogue-schema';
import type { StoredOrganisation } from '../../store/organisation-lookup';
import { describe, firstDifference } from './message-values';
import { formatPath, type ReportAt } from './parsed-input';
import type { ImportWarning } from './plan';
import type { Checked } from './product-shape';

type Organisation = ProductFile['organisations'][number];

/** The check of each product's organisations, remembering across the file which product wrote a new one first. */
export function organisationCheck(stored: (id: string) => StoredOrganisation | undefined, warnings: ImportWarning[]): (c: Checked, add: ReportAt) => void {
  const firstSeen = new Map<string, { org: Organisation; product: string }>();
  const warn = (c: Checked, path: readonly (string | number)[], message: string) => warnings.push({ ...c.input.locate(path), message });

  /** a new organisation: the first product of the file that names it writes it; the others keep that row */
  const notStored = (c: Checked, o: Organisation, i: number) => {
    const first = firstSeen.get(o.id);
    if (!first) {
      firstSeen.set(o.id, { org: o, product: c.product.product.id });
      return;
    }
    const diff = firstDifference(first.org, o, ['organisations', i]);
    if (diff) {
      warn(c, diff.path, `l'organisation ${o.id} est écrite telle que le produit ${first.product} la donne : ses ${formatPath(diff.path.slice(2))} seront ${describe(diff.stored)} (ici : ${describe(diff.incoming)}) ; une organisation est partagée par tous les produits`);
    }
  };

  return (c, add) => {
    c.product.organisations.forEach((o, i) => {
      const row = stored(o.id);
      if (!row) return notStored(c, o, i);
      if (row.name !== o.name) {
        add(['organisations', i, 'name'], `l'organisation ${o.id} s'appelle « ${row.name} » au catalogue, « ${o.name} » dans le fichier : une même organisation garde son nom (changez l'identifiant s'il s'agit d'une autre)`);
        return;
      }
      const diff = firstDifference(row, o, ['organisations', i]);
      if (diff) {
        warn(c, diff.path, `l'organisation ${o.id} est déjà au catalogue : ses ${formatPath(diff.path.slice(2))} y restent ${describe(diff.stored)} (fichier : ${describe(diff.incoming)}) ; une organisation est partagée par tous les produits`);
      }
    });
  };
}
