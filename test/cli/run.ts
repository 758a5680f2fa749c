import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BIN = resolve(__dirname, '..', '..', 'bin', 'grille.cjs');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built `grille` command as a user would. */
export function grille(args: string[], env: Record<string, string | undefined> = {}, input?: string): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GRILLE_DB: undefined, ...env },
    input,
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'grille-cli-')), 'grille.sqlite');
}
