#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build:cli` (run by `prepare` on npm ci / npm install).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const bundle = join(__dirname, '..', 'out', 'cli', 'grille.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('grille: the CLI is not built; run `npm run build:cli` (or `npm ci`) in the project folder.\n');
  process.exit(1);
}
require(bundle);
