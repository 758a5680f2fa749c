/**
 * Small pure policies of the desktop shell, table-tested without Electron: the content security
 * policy, which URLs the app itself serves, which links may open in the user's browser, and the
 * path-traversal guard of the app:// protocol.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'grille';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** ag-grid injects its theme as <style> elements, hence style-src 'unsafe-inline'; no script is ever inline. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** True for a URL of the app's own content. */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only http(s) links to a named host open outside the app; file:, javascript:, UNC paths and the rest never do. */
export function isAllowedExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  if (url.startsWith('\\\\') || url.startsWith('//')) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  if (!u.hostname || u.username || u.password) return false;
  return true;
}

/**
 * Map an app:// request path to a file inside `root`, or null when it would leave it
 * (../, encoded ../, absolute paths, NUL bytes).
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    const u = new URL(requestUrl);
    if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (isAbsolute(rel)) return null;
  const base = resolve(root);
  const target = resolve(base, rel);
  const inside = relative(base, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return target;
}
