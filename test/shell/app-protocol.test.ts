import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from '../../src/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security/policy';

// The app:// handler on a folder laid out like out/renderer, with a secret beside it.
const base = mkdtempSync(join(tmpdir(), 'grille-protocol-'));
const root = join(base, 'renderer');
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Grille</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index.css'), 'body{}');
  writeFileSync(join(root, 'notes.txt'), 'not part of the build');
  writeFileSync(join(base, 'secret.html'), '<p>secret</p>');
  symlinkSync(join(base, 'secret.html'), join(root, 'assets', 'link.html'));
  serve = appProtocolHandler(root);
});

describe('app:// protocol', () => {
  it.each([
    ['app://grille/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Grille</title>'],
    ['app://grille/', 'text/html; charset=utf-8', '<!doctype html><title>Grille</title>'],
    ['app://grille/assets/index.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://grille/assets/index.css?v=2', 'text/css; charset=utf-8', 'body{}'],
  ])('serves %s', async (url, type, body) => {
    const r = await serve(new Request(url));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(type);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toBe(body);
  });

  it.each([
    'app://grille/..%2fsecret.html',
    'app://grille/assets/..%2f..%2fsecret.html',
    'app://grille/%00index.html',
    'app://grille/assets/link.html', // a link that leads out of the folder
    'app://grille/missing.js',
    'app://grille/assets', // a folder
    'app://grille/notes.txt', // not a kind of file the build holds
    'app://other/index.html',
  ])('refuses %s with a 404 that still carries the CSP', async (url) => {
    const r = await serve(new Request(url));
    expect(r.status).toBe(404);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await r.text()).not.toContain('secret');
  });

  it('answers only GET and HEAD', async () => {
    expect((await serve(new Request('app://grille/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await serve(new Request('app://grille/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
