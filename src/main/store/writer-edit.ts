/**
 * Row writers of the desktop edits (services/editing.ts). None of them is a transaction by itself:
 * the editing service runs each change, its checks and its audit row in one transaction.
 *
 * Rows are found by their natural keys (product, code, guarantee position), never by a row id kept
 * from earlier: a saved revision rewrites a product's rows (saveProduct with replace) and gives them
 * new ids, while codes and positions stay.
 */
import type { ProductFile, Quantities, Source } from '../../shared/core/catalogue-schema';
import { quantityKinds } from '../../shared/core/catalogue-schema';
import type { Db } from './open';
import { insertDocumentRow, insertGuaranteeRow, insertVersionRow } from './writer';

type VersionEntry = ProductFile['versions'][number];
type GuaranteeEntry = ProductFile['guarantees'][number];
type DocumentEntry = ProductFile['documents'][number];

/** A source row of the product with exactly this content, or a new one. */
export function findOrInsertSource(db: Db, productId: string | null, s: Source): number {
  const found = db
    .prepare(
      `SELECT id FROM sources WHERE ${productId === null ? 'product_id IS NULL' : 'product_id = ?'} AND file = ? AND section = ? AND line_from = ? AND line_to = ? AND quote = ? ORDER BY id LIMIT 1`,
    )
    .get(...(productId === null ? [] : [productId]), s.file, s.section, s.lines[0], s.lines[1], s.quote) as { id: number } | undefined;
  if (found) return found.id;
  return Number(
    db.prepare('INSERT INTO sources (product_id, file, section, line_from, line_to, quote) VALUES (?, ?, ?, ?, ?, ?)').run(productId, s.file, s.section, s.lines[0], s.lines[1], s.quote)
      .lastInsertRowid,
  );
}

/** Removes a product's source row nothing refers to any more (tariff cells are looked up by their version, the key's prefix). */
export function dropSourceIfUnused(db: Db, productId: string, sourceId: number): void {
  const used = db
    .prepare(
      `SELECT 1 FROM products WHERE source_id = :s
       UNION ALL SELECT 1 FROM formulas WHERE product_id = :p AND source_id = :s
       UNION ALL SELECT 1 FROM segments WHERE product_id = :p AND source_id = :s
       UNION ALL SELECT 1 FROM versions WHERE product_id = :p AND source_id = :s
       UNION ALL SELECT 1 FROM guarantees WHERE product_id = :p AND source_id = :s
       UNION ALL SELECT 1 FROM rules WHERE product_id = :p AND source_id = :s
       UNION ALL SELECT 1 FROM organisations WHERE source_id = :s
       UNION ALL SELECT 1 FROM tariff_cells WHERE version_id IN (SELECT id FROM versions WHERE product_id = :p) AND source_id = :s
       LIMIT 1`,
    )
    .get({ p: productId, s: sourceId });
  if (!used) db.prepare('DELETE FROM sources WHERE id = ? AND product_id = ?').run(sourceId, productId);
}

// ---- guarantees

export interface GuaranteeFields {
  status: 'covered' | 'not_covered' | 'unspecified';
  text: string;
  quantities: Quantities;
  derived: string[] | null;
  conditions: string | null;
}

/** The row of the guarantee at this position of ProductFile.guarantees (catalogueShow order). */
export function guaranteeRow(db: Db, productId: string, index: number): { id: number; sourceId: number } | null {
  const row = db.prepare('SELECT id, source_id FROM guarantees WHERE product_id = ? ORDER BY sort, id LIMIT 1 OFFSET ?').get(productId, index) as
    | { id: number; source_id: number }
    | undefined;
  return row ? { id: row.id, sourceId: row.source_id } : null;
}

export function updateGuarantee(db: Db, productId: string, guaranteeId: number, g: GuaranteeFields, source: Source): void {
  const old = db.prepare('SELECT source_id FROM guarantees WHERE id = ?').get(guaranteeId) as { source_id: number };
  const sourceId = findOrInsertSource(db, productId, source);
  db.prepare('UPDATE guarantees SET status = ?, text = ?, conditions = ?, derived = ?, source_id = ? WHERE id = ?').run(
    g.status,
    g.text,
    g.conditions,
    g.derived === null ? null : JSON.stringify(g.derived),
    sourceId,
    guaranteeId,
  );
  db.prepare('DELETE FROM guarantee_quantities WHERE guarantee_id = ?').run(guaranteeId);
  const insert = db.prepare('INSERT INTO guarantee_quantities (guarantee_id, kind, value, sort) VALUES (?, ?, ?, ?)');
  // in the schema's order, so a guarantee reads the same whatever order the dialog sent
  quantityKinds.filter((k) => g.quantities[k] !== undefined).forEach((k, j) => insert.run(guaranteeId, k, g.quantities[k], j));
  if (old.source_id !== sourceId) dropSourceIfUnused(db, productId, old.source_id);
}

