/** The messages between the runner (main thread) and a job's worker thread. */
import type { OpenOptions } from '../store/open';
import type { ProgressUpdate } from './context';
import type { TaskName } from './tasks';

/** Given to the worker at its start (workerData). */
export interface WorkerData {
  job: string;
  task: TaskName;
  payload: unknown;
  /** the catalogue file: the worker opens its own connection */
  file: string;
  /** the Electron build of better-sqlite3, when the shell uses one */
  openOptions: Pick<OpenOptions, 'nativeBinding'>;
  /** one Int32 cell: set to 1 when the job is asked to stop */
  cancel: SharedArrayBuffer;
  intervalMs: number;
}

export type WorkerMessage =
  | ({ kind: 'progress' } & ProgressUpdate)
  | { kind: 'done'; value: unknown }
  /** `code` when the error was a GrilleError (its code and French message), null for any other error */
  | { kind: 'failed'; code: string | null; message: string };

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'progress' || kind === 'done' || kind === 'failed';
}
