import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// Three builds: the Node side (main), the preload bridge (sandboxed: CommonJS, no dependencies
// bundled from node_modules other than electron), and the renderer (plain browser code).
// The main build has two entries: the shell (index.js) and the jobs' worker thread (job-worker.js, loaded
// by path from index.js: `new Worker(join(__dirname, 'job-worker.js'))`); code they share goes to chunks/.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'job-worker': resolve(__dirname, 'src/main/jobs/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
