/**
 * What a task sees of its job, the same in a worker thread and inline: progress reports (throttled: one per
 * interval, plus each change of step) and the cancellation flag, a SharedArrayBuffer the main thread sets
 * and the task reads at each report, even in the middle of synchronous work (the worker's event loop need
 * not turn for the flag to be seen).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GrilleError } from '../../shared/errors';

/** Progress of a running job, without its id and title (the runner adds them). */
export interface ProgressUpdate {
  phase: string;
  done: number;
  total: number | null;
}

/** Thrown at a progress point once the job is asked to stop: a write transaction around it rolls back. */
export class Cancelled extends GrilleError {
  constructor(message: string) {
    super('CANCELLED', message);
    this.name = 'Cancelled';
  }
}

export interface JobContext {
  readonly id: string;
  /** reports where the task is (sent a few times per second at most) and stops it if it was cancelled */
  progress(phase: string, done?: number, total?: number | null): void;
  /** throws Cancelled if the job was asked to stop */
  check(): void;
}

/** The flag's one cell: 0 running, 1 asked to stop. */
export const CANCEL_REQUESTED = 1;

export function cancelFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

export function requestCancel(flag: Int32Array): void {
  Atomics.store(flag, 0, CANCEL_REQUESTED);
}

/** Default time between two progress reports of one job. */
export const PROGRESS_INTERVAL_MS = 250;

export class TaskContext implements JobContext {
  private lastSent = -Infinity;
  private lastPhase: string | null = null;
  private pending: ProgressUpdate | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly id: string,
    private readonly flag: Int32Array,
    private readonly send: (update: ProgressUpdate) => void,
    private readonly cancelledMessage: string,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get cancelled(): boolean {
    return Atomics.load(this.flag, 0) === CANCEL_REQUESTED;
  }

  check(): void {
    if (this.cancelled) throw new Cancelled(this.cancelledMessage);
  }

  progress(phase: string, done = 0, total: number | null = null): void {
    this.check();
    const update = { phase, done, total };
    const wait = this.lastSent + this.intervalMs - this.now();
    // a new step is sent at once (a job has a handful): the panel says what is going on, even when the step
    // that follows is one long synchronous write that sends nothing
    if (wait <= 0 || phase !== this.lastPhase) {
      this.flush(update);
      return;
    }
    // too soon: the latest report is kept and sent when the interval is over (if the loop turns by then),
    // or by the next report that comes after it
    this.pending = update;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      if (this.pending) this.flush(this.pending);
    }, wait);
    this.timer.unref?.();
  }

  /** Nothing more is sent after this (the runner sends the job's last event). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flush(update: ProgressUpdate): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    this.lastSent = this.now();
    this.lastPhase = update.phase;
    this.send(update);
  }
}

/** The temporary name of a job's output, beside the target (same folder: the final rename cannot cross disks). */
export function partialPath(target: string, job: string): string {
  return `${resolve(target)}.partiel-${job.slice(0, 8)}`;
}

/**
 * Writes a job's output beside the target, checks one last time that the job was not cancelled, then
 * renames it: a cancelled or failed job leaves no file, neither under the target's name nor beside it.
 */
export function writeOutput(ctx: JobContext, target: string, bytes: Buffer): void {
  const partial = partialPath(target, ctx.id);
  try {
    writeFileSync(partial, bytes);
    ctx.check();
    renameSync(partial, resolve(target));
  } catch (e) {
    rmSync(partial, { force: true });
    if (e instanceof GrilleError) throw e;
    throw new GrilleError('IO', `Écriture de ${target} impossible : ${(e as Error).message}`);
  }
}
