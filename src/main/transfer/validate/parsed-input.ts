/**
 * What a reader (JSON package, Excel template, CSV table) hands the validator: the raw products with
 * a way back from a path of a product to its place in the file, and the paths it already reported.
 */
import type { ImportProblem } from '../problems';

export type Where = Omit<ImportProblem, 'file' | 'message'>;
export type Path = readonly (string | number)[];

/** Adds a problem at a place of the file. */
export type Report = (where: Where, message: string) => void;
/** Adds a problem at a path of one product (its reader knows where that is). */
export type ReportAt = (path: Path, message: string) => void;

export interface ParsedProduct {
  /** the product as read (not yet validated) */
  raw: unknown;
  /** where a path of the product is in the file */
  locate: (path: Path) => Where;
  /** paths already reported by the reader (a bad cell): the schema's issues under them are not repeated */
  reported: Set<string>;
  /** the reader built the structure itself (xlsx, csv): cross references are checked even when a cell is bad */
  shaped: boolean;
}

export interface ParsedInput {
  format: 'json' | 'xlsx' | 'csv';
  taxonomy: { raw: unknown; where: Where }[];
  products: ParsedProduct[];
}

export const pathKey = (path: Path): string => path.join('.');

export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');
}

/** Whether the path, or one that contains it, was already reported. */
export function isReported(reported: Set<string>, path: Path): boolean {
  for (let n = path.length; n > 0; n--) if (reported.has(pathKey(path.slice(0, n)))) return true;
  return false;
}
