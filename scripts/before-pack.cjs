// electron-builder's beforePack hook: refuse to package without the Electron-ABI build of
// better-sqlite3 made for the target (scripts/electron-native.mjs). Without it the app would start
// and fail on its first database access; a native module cannot be cross-compiled, so each
// platform is packaged on that platform.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { abiOf } = require('./native-abi.cjs');

const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

module.exports = async function beforePack(context) {
  const root = join(__dirname, '..');
  const binary = join(root, '.native', 'electron', 'better_sqlite3.node');
  const infoFile = join(root, '.native', 'electron', 'build-info.json');
  const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const abi = Number(readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
  const platform = context.electronPlatformName;
  const arch = archNames[context.arch] ?? String(context.arch);
  const problem = (what) =>
    new Error(`Packaging ${platform}-${arch} refused: ${what}. Run \`node scripts/electron-native.mjs\` on a ${platform}-${arch} machine with internet access, then package there.`);
  if (!existsSync(binary) || !existsSync(infoFile)) throw problem('.native/electron/better_sqlite3.node is missing');
  const info = JSON.parse(readFileSync(infoFile, 'utf8'));
  if (info.electron !== electron) throw problem(`the native build is for Electron ${info.electron}, not ${electron}`);
  if (info.platform !== platform || info.arch !== arch) throw problem(`the native build is for ${info.platform}-${info.arch}`);
  if (abiOf(binary) !== abi) throw problem(`the native build does not register Electron's ABI ${abi}`);
};
