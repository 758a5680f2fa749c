// Bundles the `grille` CLI (src/cli) into out/cli/grille.cjs. Native and heavy runtime packages stay
// external and are loaded from node_modules; data/ is read beside the package at run time.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'out/cli/grille.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'exceljs', 'electron'],
  logLevel: 'warning',
});
