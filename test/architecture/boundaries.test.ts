import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of eslint.config.mjs, proved on small sources linted as if they stood in each folder.
const eslint = new ESLint({ cwd: process.cwd() });
async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'src/shared/core/x.ts'],
    ["import { join } from 'path';\nexport const x = join;", 'src/shared/core/x.ts'],
    ["import { app } from 'electron';\nexport const x = app;", 'src/shared/x.ts'],
    ["import Database from 'better-sqlite3';\nexport const x = Database;", 'src/shared/core/x.ts'],
    ["import { openDatabase } from '../../main/store/open';\nexport const x = openDatabase;", 'src/shared/core/x.ts'],
    ["import { app } from 'electron';\nexport const x = app;", 'src/main/services/x.ts'],
    ["import { app } from 'electron';\nexport const x = app;", 'src/cli/x.ts'],
    // the jobs' worker thread runs plain Node, in the app as in the tests
    ["import { app } from 'electron';\nexport const x = app;", 'src/main/jobs/worker.ts'],
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'src/renderer/x.ts'],
  ])('refuses %s in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it('refuses DOM and Node globals in src/shared', async () => {
    expect(await ruleIds('export const x = () => document.title;', 'src/shared/core/x.ts')).toContain('no-restricted-globals');
    expect(await ruleIds('export const x = () => process.env;', 'src/shared/core/x.ts')).toContain('no-restricted-globals');
  });

  it.each([
    ["import { app } from 'electron';\nexport const x = app;", 'src/main/window.ts'],
    ["import { contextBridge } from 'electron';\nexport const x = contextBridge;", 'src/preload/index.ts'],
    ["import { z } from 'zod';\nexport const x = z;", 'src/shared/core/x.ts'],
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'src/main/services/x.ts'],
  ])('allows %s in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toEqual([]);
  });
});
