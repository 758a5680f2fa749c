/**
 * The renderer end to end, without Electron: the built renderer (out/renderer) served by a tiny
 * static server on 127.0.0.1, opened in Debian's Chromium through playwright-core, with `window.grille`
 * provided by an init script whose methods call one exposed binding, backed by the REAL services
 * (`dispatch` of src/main/ipc-handlers.ts) over a temporary SQLite catalogue.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { channels, type GrilleApi } from '../../src/shared/api';
import { dispatch, type Services } from '../../src/main/ipc-handlers';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { nodeJobs } from '../fixtures/jobs';
import { closeServer, launchChromium, serveStatic } from './browser';
import { buildRenderer, ROOT } from './build-renderer';

export { CHROMIUM, CHROMIUM_ARGS, launchChromium, serveStatic } from './browser';

/** The document date of exports, fixed so that runs agree. */
export const TODAY = '2026-03-01';
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');

let fallbackBuild: Promise<string> | null = null;

/** The built renderer: from the globalSetup (test/e2e/setup.ts), else built once in this worker. */
export function rendererDir(): Promise<string> {
  const provided = inject('grilleRendererDir');
  if (provided) return Promise.resolve(provided);
  fallbackBuild ??= buildRenderer(mkdtempSync(join(tmpdir(), 'grille-renderer-')));
  return fallbackBuild;
}

/** Defines window.grille in the page before any script: every method of the contract calls the binding. */
export function apiInitScript(methods: readonly string[]): string {
  return `(() => {
    const methods = ${JSON.stringify(methods)};
    const api = {};
    for (const m of methods) api[m] = (...args) => window.grilleCall(m, args);
    // the main → renderer events (menu commands, job progress): App.emit calls these listeners
    const listeners = { menu: new Set(), progress: new Set() };
    const subscribe = (kind) => (listener) => {
      listeners[kind].add(listener);
      return () => listeners[kind].delete(listener);
    };
    api.onMenu = subscribe('menu');
    api.onProgress = subscribe('progress');
    Object.defineProperty(window, '__grilleEmit', { value: (kind, payload) => { for (const l of listeners[kind]) l(payload); }, writable: false, configurable: false });
    Object.defineProperty(window, 'grille', { value: Object.freeze(api), writable: false, configurable: false });
  })();`;
}

export interface App {
  page: Page;
  context: BrowserContext;
  /** folder where exports are saved */
  exportsDir: string;
  /** every api call the page made, in order */
  calls: { method: string; args: unknown[] }[];
  /** page errors, console errors and requests to anything but our server */
  problems: string[];
  /** sends a main → renderer event, as the shell does (a menu command, a job's progress) */
  emit(kind: 'menu' | 'progress', payload: unknown): Promise<void>;
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** answers a method in place of the services (a failing catalogue, a slow export...) */
  override?: (method: keyof GrilleApi, args: unknown[], real: () => Promise<unknown>) => Promise<unknown> | undefined;
  /** fills the temporary catalogue before the page opens (a large comparison for a long export...) */
  prepare?: (catalogue: Catalogue) => void | Promise<void>;
  /** the file the open dialog returns (null: the person cancelled), asked at each pick */
  openFile?: () => string | null;
}

export async function launchApp(options: LaunchOptions = {}): Promise<App> {
  const dir = await rendererDir();
  const work = mkdtempSync(join(tmpdir(), 'grille-e2e-'));
  const exportsDir = join(work, 'exports');
  mkdirSync(exportsDir);
  const catalogue: Catalogue = await openCatalogue(join(work, 'grille.sqlite'));
  await options.prepare?.(catalogue);
  // jobs (exports, saved revisions) run in real worker threads; their progress reaches the page as the shell sends it
  let emitProgress: (payload: unknown) => void = () => undefined;
  const services: Services = {
    catalogue: async () => catalogue,
    saveAs: async (name) => join(exportsDir, name),
    today: () => TODAY,
    jobs: nodeJobs(async () => catalogue, (p) => emitProgress(p)),
    ...(options.openFile ? { openFile: async () => options.openFile!() } : {}),
  };
  const { server, origin } = await serveStatic(dir);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 1000 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: false });
  const problems: string[] = [];
  const calls: App['calls'] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
    problems.push(`requête externe bloquée : ${url}`);
    return route.abort();
  });
  await context.exposeBinding('grilleCall', async (_source, method: keyof GrilleApi, args: unknown[]) => {
    calls.push({ method, args });
    const list = Array.isArray(args) ? args : [];
    const real = () => dispatch(services, method, list);
    return options.override?.(method, list, real) ?? real();
  });
  await context.addInitScript({ content: apiInitScript(Object.keys(channels)) });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`erreur de page : ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console : ${m.text()}`);
  });
  await page.goto(`${origin}/index.html`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const app: App = {
    page,
    context,
    exportsDir,
    calls,
    problems,
    async emit(kind, payload) {
      await page.evaluate(([k, p]) => (window as unknown as { __grilleEmit: (k: string, p: unknown) => void }).__grilleEmit(k as string, p), [kind, payload] as const);
    },
    async shot(name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await closeServer(server);
      catalogue.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
  // in order, one after the other; a page closed meanwhile is not an error of the job
  let progressChain = Promise.resolve();
  emitProgress = (p) => {
    progressChain = progressChain.then(() => app.emit('progress', p)).catch(() => undefined);
  };
  return app;
}

/** Opens a view by its tab, as a person would. */
export async function openTab(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

/** Waits for the page: a view answers after an api round trip and a grid render. */
export function eventually<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

/** The row ids a grid shows, top to bottom (ag-grid keeps rendered rows in its DOM). */
export async function gridRowIds(page: Page, grid: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const rows = [...document.querySelectorAll<HTMLElement>(`${sel} .ag-row[row-id]`)];
    const byIndex = new Map<string, number>();
    for (const r of rows) byIndex.set(r.getAttribute('row-id')!, Number(r.getAttribute('row-index')));
    return [...byIndex].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }, grid);
}

/** The text of one cell of a grid, by row id and column id. */
export async function gridCell(page: Page, grid: string, rowId: string, colId: string): Promise<string> {
  const cell = page.locator(`${grid} .ag-row[row-id="${rowId}"] [col-id="${colId}"]`).first();
  return (await cell.count()) ? cell.innerText() : '';
}
