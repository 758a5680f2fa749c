/**
 * The app:// protocol handler, without Electron: serves the built renderer from one folder, through
 * the path-traversal guard, with the CSP on every response. index.ts hands it to protocol.handle;
 * the shell tests call it on a temporary folder.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative } from 'node:path';
import { CONTENT_SECURITY_POLICY, resolveAppPath } from './security/policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Méthode refusée');
    const file = resolveAppPath(root, request.url);
    if (!file) return refuse(404, 'Introuvable');
    const type = CONTENT_TYPES[extname(file).toLowerCase()];
    // only the kinds of file the renderer build holds are served
    if (!type) return refuse(404, 'Introuvable');
    try {
      if (!(await stat(file)).isFile()) return refuse(404, 'Introuvable');
      // a link inside the folder must not lead out of it
      const inside = relative(await realpath(root), await realpath(file));
      if (inside.startsWith('..') || isAbsolute(inside)) return refuse(404, 'Introuvable');
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, { status: 200, headers: headers(type) });
    } catch {
      return refuse(404, 'Introuvable');
    }
  };
}
