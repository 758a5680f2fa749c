/**
 * Runs long tasks (src/main/jobs/tasks.ts) off the main thread: each job in its own worker thread, with
 * its own connection to the catalogue file. The runner relays the job's progress (throttled by the task,
 * plus a first and a last event), and cancels it: a flag in shared memory the task reads at each progress
 * point (a write transaction rolls back, a temporary file is removed), then `worker.terminate()` if the
 * worker has not answered after a grace period. A ':memory:' catalogue cannot be opened by another
 * thread: its jobs run inline, with the same progress and cancellation.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../shared/api';
import type { Catalogue } from '../services/catalogue';
import { GrilleError } from '../../shared/errors';
import type { OpenOptions } from '../store/open';
import { Cancelled, cancelFlag, PROGRESS_INTERVAL_MS, partialPath, requestCancel, TaskContext, type ProgressUpdate } from './context';
import { isWorkerMessage, type WorkerData } from './protocol';
import { taskDefinition, type TaskName, type TaskPayload, type TaskResult } from './tasks';

export interface JobSpec<N extends TaskName> {
  /** what the job does, in French: shown by the progress panel */
  title: string;
  task: N;
  payload: TaskPayload<N>;
}

/** What the services see of the runner: start a job and wait for its answer; cancel a job by its id. */
export interface Jobs {
  run<N extends TaskName>(spec: JobSpec<N>): Promise<TaskResult<N>>;
  /** true when the job was running and stopped as cancelled; false for an unknown or finished job */
  cancel(job: string): Promise<boolean>;
}

export interface JobRunnerOptions {
  catalogue: () => Promise<Catalogue>;
  /** the built worker script: out/main/job-worker.js in the app, out/jobs/job-worker.cjs for Node */
  workerScript: string;
  /** how the worker opens the catalogue (the Electron build of better-sqlite3) */
  openOptions?: Pick<OpenOptions, 'nativeBinding'> | undefined;
  /** where progress events go (the shell: its main window only) */
  progress: (progress: JobProgress) => void;
  /** time between two progress events of a job, default 250 ms */
  intervalMs?: number | undefined;
  /** how long a cancelled worker has to stop by itself before it is terminated, default 2 s */
  graceMs?: number | undefined;
  /** run every job inline (the benchmark's comparison); a ':memory:' catalogue always does */
  inline?: boolean | undefined;
}

const GRACE_MS = 2000;

interface Running {
  flag: Int32Array;
  /** settles with the job: true when it ended cancelled */
  ended: Promise<boolean>;
  /** the worker, for terminate() once the grace period is over (null inline) */
  worker: Worker | null;
  graceTimer: ReturnType<typeof setTimeout> | null;
}

