/**
 * The one way code outside the store opens a transaction: a service decides what belongs together (an edit and
 * its audit row, a revision and its trace), the store runs it. `immediate` takes the write lock at the start, so a
 * second writer waits for it (busy timeout) before reading what it will change, instead of failing at its first write.
 */
import type { Db } from './open';

export function inTransaction<T>(db: Db, work: () => T, options: { immediate?: boolean } = {}): T {
  const tx = db.transaction(work);
  return options.immediate ? tx.immediate() : tx();
}
