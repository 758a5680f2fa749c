// The Node ABI a native addon was built for, read from the file itself: an addon registers itself
// through an exported `node_register_module_v<ABI>` symbol (ELF, Mach-O and PE alike), so a build
// made against the wrong headers is caught without loading it.
const { readFileSync } = require('node:fs');

/** @param {string} file @returns {number | null} */
function abiOf(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

module.exports = { abiOf };
