/**
 * Readers over prepared statements. `getProduct` gives back the product in the same shape as a
 * data/ file, so the core engines, the exports and the JSON package all read one shape.
 */
import type { ProductFile, ProductKind, Quantities, Source, TaxonomyFile } from '../../shared/core/catalogue-schema';
import type { ProductSummaryDto } from '../../shared/api';
import type { Db } from './open';

/** The catalogue list entry, as the renderer receives it too. */
export type ProductSummary = ProductSummaryDto;

interface SourceRow {
  file: string;
  section: string;
  line_from: number;
  line_to: number;
  quote: string;
}
const toSource = (r: SourceRow): Source => ({ file: r.file, section: r.section, lines: [r.line_from, r.line_to], quote: r.quote });
const SRC = 's.file, s.section, s.line_from, s.line_to, s.quote';

export function listProducts(db: Db): ProductSummary[] {
  const products = db
    .prepare(
      `SELECT p.id, p.kind, p.name, p.attached_to, i.id AS insurer_id, i.name AS insurer_name, d.id AS distributor_id, d.name AS distributor_name
       FROM products p JOIN organisations i ON i.id = p.insurer_id LEFT JOIN organisations d ON d.id = p.distributor_id
       ORDER BY p.sort, p.id`,
    )
    .all() as {
    id: string;
    kind: ProductKind;
    name: string;
    attached_to: string | null;
    insurer_id: string;
    insurer_name: string;
    distributor_id: string | null;
    distributor_name: string | null;
  }[];
  const formulas = db.prepare('SELECT code, label, kind FROM formulas WHERE product_id = ? ORDER BY sort');
  const versions = db.prepare('SELECT code, label, effective_from, effective_to, reference FROM versions WHERE product_id = ? ORDER BY sort');
  const refs = db.prepare('SELECT reference FROM product_references WHERE product_id = ? ORDER BY sort');
  const guarantees = db.prepare('SELECT count(*) AS n FROM guarantees WHERE product_id = ?');
  const cells = db.prepare('SELECT count(*) AS n FROM tariff_cells WHERE version_id IN (SELECT id FROM versions WHERE product_id = ?)');
  return products.map((p) => ({
    id: p.id,
    kind: p.kind,
    name: p.name,
    insurer: { id: p.insurer_id, name: p.insurer_name },
    distributor: p.distributor_id ? { id: p.distributor_id, name: p.distributor_name ?? '' } : null,
    attachedTo: p.attached_to,
    references: (refs.all(p.id) as { reference: string }[]).map((r) => r.reference),
    formulas: formulas.all(p.id) as ProductSummary['formulas'],
    versions: (versions.all(p.id) as { code: string; label: string; effective_from: string | null; effective_to: string | null; reference: string | null }[]).map(
      (v) => ({ code: v.code, label: v.label, effectiveFrom: v.effective_from, effectiveTo: v.effective_to, reference: v.reference }),
    ),
    guaranteeCount: (guarantees.get(p.id) as { n: number }).n,
    tariffCellCount: (cells.get(p.id) as { n: number }).n,
  }));
}

export function productExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM products WHERE id = ?').get(id) !== undefined;
}

export function productIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM products ORDER BY sort, id').all() as { id: string }[]).map((r) => r.id);
}

