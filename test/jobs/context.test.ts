/** What a task sees of its job: throttled progress, the cancellation flag, and its output written whole or not at all. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cancelFlag, Cancelled, partialPath, requestCancel, TaskContext, writeOutput, type ProgressUpdate } from '../../src/main/jobs/context';
import { GrilleError } from '../../src/shared/errors';

afterEach(() => {
  vi.useRealTimers();
});

function context(intervalMs = 250) {
  let clock = 1000;
  const sent: ProgressUpdate[] = [];
  const flag = cancelFlag();
  const ctx = new TaskContext('0f1e2d3c-0000-4000-8000-000000000000', flag, (u) => sent.push(u), 'Export annulé : aucun fichier n’a été écrit.', intervalMs, () => clock);
  return { ctx, sent, flag, advance: (ms: number) => (clock += ms) };
}

describe('TaskContext', () => {
  it('sends the first report at once, then one per interval; a new step at once', () => {
    vi.useFakeTimers();
    const { ctx, sent, advance } = context();
    ctx.progress('Écriture des lignes', 1, 100);
    ctx.progress('Écriture des lignes', 2, 100);
    advance(100);
    ctx.progress('Écriture des lignes', 3, 100);
    expect(sent).toEqual([{ phase: 'Écriture des lignes', done: 1, total: 100 }]);
    advance(150);
    ctx.progress('Écriture des lignes', 4, 100);
    expect(sent.map((u) => u.done)).toEqual([1, 4]);
    advance(10);
    ctx.progress('Compression du classeur', 100, 100);
    expect(sent.map((u) => u.phase)).toEqual(['Écriture des lignes', 'Écriture des lignes', 'Compression du classeur']);
  });

  it('a report held back is sent when the interval is over, if the task lets the loop turn', () => {
    vi.useFakeTimers();
    const { ctx, sent, advance } = context();
    ctx.progress('Écriture des lignes', 1, 10);
    ctx.progress('Écriture des lignes', 5, 10);
    expect(sent).toHaveLength(1);
    advance(250);
    vi.advanceTimersByTime(250);
    expect(sent.at(-1)).toEqual({ phase: 'Écriture des lignes', done: 5, total: 10 });
    // nothing more once the job is over
    ctx.progress('Écriture des lignes', 6, 10);
    ctx.close();
    vi.advanceTimersByTime(1000);
    expect(sent.map((u) => u.done)).toEqual([1, 5]);
  });

  it('once cancelled, the next check or report throws Cancelled (a GrilleError CANCELLED), and nothing is sent', () => {
    const { ctx, sent, flag } = context();
    ctx.check();
    requestCancel(flag);
    expect(() => ctx.check()).toThrow(Cancelled);
    let caught: unknown = null;
    try {
      ctx.progress('Écriture des lignes', 1, 2);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GrilleError);
    expect(caught).toMatchObject({ code: 'CANCELLED', message: 'Export annulé : aucun fichier n’a été écrit.' });
    expect(sent).toEqual([]);
  });
});

describe('writeOutput', () => {
  it('writes the bytes under the name, nothing beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grille-out-'));
    const { ctx } = context();
    writeOutput(ctx, join(dir, 'a.xlsx'), Buffer.from('PK classeur'));
    expect(readdirSync(dir)).toEqual(['a.xlsx']);
    expect(readFileSync(join(dir, 'a.xlsx'), 'utf8')).toBe('PK classeur');
  });

  it('cancelled before the rename: no file, not even the temporary one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grille-out-'));
    const { ctx, flag } = context();
    requestCancel(flag);
    expect(() => writeOutput(ctx, join(dir, 'a.xlsx'), Buffer.from('PK'))).toThrow(Cancelled);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a folder that cannot be written: an IO error naming the file', () => {
    const { ctx } = context();
    const target = join(tmpdir(), 'grille-absent-dir', 'sub', 'a.xlsx');
    expect(() => writeOutput(ctx, target, Buffer.from('PK'))).toThrow(/^Écriture de .*a\.xlsx impossible : ENOENT/);
    expect(partialPath(target, ctx.id)).toMatch(/a\.xlsx\.partiel-0f1e2d3c$/);
  });
});
