/**
 * The one error a person can act on, in every process: a closed code (for the CLI's exit status, the
 * renderer's choices and the tests) and a French message that says what is wrong, where, and what to do.
 * It is what crosses the bridge (`Result`'s error): nothing decides by reading the message's text.
 */
export const errorCodes = [
  /** the database was written by a newer Grille: refused untouched */
  'DB_NEWER',
  /** a SQLite file that is not a Grille catalogue, or not a SQLite file at all */
  'DB_FOREIGN',
  'DB_CORRUPT',
  /** another program holds the database's write lock past the busy timeout */
  'DB_LOCKED',
  'DB_UNREADABLE',
  /** an older schema opened read-only: a writing command must migrate it first */
  'DB_NEEDS_MIGRATION',
  'NOT_FOUND',
  /** a request, an argument or a form value is not what the operation accepts */
  'INVALID_INPUT',
  /** a file or a catalogue value is malformed (an import, the default catalogue) */
  'DATA_INVALID',
  'IO',
  /** the operation needs something this process does not have (an open dialog outside the app) */
  'NOT_AVAILABLE',
  /** an IPC call from a frame that is not the app's own page */
  'FORBIDDEN',
  /** a job stopped at the user's request: nothing was written */
  'CANCELLED',
  /** a job's worker stopped without an answer (crash, out of memory) */
  'JOB_FAILED',
  /** the value changed since the user saw it: an edit or an undo refused rather than overwriting */
  'CONFLICT',
  /** the renderer could not reach the main process, or got an answer of the wrong shape */
  'BRIDGE',
  /** a defect of Grille itself: the message says what failed, the user can only report it */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class GrilleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GrilleError';
  }
}

/** What crosses the bridge and the CLI's --json of an error. */
export interface ErrorDto {
  code: ErrorCode;
  message: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
