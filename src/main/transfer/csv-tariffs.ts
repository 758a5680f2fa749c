/**
 * A single tariff table as CSV: `formule;segment;montant`, with optional `option`, `zone`, `période`
 * columns and optional source columns (`fichier`, `section`, `lignes`, `citation`), separated by `;`
 * or `,`, UTF-8 with or without BOM. The cells go into one version of an existing product: a version
 * already there (never replacing a stored cell) or a new dated version the request describes. A problem
 * about the request speaks of the thing (« la date d’effet »), with the input it names (`input`, a Wording)
 * for a caller that names the inputs its own way: never of a command-line flag.
 */
import type { ProductFile, Source, TariffCellEntry } from '../../shared/core/catalogue-schema';
import { isoDate } from '../../shared/core/catalogue-schema';
import type { InputField, NamedInput, Wording } from '../../shared/input-error';
import type { Db } from '../store/open';
import { getProduct, productIds } from '../store/reader';
import { eurosTextToCents } from './cells';
import { enumValue, fold } from './layout';
import { mib, type ImportLimits } from './limits';
import { rejectFile, type Problems } from './problems';
import { decodeUtf8 } from './text';
import { pathKey, type ParsedInput, type Path, type Where } from './validate';

export interface CsvTarget {
  productId: string;
  version: string;
  /** creating a new version: its date of effect (AAAA-MM-JJ) */
  effectiveFrom?: string | undefined;
  label?: string | undefined;
  /** the documents id of the new version (default: the document of the product's last version) */
  document?: string | undefined;
  reference?: string | undefined;
  /** "mois" / "an" (or month / year) when the file has no période column */
  period?: string | undefined;
  /** the source of the whole table when the file has no source columns */
  source?: { file?: string | undefined; section?: string | undefined; lines?: string | undefined; quote?: string | undefined } | undefined;
}

const COLUMNS = {
  formule: 'formula',
  formula: 'formula',
  segment: 'segment',
  montant: 'amount',
  'montant (€)': 'amount',
  'montant (eur)': 'amount',
  option: 'option',
  zone: 'zone',
  periode: 'period',
  period: 'period',
  fichier: 'file',
  section: 'section',
  lignes: 'lines',
  citation: 'quote',
} as const;
type Field = (typeof COLUMNS)[keyof typeof COLUMNS];

const periodValues = [
  { value: 'month', label: 'mois', also: ['mensuel', 'par mois'] },
  { value: 'year', label: 'an', also: ['annuel', 'par an', 'année'] },
];

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180 records (quotes, doubled quotes, line breaks inside quotes), with the line each starts on. */
export function parseCsv(text: string, file: string, limits: ImportLimits): { separator: string; records: CsvRecord[] } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > 0 ? ';' : ',';
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endField = () => {
    if (field.length > limits.cellChars) throw rejectFile(file, `champ de ${field.length} caractères : ${limits.cellChars} au plus`, { row: start });
    fields.push(field);
    field = '';
    if (fields.length > limits.columns) throw rejectFile(file, `plus de ${limits.columns} champs sur une ligne : fichier refusé`, { row: start });
  };
  const endRecord = () => {
    endField();
    records.push({ line: start, fields });
    if (records.length > limits.rows) throw rejectFile(file, `plus de ${limits.rows.toLocaleString('fr-FR')} lignes : fichier refusé`);
    fields = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      if (field.length > limits.cellChars) throw rejectFile(file, `champ de plus de ${limits.cellChars} caractères : fichier refusé`, { row: start });
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === separator) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw rejectFile(file, 'guillemet ouvert jamais refermé : fin de fichier atteinte dans un champ entre guillemets', { row: start });
  if (field !== '' || fields.length) endRecord();
  return { separator, records: records.filter((r) => r.fields.some((f) => f.trim() !== '')) };
}

function parseLines(text: string): [number, number] | null {
  const m = /^\s*(\d+)\s*(?:[-–à]\s*(\d+))?\s*$/.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return Number.isSafeInteger(a) && Number.isSafeInteger(b) ? [a, b] : null;
}

/** The header line: which column holds which field (unknown and repeated columns are reported and ignored). */
interface Header {
  line: number;
  fields: string[];
  /** the column of each field the file has */
  seen: Map<Field, number>;
  /** the source columns present (all four, or none, are expected) */
  sourceColumns: Field[];
}