export class JobRunner implements Jobs {
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: JobRunnerOptions) {}

  /** The ids of the jobs still running. */
  get active(): string[] {
    return [...this.running.keys()];
  }

  async run<N extends TaskName>(spec: JobSpec<N>): Promise<TaskResult<N>> {
    const definition = taskDefinition(spec.task);
    const job = randomUUID();
    const flag = cancelFlag();
    let last: ProgressUpdate = { phase: 'Démarrage', done: 0, total: null };
    const emit = (state: JobProgress['state'], update: ProgressUpdate) => {
      try {
        this.options.progress({ job, title: spec.title, phase: update.phase, done: update.done, total: update.total, state });
      } catch {
        // a sink that fails (a window closed meanwhile) never fails the job
      }
    };
    const onProgress = (update: ProgressUpdate) => {
      last = update;
      emit('running', update);
    };

    let endedAs: (cancelled: boolean) => void = () => undefined;
    const entry: Running = { flag, worker: null, graceTimer: null, ended: new Promise<boolean>((r) => (endedAs = r)) };
    this.running.set(job, entry);
    emit('running', last);
    try {
      const cat = await this.options.catalogue();
      const value = this.options.inline || cat.file === ':memory:' ? await this.inline(job, entry, spec, cat, onProgress) : await this.inWorker(job, entry, spec, cat.file, onProgress);
      emit('done', { phase: 'Terminé', done: last.total ?? last.done, total: last.total });
      endedAs(false);
      return value as TaskResult<N>;
    } catch (e) {
      const cancelled = e instanceof GrilleError && e.code === 'CANCELLED';
      // a worker terminated mid-write leaves its temporary file: removed here, whoever stopped it
      const target = definition.output?.(spec.payload);
      if (target) rmSync(partialPath(target, job), { force: true });
      emit(cancelled ? 'cancelled' : 'failed', { ...last, phase: cancelled ? 'Annulé' : 'Échec' });
      endedAs(cancelled);
      throw e;
    } finally {
      if (entry.graceTimer) clearTimeout(entry.graceTimer);
      this.running.delete(job);
    }
  }

  async cancel(job: string): Promise<boolean> {
    const entry = this.running.get(job);
    if (!entry) return false;
    requestCancel(entry.flag);
    this.armGrace(entry);
    return entry.ended;
  }

  /**
   * Cancels every running job and waits for them to stop (the grace period at most, then terminate): the
   * app calls it before quitting, so no write is cut halfway and no temporary file is left beside a target.
   */
  async cancelAll(): Promise<void> {
    await Promise.all(this.active.map((job) => this.cancel(job)));
  }

  /** Once a job is asked to stop, its worker gets the grace period, then is terminated. */
  private armGrace(entry: Running): void {
    if (!entry.worker || entry.graceTimer || Atomics.load(entry.flag, 0) === 0) return;
    const worker = entry.worker;
    entry.graceTimer = setTimeout(() => void worker.terminate(), this.options.graceMs ?? GRACE_MS);
  }

  private async inline(job: string, entry: Running, spec: JobSpec<TaskName>, cat: Catalogue, onProgress: (u: ProgressUpdate) => void): Promise<unknown> {
    const definition = taskDefinition(spec.task);
    const ctx = new TaskContext(job, entry.flag, onProgress, definition.cancelled, this.options.intervalMs ?? PROGRESS_INTERVAL_MS);
    try {
      ctx.check();
      return await definition.run(ctx, cat, spec.payload);
    } finally {
      ctx.close();
    }
  }

  private inWorker(job: string, entry: Running, spec: JobSpec<TaskName>, file: string, onProgress: (u: ProgressUpdate) => void): Promise<unknown> {
    const definition = taskDefinition(spec.task);
    const died = (why: string) =>
      new GrilleError('JOB_FAILED', `${spec.title} : le travail s’est arrêté de façon inattendue (${why}). Rien n’a été enregistré ; relancez-le, et si cela se reproduit, redémarrez Grille.`);
    return new Promise((resolve, reject) => {
      const data: WorkerData = {
        job,
        task: spec.task,
        payload: spec.payload,
        file,
        openOptions: this.options.openOptions?.nativeBinding ? { nativeBinding: this.options.openOptions.nativeBinding } : {},
        cancel: entry.flag.buffer as SharedArrayBuffer,
        intervalMs: this.options.intervalMs ?? PROGRESS_INTERVAL_MS,
      };
      let worker: Worker;
      try {
        worker = new Worker(this.options.workerScript, { workerData: data });
      } catch (e) {
        reject(died(`démarrage impossible : ${(e as Error).message}`));
        return;
      }
      entry.worker = worker;
      this.armGrace(entry);
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        finish();
      };
      worker.on('message', (m: unknown) => {
        if (settled || !isWorkerMessage(m)) return;
        if (m.kind === 'progress') onProgress({ phase: m.phase, done: m.done, total: m.total });
        else if (m.kind === 'done') settle(() => resolve(m.value));
        else settle(() => reject(m.code ? new GrilleError(m.code as GrilleError['code'], m.message) : new Error(m.message)));
      });
      worker.on('messageerror', (e) => settle(() => reject(died(`message illisible : ${e.message}`))));
      worker.on('error', (e) => settle(() => reject(died(e.message))));
      // no answer before the end: terminated after a cancel, or dead (crash, out of memory)
      worker.on('exit', (code) => settle(() => reject(Atomics.load(entry.flag, 0) !== 0 ? new Cancelled(definition.cancelled) : died(`code de sortie ${code}`))));
    });
  }
}