/** Adds a guarantee after the product's others: its position is their count (guarantees are read `ORDER BY sort, id`). */
export function appendGuarantee(db: Db, productId: string, g: GuaranteeEntry): void {
  const sort = (db.prepare('SELECT coalesce(max(sort), -1) + 1 AS next FROM guarantees WHERE product_id = ?').get(productId) as { next: number }).next;
  insertGuaranteeRow(db, productId, g, sort);
}

/** Deletes a guarantee row, its quantities and its source row when nothing else uses it (the undo of appendGuarantee). */
export function deleteGuarantee(db: Db, productId: string, guaranteeId: number): void {
  const row = db.prepare('SELECT source_id FROM guarantees WHERE id = ? AND product_id = ?').get(guaranteeId, productId) as { source_id: number } | undefined;
  if (!row) return;
  db.prepare('DELETE FROM guarantee_quantities WHERE guarantee_id = ?').run(guaranteeId);
  db.prepare('DELETE FROM guarantees WHERE id = ?').run(guaranteeId);
  dropSourceIfUnused(db, productId, row.source_id);
}

// ---- tariff cells

export interface CellKey {
  version: string;
  formula: string;
  option: string;
  segment: string;
  zone: string;
}

interface CellRow {
  version_id: number;
  formula_id: number;
  segment_id: number;
  source_id: number | null;
}

function cellRow(db: Db, productId: string, k: CellKey): CellRow | null {
  return (
    (db
      .prepare(
        `SELECT c.version_id, c.formula_id, c.segment_id, c.source_id FROM tariff_cells c
         WHERE c.version_id = (SELECT id FROM versions WHERE product_id = ? AND code = ?)
           AND c.formula_id = (SELECT id FROM formulas WHERE product_id = ? AND code = ?)
           AND c.option_code = ?
           AND c.segment_id = (SELECT id FROM segments WHERE product_id = ? AND code = ?)
           AND c.zone = ?`,
      )
      .get(productId, k.version, productId, k.formula, k.option, productId, k.segment, k.zone) as CellRow | undefined) ?? null
  );
}

/** Sets a cell's amount and source; false when the cell does not exist. */
export function updateTariffCell(db: Db, productId: string, k: CellKey, amountCents: number, source: Source): boolean {
  const row = cellRow(db, productId, k);
  if (!row) return false;
  const sourceId = findOrInsertSource(db, productId, source);
  db.prepare('UPDATE tariff_cells SET amount_cents = ?, source_id = ? WHERE version_id = ? AND formula_id = ? AND option_code = ? AND segment_id = ? AND zone = ?').run(
    amountCents,
    sourceId,
    row.version_id,
    row.formula_id,
    k.option,
    row.segment_id,
    k.zone,
  );
  if (row.source_id !== null && row.source_id !== sourceId) dropSourceIfUnused(db, productId, row.source_id);
  return true;
}

// ---- formulas

export function setFormulaLabel(db: Db, productId: string, code: string, label: string): boolean {
  return db.prepare('UPDATE formulas SET label = ? WHERE product_id = ? AND code = ?').run(label, productId, code).changes === 1;
}

export function insertFormula(db: Db, productId: string, f: { code: string; label: string; kind: 'formula' | 'option'; source: Source }): void {
  const sort = (db.prepare('SELECT coalesce(max(sort), -1) + 1 AS next FROM formulas WHERE product_id = ?').get(productId) as { next: number }).next;
  const sourceId = findOrInsertSource(db, productId, f.source);
  db.prepare('INSERT INTO formulas (product_id, code, label, kind, description, source_id, sort) VALUES (?, ?, ?, ?, NULL, ?, ?)').run(productId, f.code, f.label, f.kind, sourceId, sort);
}

