/**
 * The entry of a job's worker thread (built apart: out/main/job-worker.js in the app, out/jobs/job-worker.cjs
 * for Node). It opens its own connection to the catalogue file, runs one task of the registry, posts its
 * progress and its answer, closes the connection and ends. Never imports 'electron'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCatalogue, openForReading, type Catalogue } from '../services/catalogue';
import { GrilleError } from '../../shared/errors';
import { TaskContext } from './context';
import type { WorkerData, WorkerMessage } from './protocol';
import { isTaskName, taskDefinition } from './tasks';

async function main(port: NonNullable<typeof parentPort>, data: WorkerData): Promise<void> {
  const send = (m: WorkerMessage) => port.postMessage(m);
  if (!isTaskName(data.task)) {
    send({ kind: 'failed', code: 'INVALID_INPUT', message: `Travail inconnu : « ${String(data.task)} ».` });
    return;
  }
  const definition = taskDefinition(data.task);
  const ctx = new TaskContext(data.job, new Int32Array(data.cancel), (u) => send({ kind: 'progress', ...u }), definition.cancelled, data.intervalMs);
  let cat: Catalogue | null = null;
  try {
    ctx.check();
    cat = definition.access === 'write' ? await openCatalogue(data.file, data.openOptions) : await openForReading(data.file, data.openOptions);
    const value = await definition.run(ctx, cat, data.payload);
    ctx.close();
    send({ kind: 'done', value });
  } catch (e) {
    ctx.close();
    send(e instanceof GrilleError ? { kind: 'failed', code: e.code, message: e.message } : { kind: 'failed', code: null, message: (e as Error)?.message ?? String(e) });
  } finally {
    cat?.close();
  }
}

if (parentPort) void main(parentPort, workerData as WorkerData);
