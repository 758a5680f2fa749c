#!/usr/bin/env node
/**
 * Builds better-sqlite3 for the installed Electron into .native/electron/better_sqlite3.node, which
 * the desktop app loads through better-sqlite3's `nativeBinding` (src/main/index.ts) and packaging
 * ships as resources/native/ (electron-builder.yml). node_modules/better-sqlite3 keeps its Node
 * build, used by the tests and the CLI: the Electron build is made in a staging copy.
 *
 *   node scripts/electron-native.mjs            build if missing or out of date
 *   node scripts/electron-native.mjs --force    build again
 *   node scripts/electron-native.mjs --check    only say whether the build is there and current
 *
 * Needs Electron's headers (downloaded once by node-gyp into ~/.electron-gyp from
 * https://www.electronjs.org/headers, or from GRILLE_ELECTRON_HEADERS_URL) and a C++ toolchain.
 */
import { rebuild } from '@electron/rebuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { abiOf } = require('./native-abi.cjs');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.native', 'electron');
const target = join(outDir, 'better_sqlite3.node');
const infoFile = join(outDir, 'build-info.json');
const moduleDir = join(root, 'node_modules', 'better-sqlite3');
const args = new Set(process.argv.slice(2));

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const electronVersion = readJson(join(root, 'node_modules', 'electron', 'package.json')).version;
const betterSqlite3 = readJson(join(moduleDir, 'package.json')).version;
// electron's npm package states its ABI (NODE_MODULE_VERSION) beside its version
const abi = Number(readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
const wanted = { electron: electronVersion, abi, betterSqlite3, platform: process.platform, arch: process.arch };
const headersUrl = process.env.GRILLE_ELECTRON_HEADERS_URL || 'https://www.electronjs.org/headers';
const headersDir = join(homedir(), '.electron-gyp', electronVersion);
const show = (p) => relative(root, p) || '.';

const staging = join(outDir, 'staging');

function fail(lines) {
  rmSync(staging, { recursive: true, force: true });
  console.error(['', 'electron-native: échec / failed', ...lines.map((l) => `  ${l}`), ''].join('\n'));
  process.exit(1);
}

function current() {
  if (!existsSync(target) || !existsSync(infoFile)) return false;
  const info = readJson(infoFile);
  return Object.entries(wanted).every(([k, v]) => info[k] === v) && abiOf(target) === abi;
}

if (current() && !args.has('--force')) {
  console.log(`electron-native: ${show(target)} is current (better-sqlite3 ${betterSqlite3}, Electron ${electronVersion}, ABI ${abi}, ${process.platform}-${process.arch}).`);
  process.exit(0);
}
if (args.has('--check')) {
  fail([`${show(target)} is missing or was built for another Electron, platform or better-sqlite3.`, 'Run `npm run native:electron` (needs internet access the first time).']);
}

// A staging copy of the module, so that node_modules keeps the Node build the tests and CLI use.
rmSync(staging, { recursive: true, force: true });
mkdirSync(join(staging, 'node_modules'), { recursive: true });
writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'grille-electron-native', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': betterSqlite3 } }, null, 2));
const stagedModule = join(staging, 'node_modules', 'better-sqlite3');
cpSync(moduleDir, stagedModule, { recursive: true, filter: (src) => src !== join(moduleDir, 'build') && !src.startsWith(join(moduleDir, 'build') + sep) });

// node-gyp reads npm's configuration from npm_config_* variables: an npm `nodedir` (this project's
// machines set one in ~/.npmrc) would make it compile against the local Node's headers and produce a
// Node-ABI binary under an Electron name. Electron's own headers only.
for (const key of Object.keys(process.env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i.test(key)) delete process.env[key];
}

console.log(`electron-native: building better-sqlite3 ${betterSqlite3} for Electron ${electronVersion} (ABI ${abi}, ${process.platform}-${process.arch})…`);
try {
  await rebuild({
    buildPath: staging,
    projectRootPath: staging,
    electronVersion,
    arch: process.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    buildFromSource: true,
    mode: 'sequential',
    headerURL: headersUrl,
  });
} catch (error) {
  const headersThere = existsSync(join(headersDir, 'include', 'node', 'node_version.h'));
  fail(
    headersThere
      ? [
          `node-gyp could not compile better-sqlite3 against Electron ${electronVersion}'s headers (${headersDir}).`,
          'Check the C++ toolchain: build-essential and python3 (Linux), Xcode command line tools (macOS),',
          'Visual Studio Build Tools with "Desktop development with C++" (Windows). The compiler output is above.',
          `Cause: ${error?.message ?? error}`,
        ]
      : [
          `Electron ${electronVersion}'s headers are not on this machine (${headersDir}) and could not be downloaded`,
          `from ${headersUrl}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz: no internet access?`,
          'The Electron-ABI build of better-sqlite3 cannot be made offline. Run `npm run native:electron` once on a',
          'machine with internet access (the headers are then cached in ~/.electron-gyp), or point',
          'GRILLE_ELECTRON_HEADERS_URL at a mirror of https://www.electronjs.org/headers.',
          'node_modules/better-sqlite3 (the Node build used by tests and the CLI) was not touched.',
          `Cause: ${error?.message ?? error}`,
        ],
  );
}

const built = join(stagedModule, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) fail([`the rebuild finished but ${show(built)} is missing.`]);
const builtAbi = abiOf(built);
if (builtAbi !== abi) {
  fail([`${show(built)} registers ABI ${builtAbi ?? 'unknown'}, not Electron ${electronVersion}'s ${abi}: it was built against the wrong headers.`, 'Unset npm_config_nodedir and any node-gyp nodedir, then run again with --force.']);
}
copyFileSync(built, target);
writeFileSync(infoFile, JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2) + '\n');
rmSync(staging, { recursive: true, force: true });
console.log(`electron-native: wrote ${show(target)} (ABI ${abi}).`);
