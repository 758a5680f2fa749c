/**
 * The migrations, in order. Migration i takes the schema from user_version i to i + 1.
 * Never edit a released migration: add a new one. The text of each is hashed by
 * test/db/migrations-frozen.test.ts and the resulting schema kept in test/db/__snapshots__/schema.sql.
 * Each is plain SQL with nothing interpolated: its CHECK lists are literals, so adding a product or
 * quantity kind to catalogue-schema.ts cannot rewrite a released migration (the kind needs a new
 * migration that rebuilds the table with the longer list; the frozen test compares the lists).
 */
export const migrations: readonly string[] = [
  // 1: the catalogue
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    -- the product whose deletion removes this source; NULL for shared rows (organisations)
    product_id TEXT,
    file TEXT NOT NULL,
    section TEXT NOT NULL,
    line_from INTEGER NOT NULL,
    line_to INTEGER NOT NULL,
    quote TEXT NOT NULL,
    CHECK (line_from >= 1 AND line_from <= line_to)
  );
  CREATE INDEX sources_product ON sources(product_id);

  CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    roles TEXT NOT NULL CHECK (json_valid(roles)),
    details TEXT,
    source_id INTEGER NOT NULL REFERENCES sources(id)
  );

  CREATE TABLE categories (
    key TEXT PRIMARY KEY,
    parent_key TEXT REFERENCES categories(key),
    label TEXT NOT NULL,
    sort INTEGER NOT NULL
  );
  CREATE INDEX categories_parent ON categories(parent_key);

  CREATE TABLE products (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('sante', 'assistance', 'mav', 'prevoyance', 'reseau')),
    name TEXT NOT NULL,
    insurer_id TEXT NOT NULL REFERENCES organisations(id),
    distributor_id TEXT REFERENCES organisations(id),
    attached_to TEXT,
    description TEXT,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    sort INTEGER NOT NULL
  );

  CREATE TABLE product_organisations (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    sort INTEGER NOT NULL,
    PRIMARY KEY (product_id, organisation_id)
  ) WITHOUT ROWID;

  CREATE TABLE product_subscribers (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    sort INTEGER NOT NULL,
    PRIMARY KEY (product_id, organisation_id)
  ) WITHOUT ROWID;

  CREATE TABLE product_references (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    reference TEXT NOT NULL,
    sort INTEGER NOT NULL,
    PRIMARY KEY (product_id, reference)
  ) WITHOUT ROWID;

  CREATE TABLE product_categories (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    category_key TEXT NOT NULL REFERENCES categories(key),
    sort INTEGER NOT NULL,
    PRIMARY KEY (product_id, category_key)
  ) WITHOUT ROWID;

  CREATE TABLE documents (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    file TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    line_from INTEGER NOT NULL,
    line_to INTEGER NOT NULL,
    date TEXT,
    sort INTEGER NOT NULL,
    PRIMARY KEY (product_id, code)
  ) WITHOUT ROWID;

  CREATE TABLE formulas (
    id INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('formula', 'option')),
    description TEXT,
    source_id INTEGER REFERENCES sources(id),
    sort INTEGER NOT NULL,
    UNIQUE (product_id, code)
  );

  CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    roles TEXT NOT NULL CHECK (json_valid(roles)),
    status TEXT CHECK (status IN ('actif', 'retraite')),
    age_min INTEGER,
    age_max INTEGER,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    sort INTEGER NOT NULL,
    UNIQUE (product_id, code)
  );

  CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    effective_from TEXT,
    effective_to TEXT,
    document_code TEXT NOT NULL,
    reference TEXT,
    revision_mode TEXT CHECK (revision_mode IN ('additive', 'compound')),
    source_id INTEGER NOT NULL REFERENCES sources(id),
    sort INTEGER NOT NULL,
    UNIQUE (product_id, code),
    CHECK (effective_from IS NULL OR effective_to IS NULL OR effective_from <= effective_to)
  );

  CREATE TABLE version_components (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    sort INTEGER NOT NULL,
    label TEXT NOT NULL,
    rate TEXT NOT NULL,
    PRIMARY KEY (version_id, sort)
  ) WITHOUT ROWID;

  CREATE TABLE guarantees (
    id INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    category_key TEXT NOT NULL REFERENCES categories(key),
    label TEXT NOT NULL,
    formula_codes TEXT NOT NULL CHECK (json_valid(formula_codes)),
    version_codes TEXT NOT NULL CHECK (json_valid(version_codes)),
    status TEXT NOT NULL CHECK (status IN ('covered', 'not_covered', 'unspecified')),
    text TEXT NOT NULL,
    trigger TEXT,
    beneficiary TEXT,
    conditions TEXT,
    derived TEXT CHECK (derived IS NULL OR json_valid(derived)),
    source_id INTEGER NOT NULL REFERENCES sources(id),
    sort INTEGER NOT NULL
  );
  CREATE INDEX guarantees_product_category ON guarantees(product_id, category_key);

  CREATE TABLE guarantee_quantities (
    guarantee_id INTEGER NOT NULL REFERENCES guarantees(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('hours', 'days', 'minHoursPerVisit', 'amountCents', 'perNightCents', 'perDayCents', 'nights', 'sessions', 'count', 'percentBR', 'percentDiscount', 'km', 'periodDays', 'periodMonths', 'ageMax')),
    value REAL NOT NULL,
    sort INTEGER NOT NULL,
    PRIMARY KEY (guarantee_id, kind)
  ) WITHOUT ROWID;

  CREATE TABLE tariff_cells (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    formula_id INTEGER NOT NULL REFERENCES formulas(id) ON DELETE CASCADE,
    option_code TEXT NOT NULL DEFAULT '',
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    zone TEXT NOT NULL DEFAULT '',
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0 AND amount_cents = CAST(amount_cents AS INTEGER)),
    period TEXT NOT NULL CHECK (period IN ('month', 'year')),
    -- no foreign key here: deleting a source would scan millions of cells; the writer sets it and
    -- catalogue check verifies it
    source_id INTEGER,
    PRIMARY KEY (version_id, formula_id, option_code, segment_id, zone)
  ) WITHOUT ROWID;
  CREATE INDEX tariff_cells_formula ON tariff_cells(formula_id);
  CREATE INDEX tariff_cells_segment ON tariff_cells(segment_id);

  CREATE TABLE rules (
    id INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    version_codes TEXT NOT NULL CHECK (json_valid(version_codes)),
    formula_codes TEXT NOT NULL CHECK (json_valid(formula_codes)),
    params TEXT NOT NULL CHECK (json_valid(params)),
    text TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    sort INTEGER NOT NULL
  );
  CREATE INDEX rules_product ON rules(product_id);
  `,
  // 2: the audit trail (imports, restores, later the desktop edits). No foreign key on product_id:
  // the history of a product outlives the product.
  `
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    what TEXT NOT NULL,
    product_id TEXT,
    old_value TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
    new_value TEXT CHECK (new_value IS NULL OR json_valid(new_value)),
    comment TEXT
  );
  CREATE INDEX audit_product ON audit(product_id, id);
  `,
];

export const SCHEMA_VERSION = migrations.length;
