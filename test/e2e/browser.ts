/**
 * Chromium and a static server for the built renderer, without vitest: the e2e harness and the
 * renderer benchmark share them.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security/policy';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * GET of files under `root` only (no directory listing, no ../), plus `extra` paths served from
 * memory; the page gets the app's CSP header as in the desktop shell.
 */
export function serveStatic(root: string, extra: Record<string, { type: string; body: Buffer | string }> = {}): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const added = extra[path];
    if (added && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': added.type, 'Cache-Control': 'no-store' }).end(added.body);
      return;
    }
    const rel = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
    if (req.method !== 'GET' || rel.split(/[\\/]/).includes('..') || rel.includes('\0')) {
      res.writeHead(404).end();
      return;
    }
    const file = join(root, rel);
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}) });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
