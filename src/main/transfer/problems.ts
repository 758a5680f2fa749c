/**
 * Import problems: each says which file, and where in it (sheet, row, column, or JSON path), and what
 * is expected, in French. All the problems of a file are collected before anything is decided.
 */
import type { ImportProblemDto } from '../../shared/api';
import { GrilleError } from '../../shared/errors';
import { worded, type Wording } from '../../shared/input-error';
import { DEFAULT_LIMITS } from './limits';

/** One problem of an imported file (the same shape crosses the bridge to the desktop). */
export type ImportProblem = ImportProblemDto;

export function formatProblem(p: ImportProblem): string {
  const where = [p.file];
  if (p.sheet !== undefined) where.push(`feuille « ${p.sheet} »`);
  if (p.row !== undefined) where.push(`ligne ${p.row}`);
  if (p.column !== undefined) where.push(`colonne ${p.column}`);
  if (p.path !== undefined && p.path !== '') where.push(p.path);
  return `${where.join(', ')} : ${p.message}`;
}

/**
 * The wording of a problem whose message names inputs (a CSV table's options), kept beside the problem rather
 * than in it: the problem is what the desktop shows, the wording serves a caller with its own names (the CLI).
 */
const wordings = new WeakMap<ImportProblem, Wording>();

export function wordingOf(p: ImportProblem): Wording | undefined {
  return wordings.get(p);
}

function problemOf(file: string, where: Omit<ImportProblem, 'file' | 'message'>, message: string | Wording): ImportProblem {
  if (typeof message === 'string') return { file, ...where, message };
  const p = { file, ...where, message: worded(message) };
  wordings.set(p, message);
  return p;
}

/** Collects problems up to a cap, counting the rest; a file is refused when any problem remains. */
export class Problems {
  readonly list: ImportProblem[] = [];
  total = 0;
  constructor(
    readonly file: string,
    readonly cap: number = DEFAULT_LIMITS.problems,
  ) {}

  add(where: Omit<ImportProblem, 'file' | 'message'>, message: string | Wording): void {
    this.total++;
    if (this.list.length < this.cap) this.list.push(problemOf(this.file, where, message));
  }

  get count(): number {
    return this.total;
  }

  /** Throws the rejection when there is any problem. */
  throwIfAny(): void {
    if (this.total > 0) throw new ImportRejected(this.file, this.list, this.total);
  }
}

/** A file refused: nothing was written. `problems` lists them (the first `cap`), `total` counts them all. */
export class ImportRejected extends GrilleError {
  constructor(
    readonly file: string,
    readonly problems: ImportProblem[],
    readonly total: number = problems.length,
  ) {
    const more = total > problems.length ? `\n… et ${total - problems.length} autre(s) problème(s) non listé(s)` : '';
    super(
      'INVALID_INPUT',
      `${file} refusé : ${total} problème(s), rien n'a été écrit.\n${problems.map(formatProblem).join('\n')}${more}`,
    );
    this.name = 'ImportRejected';
  }
}

/** One problem that stops reading a file at once (limits, unreadable container). */
export function rejectFile(file: string, message: string | Wording, where: Omit<ImportProblem, 'file' | 'message'> = {}): ImportRejected {
  return new ImportRejected(file, [problemOf(file, where, message)]);
}
