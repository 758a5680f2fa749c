/**
 * The IPC handlers of catalogue editing, history, undo, and the desktop import/export of catalogue data.
 * Every payload is checked by a strict zod schema (French messages) before a service sees it.
 *
 * Picking a file to import: the open dialog's path stays in the main process, behind a random token
 * (a bounded map whose tokens expire); the page gets the file's name, size and format, and sends the
 * token back to import it. The page never sends a path.
 */
import { randomBytes } from 'node:crypto';
import { statSync, type Stats } from 'node:fs';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import type { CatalogueEdit, EditScope, ExportCatalogueRequest, ImportReportDto, ImportRequest, PickedFile } from '../shared/api';
import { code, date } from '../shared/request-fields';
import { handler, inFrench, type FileFilter, type HandlerMap } from './ipc-handler';
import { editCatalogue, editHistory, EDIT_LIMITS, undoEdit } from './services/editing';
import { addFormulaPayload } from './services/edits/add-formula';
import { addGuaranteePayload } from './services/edits/add-guarantee';
import { addProductPayload } from './services/edits/add-product';
import { addVersionPayload } from './services/edits/add-version';
import { editFormulaLabelPayload } from './services/edits/edit-formula-label';
import { editGuaranteePayload } from './services/edits/edit-guarantee';
import { editTariffCellPayload } from './services/edits/edit-tariff-cell';
import { citedDocument, editComment, productId, text } from './services/edits/payload';
import { GrilleError } from '../shared/errors';
import type { ImportJob } from './jobs/tasks';
import { productsFor } from './transfer/export';
import { formatOf, type ImportFormat } from './transfer/import';

type EditMethods = 'editCatalogue' | 'undoEdit' | 'history' | 'pickImportFile' | 'importCatalogue' | 'exportCatalogue';

const catalogueEdit = z.discriminatedUnion('kind', [
  editGuaranteePayload,
  addGuaranteePayload,
  editTariffCellPayload,
  editFormulaLabelPayload,
  addFormulaPayload,
  addVersionPayload,
  addProductPayload,
]) satisfies z.ZodType<CatalogueEdit>;

const scope = z.object({ productId: productId.nullable() }).strict() satisfies z.ZodType<EditScope>;

const TOKEN_RE = /^[0-9a-f]{32}$/;
const importRequest = z
  .object({
    token: z.string().regex(TOKEN_RE, 'jeton de fichier invalide : choisissez le fichier de nouveau'),
    dryRun: z.boolean(),
    comment: editComment.nullable().optional(),
    csv: z
      .object({
        productId,
        version: code,
        effectiveFrom: date.optional(),
        label: text(EDIT_LIMITS.label).optional(),
        period: z.enum(['mois', 'an']).optional(),
        document: code.optional(),
        reference: text(EDIT_LIMITS.reference).optional(),
        source: citedDocument.optional(),
      })
      .strict()
      .optional(),
  })
  .strict() satisfies z.ZodType<ImportRequest>;
const exportRequest = z.object({ productIds: z.array(code).max(500), format: z.enum(['xlsx', 'json']) }).strict() satisfies z.ZodType<ExportCatalogueRequest>;

// ---- files picked in the open dialog, behind tokens

interface Picked {
  path: string;
  name: string;
  size: number;
  format: ImportFormat;
  expires: number;
}

/** How many picked files are remembered, and for how long. */
export const PICKED_LIMITS = Object.freeze({ entries: 16, ttlMs: 30 * 60 * 1000 });
const picked = new Map<string, Picked>();

function prune(now: number): void {
  for (const [token, p] of picked) if (p.expires <= now) picked.delete(token);
}

function remember(file: Omit<Picked, 'expires'>, now = Date.now()): string {
  prune(now);
  // the oldest goes first (a Map keeps insertion order)
  while (picked.size >= PICKED_LIMITS.entries) picked.delete(picked.keys().next().value!);
  const token = randomBytes(16).toString('hex');
  picked.set(token, { ...file, expires: now + PICKED_LIMITS.ttlMs });
  return token;
}

function recall(token: string, now = Date.now()): Picked {
  prune(now);
  const p = picked.get(token);
  if (!p) throw new GrilleError('NOT_FOUND', 'Fichier à importer inconnu ou choisi il y a trop longtemps : choisissez-le de nouveau (Fichier › Importer…).');
  return p;
}