/** The whole product in the data/ file shape, or null. */
export function getProduct(db: Db, id: string): ProductFile | null {
  const p = db
    .prepare(`SELECT p.*, ${SRC} FROM products p JOIN sources s ON s.id = p.source_id WHERE p.id = ?`)
    .get(id) as
    | (SourceRow & { id: string; kind: ProductKind; name: string; insurer_id: string; distributor_id: string | null; attached_to: string | null; description: string | null })
    | undefined;
  if (!p) return null;
  const organisations = (
    db
      .prepare(
        `SELECT o.id, o.name, o.roles, o.details, ${SRC} FROM product_organisations po JOIN organisations o ON o.id = po.organisation_id
         JOIN sources s ON s.id = o.source_id WHERE po.product_id = ? ORDER BY po.sort`,
      )
      .all(id) as (SourceRow & { id: string; name: string; roles: string; details: string | null })[]
  ).map((o) => ({
    id: o.id,
    name: o.name,
    roles: JSON.parse(o.roles) as ProductFile['organisations'][number]['roles'],
    ...(o.details !== null ? { details: o.details } : {}),
    source: toSource(o),
  }));
  const documents = (
    db.prepare('SELECT * FROM documents WHERE product_id = ? ORDER BY sort').all(id) as {
      code: string;
      file: string;
      title: string;
      kind: string;
      line_from: number;
      line_to: number;
      date: string | null;
    }[]
  ).map((d) => ({ id: d.code, file: d.file, title: d.title, kind: d.kind, lines: [d.line_from, d.line_to] as [number, number], date: d.date }));
  const formulas = (
    db
      .prepare(`SELECT f.code, f.label, f.kind, f.description, f.source_id, ${SRC} FROM formulas f LEFT JOIN sources s ON s.id = f.source_id WHERE f.product_id = ? ORDER BY f.sort`)
      .all(id) as (SourceRow & { code: string; label: string; kind: 'formula' | 'option'; description: string | null; source_id: number | null })[]
  ).map((f) => ({
    code: f.code,
    label: f.label,
    kind: f.kind,
    ...(f.description !== null ? { description: f.description } : {}),
    ...(f.source_id !== null ? { source: toSource(f) } : {}),
  }));
  const segments = (
    db.prepare(`SELECT g.*, ${SRC} FROM segments g JOIN sources s ON s.id = g.source_id WHERE g.product_id = ? ORDER BY g.sort`).all(id) as (SourceRow & {
      code: string;
      label: string;
      roles: string;
      status: 'actif' | 'retraite' | null;
      age_min: number | null;
      age_max: number | null;
    })[]
  ).map((g) => ({
    code: g.code,
    label: g.label,
    roles: JSON.parse(g.roles) as ('principal' | 'conjoint' | 'enfant')[],
    status: g.status,
    ageMin: g.age_min,
    ageMax: g.age_max,
    source: toSource(g),
  }));
  const components = db.prepare('SELECT label, rate FROM version_components WHERE version_id = ? ORDER BY sort');
  const versionRows = db
    .prepare(`SELECT v.*, ${SRC} FROM versions v JOIN sources s ON s.id = v.source_id WHERE v.product_id = ? ORDER BY v.sort`)
    .all(id) as (SourceRow & {
    id: number;
    code: string;
    label: string;
    effective_from: string | null;
    effective_to: string | null;
    document_code: string;
    reference: string | null;
    revision_mode: 'additive' | 'compound' | null;
  })[];
  const versions = versionRows.map((v) => ({
    code: v.code,
    label: v.label,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
    document: v.document_code,
    ...(v.reference !== null ? { reference: v.reference } : {}),
    ...(v.revision_mode !== null ? { revision: { mode: v.revision_mode, components: components.all(v.id) as { label: string; rate: string }[] } } : {}),
    source: toSource(v),
  }));
  const categories = db
    .prepare('SELECT c.key, c.label FROM product_categories pc JOIN categories c ON c.key = pc.category_key WHERE pc.product_id = ? ORDER BY pc.sort')
    .all(id) as { key: string; label: string }[];
  const quantities = db.prepare('SELECT kind, value FROM guarantee_quantities WHERE guarantee_id = ? ORDER BY sort');
  const guarantees = (
    db.prepare(`SELECT g.*, ${SRC} FROM guarantees g JOIN sources s ON s.id = g.source_id WHERE g.product_id = ? ORDER BY g.sort`).all(id) as (SourceRow & {
      id: number;
      category_key: string;
      label: string;
      formula_codes: string;
      version_codes: string;
      status: 'covered' | 'not_covered' | 'unspecified';
      text: string;
      trigger: string | null;
      beneficiary: string | null;
      conditions: string | null;
      derived: string | null;
    })[]
  ).map((g) => {
    const q: Quantities = {};
    for (const r of quantities.all(g.id) as { kind: keyof Quantities; value: number }[]) q[r.kind] = r.value;
    return {
      category: g.category_key,
      label: g.label,
      formulas: JSON.parse(g.formula_codes) as string[],
      versions: JSON.parse(g.version_codes) as string[],
      status: g.status,
      quantities: q,
      ...(g.derived !== null ? { derived: JSON.parse(g.derived) as string[] } : {}),
      text: g.text,
      ...(g.trigger !== null ? { trigger: g.trigger } : {}),
      ...(g.beneficiary !== null ? { beneficiary: g.beneficiary } : {}),
      ...(g.conditions !== null ? { conditions: g.conditions } : {}),
      source: toSource(g),
    };
  });
  const tariffs = (
    db
      .prepare(
        `SELECT v.code AS version, f.code AS formula, c.option_code, g.code AS segment, c.zone, c.amount_cents, c.period, ${SRC}
         FROM tariff_cells c JOIN versions v ON v.id = c.version_id JOIN formulas f ON f.id = c.formula_id JOIN segments g ON g.id = c.segment_id
         LEFT JOIN sources s ON s.id = c.source_id
         WHERE c.version_id IN (SELECT id FROM versions WHERE product_id = ?)
         ORDER BY v.sort, f.sort, c.option_code, g.sort, c.zone`,
      )
      .all(id) as (SourceRow & { version: string; formula: string; option_code: string; segment: string; zone: string; amount_cents: number; period: 'month' | 'year' })[]
  ).map((c) => ({
    version: c.version,
    formula: c.formula,
    option: c.option_code,
    segment: c.segment,
    zone: c.zone,
    amountCents: c.amount_cents,
    period: c.period,
    source: toSource(c),
  }));
  const rules = (
    db.prepare(`SELECT r.*, ${SRC} FROM rules r JOIN sources s ON s.id = r.source_id WHERE r.product_id = ? ORDER BY r.sort`).all(id) as (SourceRow & {
      type: string;
      version_codes: string;
      formula_codes: string;
      params: string;
      text: string;
    })[]
  ).map((r) => ({
    type: r.type,
    versions: JSON.parse(r.version_codes) as string[],
    formulas: JSON.parse(r.formula_codes) as string[],
    params: JSON.parse(r.params) as Record<string, unknown>,
    text: r.text,
    source: toSource(r),
  }));
  const subscribers = (db.prepare('SELECT organisation_id FROM product_subscribers WHERE product_id = ? ORDER BY sort').all(id) as { organisation_id: string }[]).map(
    (r) => r.organisation_id,
  );
  const references = (db.prepare('SELECT reference FROM product_references WHERE product_id = ? ORDER BY sort').all(id) as { reference: string }[]).map((r) => r.reference);
  return {
    formatVersion: 1,
    product: {
      id: p.id,
      kind: p.kind,
      name: p.name,
      insurer: p.insurer_id,
      distributor: p.distributor_id,
      subscribers,
      references,
      attachedTo: p.attached_to,
      ...(p.description !== null ? { description: p.description } : {}),
      source: toSource(p),
    },
    organisations,
    documents,
    formulas,
    segments,
    versions,
    categories,
    guarantees,
    tariffs,
    rules,
  };
}

export function getTaxonomy(db: Db): TaxonomyFile['categories'] {
  return db.prepare('SELECT key, label, sort AS "order" FROM categories ORDER BY sort, key').all() as TaxonomyFile['categories'];
}

export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** One tariff cell by its key (uses the primary key). */
export function findTariffCell(
  db: Db,
  key: { productId: string; version: string; formula: string; option?: string; segment: string; zone?: string },
): { amountCents: number; period: 'month' | 'year' } | null {
  const row = db
    .prepare(
      `SELECT c.amount_cents, c.period FROM tariff_cells c
       WHERE c.version_id = (SELECT id FROM versions WHERE product_id = ? AND code = ?)
         AND c.formula_id = (SELECT id FROM formulas WHERE product_id = ? AND code = ?)
         AND c.option_code = ?
         AND c.segment_id = (SELECT id FROM segments WHERE product_id = ? AND code = ?)
         AND c.zone = ?`,
    )
    .get(key.productId, key.version, key.productId, key.formula, key.option ?? '', key.productId, key.segment, key.zone ?? '') as
    | { amount_cents: number; period: 'month' | 'year' }
    | undefined;
  return row ? { amountCents: row.amount_cents, period: row.period } : null;
}
