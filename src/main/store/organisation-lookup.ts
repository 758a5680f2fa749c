/**
 * An organisation as the catalogue holds it, read by id: an import compares the organisations of its
 * file with these rows, which every product shares.
 */
import type { Source } from '../../shared/core/catalogue-schema';
import type { Db } from './open';

/** The stored row in the shape of a product file's organisation (roles as stored, details only when set). */
export interface StoredOrganisation {
  id: string;
  name: string;
  roles: unknown;
  details?: string;
  source: Source;
}

interface OrganisationRow {
  id: string;
  name: string;
  roles: string;
  details: string | null;
  file: string;
  section: string;
  line_from: number;
  line_to: number;
  quote: string;
}

/** A reader of stored organisations by id (the statement prepared once for a whole import). */
export function organisationLookup(db: Db): (id: string) => StoredOrganisation | undefined {
  const statement = db.prepare(
    'SELECT o.id, o.name, o.roles, o.details, s.file, s.section, s.line_from, s.line_to, s.quote FROM organisations o JOIN sources s ON s.id = o.source_id WHERE o.id = ?',
  );
  return (id) => {
    const row = statement.get(id) as OrganisationRow | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      roles: JSON.parse(row.roles) as unknown,
      ...(row.details !== null ? { details: row.details } : {}),
      source: { file: row.file, section: row.section, lines: [row.line_from, row.line_to], quote: row.quote },
    };
  };
}
