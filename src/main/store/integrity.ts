/**
 * What SQLite says of a database's health and shape: the checks `catalogue check` reports and the
 * restore runs on a backup before trusting it.
 */
import Database from 'better-sqlite3';
import type { Db } from './open';
import { migrations } from './schema';

/** `PRAGMA integrity_check`: 'ok', or SQLite's list of what is damaged. */
export function integrityCheck(db: Db): string {
  return String(db.pragma('integrity_check', { simple: true }));
}

/** How many rows `PRAGMA foreign_key_check` finds pointing nowhere. */
export function foreignKeyViolationCount(db: Db): number {
  return (db.pragma('foreign_key_check') as unknown[]).length;
}

/** Tariff cells whose source row is missing (they carry no foreign key: the writer sets it). */
export function orphanTariffSourceCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM tariff_cells c WHERE c.source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = c.source_id)').get() as { n: number }).n;
}

/** The schema version the file says it has (`user_version`; 0 for a file that is not ours). */
export function userVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** A schema object (table, index) as sqlite_master holds it, SQLite's own objects left out. */
export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** The schema objects of a database, in a fixed order. */
export function schemaObjects(db: Db): SchemaObject[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as SchemaObject[];
}

/** The schema objects the first `version` migrations build, from an empty in-memory database. */
export function releasedSchemaObjects(version: number): SchemaObject[] {
  const reference = new Database(':memory:');
  try {
    for (const m of migrations.slice(0, version)) reference.exec(m);
    return schemaObjects(reference);
  } finally {
    reference.close();
  }
}
