/**
 * The JSON catalogue package: `{ "format": "grille-catalogue", "formatVersion": 1, "taxonomy": [...],
 * "products": [ProductFile...] }`, for exchanging products between colleagues. A single data/ product
 * file (`{ "formatVersion": 1, "product": … }`) is read as a package of one product.
 */
import type { ProductFile, TaxonomyFile } from '../../shared/core/catalogue-schema';
import { mib, type ImportLimits } from './limits';
import { ImportRejected, rejectFile } from './problems';
import { formatPath, type ParsedInput, type Path } from './validate';
import { decodeUtf8 } from './text';

export const PACKAGE_FORMAT = 'grille-catalogue';

export interface CataloguePackage {
  format: typeof PACKAGE_FORMAT;
  formatVersion: 1;
  taxonomy: TaxonomyFile['categories'];
  products: ProductFile[];
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

export function parsePackage(bytes: Buffer, file: string, limits: ImportLimits): ParsedInput {
  if (bytes.length > limits.jsonBytes) throw rejectFile(file, `fichier de ${mib(bytes.length)} : ${mib(limits.jsonBytes)} au plus pour un paquet JSON`);
  const text = decodeUtf8(bytes, file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? lineColumn(text, Number(pos[1])) : null;
    const detail = msg.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    throw rejectFile(
      file,
      text.trim() === '' ? 'fichier vide : un paquet JSON de catalogue est attendu' : `JSON invalide${where ? ` (colonne ${where.column})` : ''} : ${detail}`,
      where ? { row: where.line } : {},
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw rejectFile(file, 'un objet JSON est attendu : { "format": "grille-catalogue", "formatVersion": 1, "taxonomy": [...], "products": [...] }');
  }
  const o = data as Record<string, unknown>;
  const locateIn = (base: string) => (path: Path) => ({ path: `${base}${path.length ? (typeof path[0] === 'number' ? '' : '.') + formatPath(path) : ''}` });
  // a product file of data/ on its own
  if (!('format' in o) && 'product' in o && 'formatVersion' in o) {
    return { format: 'json', taxonomy: [], products: [{ raw: o, locate: locateIn(''), reported: new Set(), shaped: false }] };
  }
  const problems: string[] = [];
  if (o.format !== PACKAGE_FORMAT) problems.push(`« format » : "${PACKAGE_FORMAT}" attendu, trouvé ${JSON.stringify(o.format) ?? 'rien'}`);
  if (o.formatVersion !== 1) {
    problems.push(
      typeof o.formatVersion === 'number' && o.formatVersion > 1
        ? `« formatVersion » ${o.formatVersion} : paquet écrit par une version plus récente de Grille (cette version lit la version 1)`
        : `« formatVersion » : 1 attendu, trouvé ${JSON.stringify(o.formatVersion) ?? 'rien'}`,
    );
  }
  if (!Array.isArray(o.products) || o.products.length === 0) problems.push('« products » : une liste d’au moins un produit est attendue');
  if (o.taxonomy !== undefined && !Array.isArray(o.taxonomy)) problems.push('« taxonomy » : une liste de catégories est attendue');
  const unknown = Object.keys(o).filter((k) => !['format', 'formatVersion', 'taxonomy', 'products'].includes(k));
  if (unknown.length) problems.push(`clé(s) inconnue(s) : ${unknown.join(', ')}`);
  if (problems.length) throw new ImportRejected(file, problems.map((message) => ({ file, message })));
  const taxonomy = ((o.taxonomy as unknown[] | undefined) ?? []).map((raw, i) => ({ raw, where: { path: `taxonomy[${i}]` } }));
  const products = (o.products as unknown[]).map((raw, i) => ({ raw, locate: locateIn(`products[${i}]`), reported: new Set<string>(), shaped: false }));
  return { format: 'json', taxonomy, products };
}

/**
 * The package as text: indented, one tariff cell and one taxonomy category per line (a 1 M-cell
 * package stays within the import size limit and a diff stays readable).
 */
export function stringifyPackage(pkg: CataloguePackage): string {
  const out: string[] = ['{', `  "format": ${JSON.stringify(pkg.format)},`, `  "formatVersion": ${pkg.formatVersion},`];
  out.push(`  "taxonomy": [${pkg.taxonomy.length ? '' : '],'}`);
  pkg.taxonomy.forEach((c, i) => out.push(`    ${JSON.stringify(c)}${i < pkg.taxonomy.length - 1 ? ',' : ''}`));
  if (pkg.taxonomy.length) out.push('  ],');
  out.push('  "products": [');
  pkg.products.forEach((p, i) => {
    const marker = `\u0000tarifs-${i}`;
    const body = JSON.stringify({ ...p, tariffs: marker }, null, 2)
      .split('\n')
      .map((l) => `    ${l}`);
    const at = body.findIndex((l) => l === `      "tariffs": ${JSON.stringify(marker)},` || l === `      "tariffs": ${JSON.stringify(marker)}`);
    const comma = body[at]!.endsWith(',') ? ',' : '';
    const cells = p.tariffs.map((t, j) => `        ${JSON.stringify(t)}${j < p.tariffs.length - 1 ? ',' : ''}`);
    const lines = p.tariffs.length ? ['      "tariffs": ['].concat(cells, [`      ]${comma}`]) : [`      "tariffs": []${comma}`];
    // concat, not splice(...lines): a million cells would overflow the call stack as arguments
    const merged = body.slice(0, at).concat(lines, body.slice(at + 1));
    out.push(`${merged.join('\n')}${i < pkg.products.length - 1 ? ',' : ''}`);
  });
  out.push('  ]', '}');
  return `${out.join('\n')}\n`;
}