/** The size of the file picked; a path that is gone or unreadable, or a folder, is said in French. */
function pickedSize(path: string, name: string): number {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    const gone = errno === 'ENOENT' || errno === 'ENOTDIR';
    throw new GrilleError(gone ? 'NOT_FOUND' : 'IO', `${name} : fichier illisible (${errno ?? (e as Error).message}).`);
  }
  if (!st.isFile()) throw new GrilleError('INVALID_INPUT', `${name} : fichier illisible (pas un fichier) ; choisissez un fichier JSON, XLSX ou CSV.`);
  return st.size;
}

export const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Données de catalogue (JSON, Excel, CSV)', extensions: ['json', 'xlsx', 'csv'] },
  { name: 'Paquet de catalogue (JSON)', extensions: ['json'] },
  { name: 'Modèle Excel (XLSX)', extensions: ['xlsx'] },
  { name: 'Table de tarifs (CSV)', extensions: ['csv'] },
];

export const editHandlers = {
  editCatalogue: handler(z.tuple([inFrench(catalogueEdit)]), async (s, [edit]) => editCatalogue(await s.catalogue(), edit, { today: s.today() })),
  undoEdit: handler(z.tuple([inFrench(scope)]), async (s, [r]) => undoEdit(await s.catalogue(), r.productId)),
  history: handler(z.tuple([inFrench(scope)]), async (s, [r]) => editHistory(await s.catalogue(), r.productId)),

  pickImportFile: handler(z.tuple([]), async (s): Promise<PickedFile | null> => {
    if (!s.openFile) throw new GrilleError('NOT_AVAILABLE', 'Le choix d’un fichier n’est pas disponible ici : importez avec « grille import FICHIER ».');
    const path = await s.openFile(IMPORT_FILTERS);
    if (path === null) return null;
    const format = formatOf(path);
    const name = basename(path);
    const size = pickedSize(path, name);
    return { token: remember({ path, name, size, format }), name, size, format };
  }),

  importCatalogue: handler(z.tuple([inFrench(importRequest)]), async (s, [r]): Promise<ImportReportDto> => {
    const file = recall(r.token);
    if (file.format === 'csv' && !r.csv) throw new GrilleError('INVALID_INPUT', `${file.name} : une table de tarifs CSV s’importe dans un produit et une version : indiquez-les.`);
    if (file.format !== 'csv' && r.csv) throw new GrilleError('INVALID_INPUT', `${file.name} : le produit et la version de destination ne servent qu’aux tables de tarifs CSV.`);
    const csv = r.csv
      ? {
          productId: r.csv.productId,
          version: r.csv.version,
          effectiveFrom: r.csv.effectiveFrom,
          label: r.csv.label,
          document: r.csv.document,
          reference: r.csv.reference,
          period: r.csv.period,
          ...(r.csv.source
            ? { source: { file: r.csv.source.file, section: r.csv.source.section, lines: `${r.csv.source.lines[0]}-${r.csv.source.lines[1]}`, quote: r.csv.source.quote } }
            : {}),
        }
      : undefined;
    // reading, checking and writing a file of a million cells takes a while: a job, with its progress
    const payload: ImportJob = { path: file.path, format: file.format, dryRun: r.dryRun, comment: r.comment ?? null, ...(csv ? { csv } : {}) };
    return s.jobs.run({ title: r.dryRun ? `Vérification de ${file.name}` : `Import de ${file.name}`, task: 'importCatalogue', payload });
  }),

  exportCatalogue: handler(z.tuple([inFrench(exportRequest)]), async (s, [r]) => {
    // an unknown product is said before the dialog opens; the package is then built and written by a job
    const products = productsFor((await s.catalogue()).db, r.productIds).map((p) => p.product.id);
    const defaultName = `${products.length === 1 ? products[0]! : 'catalogue'}-${s.today()}.${r.format}`;
    let path = await s.saveAs(defaultName, r.format);
    if (path === null) return { path: null };
    if (extname(path) === '') path = `${path}.${r.format}`;
    return s.jobs.run({ title: products.length === 1 ? `Export du produit ${products[0]!}` : 'Export du catalogue', task: 'exportCatalogue', payload: { productIds: products, format: r.format, path } });
  }),
} satisfies Pick<HandlerMap, EditMethods>;