const headerName = (header: Header, f: Field): string => header.fields[header.seen.get(f)!] ?? f;

function readHeader(header: CsvRecord, problems: Problems): Header {
  const seen = new Map<Field, number>();
  header.fields.forEach((h, c) => {
    const f = (COLUMNS as Record<string, Field>)[fold(h)];
    if (!f) problems.add({ row: header.line, column: h }, `colonne inconnue « ${h} » : colonnes attendues formule, segment, montant (et option, zone, période, fichier, section, lignes, citation)`);
    else if (seen.has(f)) problems.add({ row: header.line, column: h }, `colonne « ${h} » en double`);
    else seen.set(f, c);
  });
  for (const [f, name] of [
    ['formula', 'formule'],
    ['segment', 'segment'],
    ['amount', 'montant'],
  ] as const) {
    if (!seen.has(f)) problems.add({ row: header.line }, `colonne obligatoire « ${name} » absente (en-têtes trouvés : ${header.fields.join(', ')})`);
  }
  const sourceColumns = (['file', 'section', 'lines', 'quote'] as const).filter((f) => seen.has(f));
  if (sourceColumns.length > 0 && sourceColumns.length < 4) {
    problems.add({ row: header.line }, 'colonnes de source incomplètes : fichier, section, lignes et citation vont ensemble');
  }
  return { line: header.line, fields: header.fields, seen, sourceColumns };
}

const sourceParts: Record<'file' | 'section' | 'lines' | 'quote', NamedInput> = {
  file: { field: 'sourceFile', thing: 'le fichier' },
  section: { field: 'sourceSection', thing: 'la section' },
  lines: { field: 'sourceLines', thing: 'les lignes (ex. 220-228)', tail: ' (ex. 220-228)' },
  quote: { field: 'sourceQuote', thing: 'la citation' },
};

/** « a, b, c et d »: the inputs of a list, each named by the caller. */
function listed(parts: readonly NamedInput[], last = ' et '): Wording {
  return parts.flatMap((p, i) => (i === 0 ? [p] : [i === parts.length - 1 ? last : ', ', p]));
}

/**
 * The four source inputs as one: the desktop says `thing` (its form has the four fields together), a caller
 * that names each says « `lead`a, b, c et d ».
 */
function allSourceInputs(thing: string, lead: string): Wording {
  const [first, ...rest] = (['file', 'section', 'lines', 'quote'] as const).map((k) => ({ ...sourceParts[k], thing: '', tail: undefined }));
  return [{ ...first!, thing, lead }, ...rest.map((p, i) => ({ ...p, lead: i === rest.length - 1 ? ' et ' : ', ' }))];
}

/** The table's source when the file has none per line (the request's source of the whole table). */
function tableSourceOf(target: CsvTarget, header: Header, problems: Problems): Source | null {
  let tableSource: Source | null = null;
  const s = target.source;
  const anySourceOption = s && (s.file || s.section || s.lines || s.quote);
  if (anySourceOption) {
    const lines = s.lines ? parseLines(s.lines) : null;
    const missing = [!s.file && sourceParts.file, !s.section && sourceParts.section, !lines && sourceParts.lines, !s.quote && sourceParts.quote].filter((p): p is NamedInput => p !== false);
    if (missing.length) problems.add({ path: 'source du tableau', input: 'source' }, ['source du tableau incomplète : ', ...listed(missing, ', ')]);
    else tableSource = { file: s.file!, section: s.section!, lines: lines!, quote: s.quote! };
  }
  if (header.sourceColumns.length === 0 && !anySourceOption) {
    problems.add({}, [
      'source absente : chaque montant a sa source ; ajoutez les colonnes fichier, section, lignes et citation, ou ',
      ...allSourceInputs('la source du tableau entier (fichier, section, lignes et citation)', 'les options '),
    ]);
  }
  return tableSource;
}

interface TargetVersion {
  versions: ProductFile['versions'];
  /** the cells go into a stored version */
  existing: boolean;
  /** the index of the new version the options describe, -1 when none */
  newVersionIndex: number;
}

