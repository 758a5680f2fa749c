import { execFileSync } from 'node:child_process';

/** The CLI tests run the real `grille` command: build its bundle once before the run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
