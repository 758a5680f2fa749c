/**
 * Builds the renderer alone (the `renderer` part of electron.vite.config.ts) with vite's build API:
 * no Electron, no main or preload build. Used by the e2e globalSetup, the harness's fallback and the
 * renderer benchmark.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'vite';
import config from '../../electron.vite.config';

declare module 'vitest' {
  export interface ProvidedContext {
    /** out/renderer, built by test/e2e/setup.ts */
    grilleRendererDir: string;
  }
}

export const ROOT = resolve(__dirname, '..', '..');
export const RENDERER_OUT = join(ROOT, 'out', 'renderer');

interface RendererPart {
  root?: string;
  build?: BuildOptions;
}

export async function buildRenderer(outDir: string = RENDERER_OUT): Promise<string> {
  const resolved = (typeof config === 'function' ? await (config as (env: unknown) => unknown)({ command: 'build', mode: 'production' }) : await config) as { renderer?: RendererPart };
  const renderer = resolved.renderer ?? {};
  await build({
    configFile: false,
    root: renderer.root ?? join(ROOT, 'src', 'renderer'),
    // electron-vite's renderer defaults: relative base (the app:// protocol serves the folder), no preload polyfill
    base: './',
    logLevel: 'error',
    build: {
      ...renderer.build,
      outDir,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      minify: false,
      target: 'chrome130',
    },
  });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`renderer build: ${outDir}/index.html missing`);
  return outDir;
}