/** The version the cells go into: a stored one, or a new one from the options (its date required). */
function targetVersion(stored: ProductFile, target: CsvTarget, tableSource: Source | null, problems: Problems): TargetVersion {
  const existing = stored.versions.some((v) => v.code === target.version);
  if (existing) {
    if (target.effectiveFrom || target.label || target.document || target.reference) {
      problems.add({ path: 'nouvelle version', input: 'version' }, [
        `la version ${target.version} existe déjà : `,
        ...listed([versionInputs.effectiveFrom, versionInputs.label, versionInputs.document, versionInputs.reference]),
        ` ne servent qu'à créer une nouvelle version`,
      ]);
    }
    return { versions: stored.versions, existing, newVersionIndex: -1 };
  }
  if (!target.effectiveFrom) {
    problems.add({ path: 'version', input: 'version' }, [
      `version « ${target.version} » inconnue de ${stored.product.id} (versions : ${stored.versions.map((v) => v.code).join(', ')}) ; pour créer une nouvelle version, donnez sa date d'effet`,
      { field: 'effectiveFrom', thing: ' (AAAA-MM-JJ)', lead: ' avec ', tail: ' AAAA-MM-JJ' },
    ]);
    return { versions: stored.versions, existing, newVersionIndex: -1 };
  }
  if (!isoDate.safeParse(target.effectiveFrom).success) problems.add(optionWhere('effectiveFrom'), `date attendue au format AAAA-MM-JJ, trouvé « ${target.effectiveFrom} »`);
  const version = {
    code: target.version,
    label: target.label ?? target.version,
    effectiveFrom: target.effectiveFrom,
    effectiveTo: null,
    document: target.document ?? stored.versions.at(-1)!.document,
    ...(target.reference ? { reference: target.reference } : {}),
    source: tableSource ?? (undefined as unknown as Source),
  };
  return { versions: [...stored.versions, version], existing, newVersionIndex: stored.versions.length };
}

type Period = 'month' | 'year';

/** The period of the whole table: the option, or the stored cells' one when the file has no période column. */
function tablePeriodOf(target: CsvTarget, header: Header, stored: ProductFile, problems: Problems): Period | null {
  if (target.period !== undefined) {
    const v = enumValue(periodValues, target.period);
    if (!v) problems.add(optionWhere('period'), `mois ou an attendu, trouvé « ${target.period} »`);
    return v ? (v as Period) : null;
  }
  if (header.seen.has('period')) return null;
  const periods = new Set(stored.tariffs.map((t) => t.period));
  if (periods.size === 1) return [...periods][0]!;
  problems.add({}, ['période absente : ajoutez une colonne période (mois ou an) ou ', { field: 'period', thing: 'choisissez la période des montants', lead: 'l’option ' }]);
  return null;
}

/** What every row of the table shares. */
interface Table {
  header: Header;
  version: string;
  tablePeriod: Period | null;
  tableSource: Source | null;
}

/** One row's fields: `get` reads a column (trimmed), `bad` reports a cell and marks its path as reported. */
interface RowCells {
  record: CsvRecord;
  get: (f: Field) => string | undefined;
  bad: (f: Field, field: string, message: string) => void;
}

function amountOf({ get, bad }: RowCells): number {
  const amount = get('amount');
  if (amount === undefined) return 0;
  if (amount === '') bad('amount', 'amountCents', 'montant obligatoire (en euros, ex. 25,14)');
  else if (/^-/.test(amount)) bad('amount', 'amountCents', `montant négatif (${amount}) : un montant est positif ou nul`);
  else {
    const c = eurosTextToCents(amount);
    if (c !== null) return c;
    bad('amount', 'amountCents', `montant en euros attendu avec deux décimales au plus (ex. 25,14), trouvé « ${amount} »`);
  }
  return 0;
}

function periodOf({ get, bad }: RowCells, tablePeriod: Period | null): Period {
  const p = get('period');
  if (p === undefined) return tablePeriod ?? 'month';
  const v = p === '' && tablePeriod ? tablePeriod : enumValue(periodValues, p);
  if (v) return v as Period;
  bad('period', 'period', `période attendue : mois ou an ; trouvé « ${p} »`);
  return tablePeriod ?? 'month';
}

