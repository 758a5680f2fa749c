/**
 * What one kind of desktop edit is made of (a file per kind, listed in registry.ts):
 * - `payload`: the strict zod schema of the request (the IPC handler parses it, French messages);
 * - `stored`: the zod schemas of the old and new values its audit row keeps, which undo parses back
 *   (a row that does not parse is refused, never read on trust);
 * - `plan`: checks the request whole against the catalogue as it is, and says what will change (the
 *   audit row's text, old and new values) without writing anything: a preview is a plan not written;
 * - `write`: applies a plan (the editing service runs it with its audit row in one transaction);
 * - `undo`: puts the old value back once the current one is checked against the new one.
 */
import { z } from 'zod';
import type { CatalogueEdit } from '../../../shared/api';
import type { ProductFile, TaxonomyFile } from '../../../shared/core/catalogue-schema';
import { GrilleError } from '../../../shared/errors';
import { formatZodIssues } from '../../../shared/core/zod-issues';
import type { Db } from '../../store/open';
import type { EditAction, HistoryEntry } from '../../transfer/history';
import { entryTime } from './describe';

export type EditKindName = CatalogueEdit['kind'];
export type EditOf<K extends EditKindName> = Extract<CatalogueEdit, { kind: K }>;

export interface EditOptions {
  /** AAAA-MM-JJ: the date written in the quote of a value keyed in without source */
  today: string;
}

/** What a plan reads of the catalogue: nothing it can write with. */
export interface EditView {
  product(id: string): ProductFile | null;
  productIds(): string[];
  taxonomy(): TaxonomyFile['categories'];
  organisation(id: string): ProductFile['organisations'][number] | null;
  organisationsNamed(name: string): string[];
  organisationExists(id: string): boolean;
}

/** What an edit will change: its audit row, before anything is written. */
export interface Plan<O, N> {
  action: EditAction;
  productId: string;
  /** the change in French, as the history shows it */
  what: string;
  oldValue: O;
  newValue: N;
  comment: string | null;
}

/** An undo's inputs: the audit row's values, parsed, and the product as it is now. */
export interface UndoContext<O, N> {
  db: Db;
  productId: string;
  before: O;
  after: N;
  /** the product now; the undo is refused when it is no longer in the catalogue */
  current: () => ProductFile;
  /** a CONFLICT that says why the undo is refused */
  refuse: (detail: string) => GrilleError;
}

export interface EditKind<K extends EditKindName, A extends EditAction, P extends z.ZodType<EditOf<K>>, O, N> {
  kind: K;
  action: A;
  payload: P;
  stored: { oldValue: z.ZodType<O>; newValue: z.ZodType<N> };
  plan: (view: EditView, edit: EditOf<K>, options: EditOptions) => Plan<O, N>;
  write: (db: Db, plan: Plan<O, N>) => void;
  undo: (u: UndoContext<O, N>) => void;
}

/** A kind as the editing service sees it: its old and new values stay inside it. */
export interface RegisteredKind<K extends EditKindName, A extends EditAction, P> {
  kind: K;
  action: A;
  payload: P;
  plan: (view: EditView, edit: EditOf<K>, options: EditOptions) => Plan<unknown, unknown>;
  /** plans, then writes: the caller holds the transaction */
  apply: (db: Db, view: EditView, edit: EditOf<K>, options: EditOptions) => Plan<unknown, unknown>;
  /** parses the audit row's values with the kind's schemas, then undoes: the caller holds the transaction */
  undoEntry: (db: Db, entry: HistoryEntry, productId: string, current: () => ProductFile, refuse: (detail: string) => GrilleError) => void;
}

/** The audit row's value, read with its kind's schema; DATA_INVALID, in French, when it does not parse. */
function storedValue<T>(schema: z.ZodType<T>, raw: unknown, entry: HistoryEntry, which: 'l’ancienne' | 'la nouvelle'): T {
  const r = schema.safeParse(raw, { error: z.locales.fr().localeError });
  if (r.success) return r.data;
  throw new GrilleError(
    'DATA_INVALID',
    `Annulation impossible de « ${entry.what} » (historique n°${entry.id}, ${entryTime(entry)}) : ${which} valeur enregistrée n’a pas la forme d’une modification « ${entry.action} » (${formatZodIssues(r.error).join(' ; ')}) ; l’historique a été modifié hors de Grille, rien n’a été modifié.`,
  );
}

export function editKind<K extends EditKindName, A extends EditAction, P extends z.ZodType<EditOf<K>>, O, N>(def: EditKind<K, A, P, O, N>): RegisteredKind<K, A, P> {
  return {
    kind: def.kind,
    action: def.action,
    payload: def.payload,
    plan: def.plan,
    apply: (db, view, edit, options) => {
      const plan = def.plan(view, edit, options);
      def.write(db, plan);
      return plan;
    },
    undoEntry: (db, entry, productId, current, refuse) => {
      const before = storedValue(def.stored.oldValue, entry.oldValue, entry, 'l’ancienne');
      const after = storedValue(def.stored.newValue, entry.newValue, entry, 'la nouvelle');
      def.undo({ db, productId, before, after, current, refuse });
    },
  };
}