/** What still refers to a formula or option code of the product: counts, for a French message. */
export function formulaUsers(db: Db, productId: string, code: string): { cells: number; optionCells: number; guarantees: number; rules: number } {
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  const mentions = (list: string) => `EXISTS (SELECT 1 FROM json_each(${list}) WHERE value = ?)`;
  return {
    cells: count(
      'SELECT count(*) AS n FROM tariff_cells WHERE version_id IN (SELECT id FROM versions WHERE product_id = ?) AND formula_id = (SELECT id FROM formulas WHERE product_id = ? AND code = ?)',
      productId,
      productId,
      code,
    ),
    optionCells: count('SELECT count(*) AS n FROM tariff_cells WHERE version_id IN (SELECT id FROM versions WHERE product_id = ?) AND option_code = ?', productId, code),
    guarantees: count(`SELECT count(*) AS n FROM guarantees WHERE product_id = ? AND ${mentions('formula_codes')}`, productId, code),
    rules: count(`SELECT count(*) AS n FROM rules WHERE product_id = ? AND (${mentions('formula_codes')} OR instr(params, ?) > 0)`, productId, code, JSON.stringify(code)),
  };
}

export function deleteFormula(db: Db, productId: string, code: string): void {
  const row = db.prepare('SELECT id, source_id FROM formulas WHERE product_id = ? AND code = ?').get(productId, code) as { id: number; source_id: number | null } | undefined;
  if (!row) return;
  db.prepare('DELETE FROM formulas WHERE id = ?').run(row.id);
  if (row.source_id !== null) dropSourceIfUnused(db, productId, row.source_id);
}

// ---- versions and documents

export function insertDocument(db: Db, productId: string, d: DocumentEntry): void {
  const sort = (db.prepare('SELECT coalesce(max(sort), -1) + 1 AS next FROM documents WHERE product_id = ?').get(productId) as { next: number }).next;
  insertDocumentRow(db, productId, d, sort);
}

export function deleteDocument(db: Db, productId: string, code: string): void {
  db.prepare('DELETE FROM documents WHERE product_id = ? AND code = ?').run(productId, code);
}

export function documentInUse(db: Db, productId: string, code: string): boolean {
  return db.prepare('SELECT 1 FROM versions WHERE product_id = ? AND document_code = ? LIMIT 1').get(productId, code) !== undefined;
}

/** Adds a version after the others; with `copyFrom`, its cells are the copy of that version's (amounts and sources). Returns the cells copied. */
export function insertVersion(db: Db, productId: string, v: VersionEntry, copyFrom: string | null): number {
  const sort = (db.prepare('SELECT coalesce(max(sort), -1) + 1 AS next FROM versions WHERE product_id = ?').get(productId) as { next: number }).next;
  const vid = insertVersionRow(db, productId, v, sort);
  if (copyFrom === null) return 0;
  return db
    .prepare(
      `INSERT INTO tariff_cells (version_id, formula_id, option_code, segment_id, zone, amount_cents, period, source_id)
       SELECT ?, formula_id, option_code, segment_id, zone, amount_cents, period, source_id FROM tariff_cells
       WHERE version_id = (SELECT id FROM versions WHERE product_id = ? AND code = ?)`,
    )
    .run(vid, productId, copyFrom).changes;
}

export function setVersionEnd(db: Db, productId: string, code: string, effectiveTo: string | null): boolean {
  return db.prepare('UPDATE versions SET effective_to = ? WHERE product_id = ? AND code = ?').run(effectiveTo, productId, code).changes === 1;
}

export function versionCellCount(db: Db, productId: string, code: string): number {
  return (db.prepare('SELECT count(*) AS n FROM tariff_cells WHERE version_id = (SELECT id FROM versions WHERE product_id = ? AND code = ?)').get(productId, code) as { n: number }).n;
}

