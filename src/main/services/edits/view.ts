/** The catalogue as a plan reads it: the store's readers, nothing that writes. */
import type { Db } from '../../store/open';
import { getProduct, getTaxonomy, productIds } from '../../store/reader';
import { organisationExists, organisationRow, organisationsNamed } from '../../store/writer-edit';
import type { EditView } from './kind';

export function editView(db: Db): EditView {
  return {
    product: (id) => getProduct(db, id),
    productIds: () => productIds(db),
    taxonomy: () => getTaxonomy(db),
    organisation: (id) => organisationRow(db, id),
    organisationsNamed: (name) => organisationsNamed(db, name),
    organisationExists: (id) => organisationExists(db, id),
  };
}
