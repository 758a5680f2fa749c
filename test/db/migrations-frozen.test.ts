/**
 * A migration that has shipped never changes: databases in the field were built from its exact text
 * (the restore check compares their schema with the one these migrations build). Changing a kind list
 * or a column here must be a new migration, so the text of every released one is pinned by its hash.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productKinds, quantityKinds } from '../../src/shared/core/catalogue-schema';
import { migrations } from '../../src/main/store/schema';

/** sha256 of each released migration's text, in order; a new migration appends its hash once released. */
const RELEASED = [
  // 1: the catalogue
  'd2a7d35207b605e4e81bc4cf4245418b79bcb11811c06118d98576d3f868a3fc',
  // 2: the audit trail
  '787742fe5100c9d3afa0a5ffff6bfc6866d4fe105005ba4baa201c179b86aee3',
];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The quoted values of `<column> TEXT NOT NULL CHECK (<column> IN (...))` in a table's current SQL. */
function checkList(db: Database.Database, table: string, column: string): string[] {
  const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string };
  const m = new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(sql);
  if (!m) throw new Error(`${table}.${column}: no CHECK (... IN (...)) in ${sql}`);
  return [...m[1]!.matchAll(/'([^']*)'/g)].map((v) => v[1]!);
}

describe('released migrations', () => {
  it('keep their text: each one hashes to its released value', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(RELEASED.length);
    expect(migrations.slice(0, RELEASED.length).map(sha256)).toEqual(RELEASED);
  });

  it('are plain SQL in the source: nothing interpolated from the live code', () => {
    const source = readFileSync(join(__dirname, '../../src/main/store/schema.ts'), 'utf8');
    expect(source).not.toMatch(/\$\{/);
    expect(source).not.toMatch(/^import /m);
  });

  it('build a schema whose kind lists are the live ones (a new kind needs a new migration)', () => {
    const db = new Database(':memory:');
    for (const m of migrations) db.exec(m);
    expect(checkList(db, 'products', 'kind')).toEqual([...productKinds]);
    expect(checkList(db, 'guarantee_quantities', 'kind')).toEqual([...quantityKinds]);
    db.close();
  });
});