function sourceOf({ record, get, bad }: RowCells, table: Table): Source | null {
  if (table.header.sourceColumns.length !== 4) return table.tableSource;
  const [f, sec, l, q] = [get('file')!, get('section')!, get('lines')!, record.fields[table.header.seen.get('quote')!]!];
  const lines = parseLines(l);
  if (f === '' || sec === '' || q.trim() === '') bad(f === '' ? 'file' : sec === '' ? 'section' : 'quote', 'source', 'source incomplète : fichier, section, lignes et citation sont obligatoires');
  else if (!lines) bad('lines', 'source', `lignes attendues (ex. 220 ou 220-228), trouvé « ${l} »`);
  else return { file: f, section: sec, lines, quote: q };
  return table.tableSource;
}

/** The cell of a row, each of its values checked (a bad value is reported and replaced by a placeholder). */
function readCell(cells: RowCells, table: Table): { cell: TariffCellEntry; sourced: boolean } {
  const { get, bad } = cells;
  const formula = get('formula') ?? '';
  const segment = get('segment') ?? '';
  if (table.header.seen.has('formula') && formula === '') bad('formula', 'formula', 'code de formule obligatoire');
  if (table.header.seen.has('segment') && segment === '') bad('segment', 'segment', 'code de segment obligatoire');
  const amountCents = amountOf(cells);
  const period = periodOf(cells, table.tablePeriod);
  const source = sourceOf(cells, table);
  return {
    cell: { version: table.version, formula, option: get('option') ?? '', segment, zone: get('zone') ?? '', amountCents, period, source: source ?? (undefined as unknown as Source) },
    sourced: source !== null,
  };
}

/** The rows' cells and their lines; `reported` gets the paths of the cells already said wrong. */
function readRows(records: CsvRecord[], separator: string, table: Table, stored: ProductFile, problems: Problems, reported: Set<string>, unknownVersion: boolean): { cells: TariffCellEntry[]; rows: number[] } {
  const { header } = table;
  const storedCells = new Map(stored.tariffs.map((t) => [[t.version, t.formula, t.option, t.segment, t.zone].join('|'), t]));
  const csvCells = new Map<string, number>();
  const cells: TariffCellEntry[] = [];
  const rows: number[] = [];
  for (const r of records) {
    if (r.fields.length !== header.fields.length) {
      problems.add({ row: r.line }, `${r.fields.length} champ(s) au lieu de ${header.fields.length} (séparateur « ${separator} » ; un montant avec une virgule décimale s'écrit entre guillemets si le séparateur est la virgule)`);
      continue;
    }
    const index = stored.tariffs.length + cells.length;
    const { cell, sourced } = readCell(
      {
        record: r,
        get: (f) => (header.seen.has(f) ? r.fields[header.seen.get(f)!]!.trim() : undefined),
        bad: (f, field, message) => {
          problems.add({ row: r.line, column: headerName(header, f) }, message);
          reported.add(pathKey(['tariffs', index, field]));
        },
      },
      table,
    );
    if (!isNewCell(cell, r.line, storedCells, csvCells, problems)) reported.add(pathKey(['tariffs', index]));
    cells.push(cell);
    if (!sourced) reported.add(pathKey(['tariffs', index, 'source']));
    if (unknownVersion) reported.add(pathKey(['tariffs', index, 'version']));
    rows.push(r.line);
  }
  return { cells, rows };
}

/** The same cell twice, or a cell the catalogue already holds: said here, with both places. */
function isNewCell(cell: TariffCellEntry, line: number, storedCells: Map<string, TariffCellEntry>, csvCells: Map<string, number>, problems: Problems): boolean {
  const key = [cell.version, cell.formula, cell.option, cell.segment, cell.zone].join('|');
  const label = [cell.formula, cell.option && `option ${cell.option}`, cell.segment, cell.zone && `zone ${cell.zone}`].filter(Boolean).join(' / ');
  const before = storedCells.get(key);
  if (before) {
    problems.add({ row: line }, `la cellule ${label} de la version ${cell.version} est déjà au catalogue (${(before.amountCents / 100).toFixed(2).replace('.', ',')} € par ${before.period === 'month' ? 'mois' : 'an'}) : un import n'écrase pas une valeur existante`);
    return false;
  }
  if (csvCells.has(key)) {
    problems.add({ row: line }, `la cellule ${label} figure déjà ligne ${csvCells.get(key)!} (même formule, option, segment et zone)`);
    return false;
  }
  csvCells.set(key, line);
  return true;
}

