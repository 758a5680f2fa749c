import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, tempDb } from './run';

/**
 * `grille catalogue list` must start fast (goal < 0.5 s): the commands that read the catalogue must
 * not load the Excel library, which alone costs several times Node's own start. Checked by which
 * modules the process loaded, not by a time, so it holds on any machine.
 */
describe('CLI start-up', () => {
  it('catalogue list, show and quote load neither exceljs nor jszip', () => {
    const db = tempDb();
    const probe = `
      process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...JSON.parse(process.env.ARGS)];
      require(${JSON.stringify(BIN)});
      process.on('exit', () => {
        const heavy = Object.keys(require.cache).filter((k) => /[\\\\/](exceljs|jszip|archiver)[\\\\/]/.test(k));
        process.stderr.write('HEAVY:' + JSON.stringify(heavy) + '\\n');
      });`;
    for (const args of [
      ['catalogue', 'list', '--db', db],
      ['catalogue', 'show', 'interiale-cdg-sante', '--db', db],
      ['quote', 'interiale-cdg-sante', '--at', '2026-01-01', '--member', 'principal:1980-01-01:actif', '--db', db],
    ]) {
      const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { ...process.env, ARGS: JSON.stringify(args) } });
      expect(r.status, r.stderr).toBe(0);
      const line = r.stderr.split('\n').find((l) => l.startsWith('HEAVY:'));
      expect(line, r.stderr).toBeDefined();
      expect(JSON.parse(line!.slice('HEAVY:'.length)), args.join(' ')).toEqual([]);
    }
  });
});
