/**
 * The registry of the desktop edits: one entry per kind of request, each with its payload schema, its
 * plan, its write and its undo (kind.ts). Adding a kind of edit is a file, an entry here, its payload in
 * the IPC handler's union and its action in the audit trail's EDIT_ACTIONS.
 */
import { GrilleError } from '../../../shared/errors';
import type { EditAction } from '../../transfer/history';
import { addFormula } from './add-formula';
import { addGuarantee } from './add-guarantee';
import { addProduct } from './add-product';
import { addVersion } from './add-version';
import { editFormulaLabel } from './edit-formula-label';
import { editGuarantee } from './edit-guarantee';
import { editTariffCell } from './edit-tariff-cell';
import type { EditKindName, RegisteredKind } from './kind';

export const editKinds = {
  guarantee: editGuarantee,
  tariffCell: editTariffCell,
  addGuarantee,
  formulaLabel: editFormulaLabel,
  addFormula,
  addVersion,
  addProduct,
} satisfies { [K in EditKindName]: RegisteredKind<K, EditAction, unknown> };

type Registry = typeof editKinds;
type RegisteredAction = Registry[EditKindName]['action'];
/** Every action « Annuler » may meet has its kind: a new action without one does not compile. */
const everyActionHasAKind: [Exclude<EditAction, RegisteredAction>] extends [never] ? true : never = true;
void everyActionHasAKind;

const byKind: { [K in EditKindName]: RegisteredKind<K, EditAction, unknown> } = editKinds;

/** The kind of a request (its `kind`): its plan takes that request. */
export function kindOf<K extends EditKindName>(kind: K): RegisteredKind<K, EditAction, unknown> {
  // a caller without the IPC schema (the CLI, a script) may send any kind
  if (!Object.prototype.hasOwnProperty.call(byKind, kind)) throw new GrilleError('INVALID_INPUT', `modification de nature inconnue : ${String(kind)}`);
  return byKind[kind];
}

/** The kind that wrote an audit row of this action: its undo reads the row. */
export function kindOfAction(action: EditAction): Pick<RegisteredKind<EditKindName, EditAction, unknown>, 'action' | 'undoEntry'> {
  const found = Object.values(editKinds).find((k) => k.action === action);
  if (!found) throw new GrilleError('INTERNAL', `Modification « ${action} » sans annulation connue : signalez-le.`);
  return found;
}