const fieldHeader: Record<string, Field> = { formula: 'formula', segment: 'segment', option: 'option', zone: 'zone', amountCents: 'amount', period: 'period' };

/** The request's inputs that describe a new version, as the desktop names them. */
const versionInputs = {
  effectiveFrom: { field: 'effectiveFrom', thing: 'la date d’effet' },
  label: { field: 'label', thing: 'le libellé' },
  document: { field: 'document', thing: 'le document' },
  reference: { field: 'reference', thing: 'la référence' },
  period: { field: 'period', thing: 'la période des montants' },
  source: { field: 'source', thing: 'la source du tableau' },
} as const satisfies Record<string, NamedInput>;

/** A problem's place when it is an input of the request: the thing (desktop), and the input (the CLI's flag). */
function optionWhere(key: keyof typeof versionInputs): { path: string; input: InputField } {
  return { path: versionInputs[key].thing, input: versionInputs[key].field };
}

/** The field of the new version each input of the request gives. */
const versionFieldInput: Record<string, keyof typeof versionInputs> = { effectiveFrom: 'effectiveFrom', effectiveTo: 'effectiveFrom', label: 'label', document: 'document', reference: 'reference', source: 'source' };

/** Where a path of the product is: a row (and column) of the file, a stored cell, or an input of the request. */
function csvLocator(header: Header, base: number, rows: number[], newVersionIndex: number): (path: Path) => Where {
  return (path) => {
    const [part, i, field] = path;
    if (part === 'tariffs' && typeof i === 'number' && i >= base) {
      const f = typeof field === 'string' ? fieldHeader[field] : undefined;
      return { row: rows[i - base]!, ...(f && header.seen.has(f) ? { column: headerName(header, f) } : {}) };
    }
    if (part === 'tariffs' && typeof i === 'number') return { path: `catalogue, tarif n°${i + 1}` };
    if (part === 'versions' && i === newVersionIndex) {
      const input = versionFieldInput[String(field)];
      return input ? optionWhere(input) : { path: 'nouvelle version' };
    }
    return {};
  };
}

/** Reads the CSV and returns the product as it would be after the import (the validator does the rest). */
export function readTariffCsv(db: Db, bytes: Buffer, file: string, limits: ImportLimits, problems: Problems, target: CsvTarget): ParsedInput {
  if (bytes.length > limits.csvBytes) throw rejectFile(file, `fichier de ${mib(bytes.length)} : ${mib(limits.csvBytes)} au plus pour un CSV`);
  const stored = getProduct(db, target.productId);
  if (!stored) throw rejectFile(file, [`produit inconnu : « ${target.productId} »`, { field: 'product', thing: '', lead: ' (', tail: ')' }, `. Produits du catalogue : ${productIds(db).join(', ')}`]);
  const text = decodeUtf8(bytes, file);
  const { separator, records } = parseCsv(text, file, limits);
  if (records.length === 0) throw rejectFile(file, 'fichier vide : une ligne d’en-têtes formule;segment;montant puis une ligne par cellule sont attendues');
  const header = readHeader(records[0]!, problems);
  const tableSource = tableSourceOf(target, header, problems);
  const { versions, existing, newVersionIndex } = targetVersion(stored, target, tableSource, problems);
  const table: Table = { header, version: target.version, tablePeriod: tablePeriodOf(target, header, stored, problems), tableSource };
  const reported = new Set<string>();
  const { cells, rows } = readRows(records.slice(1), separator, table, stored, problems, reported, !existing && newVersionIndex < 0);
  if (records.length === 1) problems.add({}, 'aucune ligne de tarif après les en-têtes');
  const raw: ProductFile = { ...stored, versions, tariffs: [...stored.tariffs, ...cells] };
  const locate = csvLocator(header, stored.tariffs.length, rows, newVersionIndex);
  if (!tableSource && newVersionIndex >= 0) {
    reported.add(pathKey(['versions', newVersionIndex, 'source']));
    if (header.sourceColumns.length === 4) problems.add(optionWhere('source'), ['une nouvelle version a besoin de sa source : ', ...allSourceInputs('la source du tableau (fichier, section, lignes et citation)', 'options ')]);
  }
  return { format: 'csv', taxonomy: [], products: [{ raw, locate, reported, shaped: true }] };
}