/** Guarantees and rules that name this version explicitly. */
export function versionUsers(db: Db, productId: string, code: string): { guarantees: number; rules: number } {
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE product_id = ? AND EXISTS (SELECT 1 FROM json_each(version_codes) WHERE value = ?)`).get(productId, code) as { n: number }).n;
  return { guarantees: count('guarantees'), rules: count('rules') };
}

const VERSIONED = ['guarantees', 'rules'] as const;

/**
 * A new version takes over the guarantees and rules that name the version it follows (those written for
 * every version, « * », already apply): `code` is appended to their version lists. Returns how many.
 */
export function inheritVersionUsers(db: Db, productId: string, from: string, code: string): { guarantees: number; rules: number } {
  const [guarantees, rules] = VERSIONED.map(
    (table) =>
      db
        .prepare(`UPDATE ${table} SET version_codes = json_insert(version_codes, '$[#]', ?) WHERE product_id = ? AND EXISTS (SELECT 1 FROM json_each(version_codes) WHERE value = ?)`)
        .run(code, productId, from).changes,
  ) as [number, number];
  return { guarantees, rules };
}

/** Takes `code` out of the version lists that name it (the undo of inheritVersionUsers). */
export function forgetVersionUsers(db: Db, productId: string, code: string): void {
  for (const table of VERSIONED) {
    db.prepare(
      `UPDATE ${table} SET version_codes = (SELECT json_group_array(value) FROM (SELECT value FROM json_each(version_codes) WHERE value <> ? ORDER BY key))
       WHERE product_id = ? AND EXISTS (SELECT 1 FROM json_each(version_codes) WHERE value = ?)`,
    ).run(code, productId, code);
  }
}

export function deleteVersion(db: Db, productId: string, code: string): void {
  const row = db.prepare('SELECT id, source_id FROM versions WHERE product_id = ? AND code = ?').get(productId, code) as { id: number; source_id: number } | undefined;
  if (!row) return;
  const cellSources = (db.prepare('SELECT DISTINCT source_id FROM tariff_cells WHERE version_id = ? AND source_id IS NOT NULL').all(row.id) as { source_id: number }[]).map((r) => r.source_id);
  db.prepare('DELETE FROM tariff_cells WHERE version_id = ?').run(row.id);
  db.prepare('DELETE FROM versions WHERE id = ?').run(row.id);
  for (const s of new Set([row.source_id, ...cellSources])) dropSourceIfUnused(db, productId, s);
}

// ---- products and organisations

export function organisationRow(db: Db, id: string): ProductFile['organisations'][number] | null {
  const o = db
    .prepare('SELECT o.id, o.name, o.roles, o.details, s.file, s.section, s.line_from, s.line_to, s.quote FROM organisations o JOIN sources s ON s.id = o.source_id WHERE o.id = ?')
    .get(id) as { id: string; name: string; roles: string; details: string | null; file: string; section: string; line_from: number; line_to: number; quote: string } | undefined;
  if (!o) return null;
  return {
    id: o.id,
    name: o.name,
    roles: JSON.parse(o.roles) as ProductFile['organisations'][number]['roles'],
    ...(o.details !== null ? { details: o.details } : {}),
    source: { file: o.file, section: o.section, lines: [o.line_from, o.line_to], quote: o.quote },
  };
}

export function organisationsNamed(db: Db, name: string): string[] {
  return (db.prepare('SELECT id FROM organisations WHERE name = ? ORDER BY id').all(name) as { id: string }[]).map((r) => r.id);
}

export function organisationExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM organisations WHERE id = ?').get(id) !== undefined;
}

/** Deletes a product and its rows (its audit rows stay: the history outlives the product). */
export function deleteProduct(db: Db, productId: string): void {
  db.prepare('DELETE FROM tariff_cells WHERE version_id IN (SELECT id FROM versions WHERE product_id = ?)').run(productId);
  db.prepare('DELETE FROM products WHERE id = ?').run(productId);
  db.prepare('DELETE FROM sources WHERE product_id = ?').run(productId);
}

/** Deletes an organisation no product names any more (and its shared source row); false when one still does. */
export function deleteOrganisationIfUnused(db: Db, id: string): boolean {
  const used = db
    .prepare(
      `SELECT 1 FROM products WHERE insurer_id = :o OR distributor_id = :o
       UNION ALL SELECT 1 FROM product_organisations WHERE organisation_id = :o
       UNION ALL SELECT 1 FROM product_subscribers WHERE organisation_id = :o LIMIT 1`,
    )
    .get({ o: id });
  if (used) return false;
  const row = db.prepare('SELECT source_id FROM organisations WHERE id = ?').get(id) as { source_id: number } | undefined;
  if (!row) return false;
  db.prepare('DELETE FROM organisations WHERE id = ?').run(id);
  const shared = db.prepare('SELECT 1 FROM organisations WHERE source_id = ? LIMIT 1').get(row.source_id);
  if (!shared) db.prepare('DELETE FROM sources WHERE id = ? AND product_id IS NULL').run(row.source_id);
  return true;
}
