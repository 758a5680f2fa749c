import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl, resolveAppPath } from '../../src/main/security/policy';

describe('openExternal policy', () => {
  it.each([
    ['https://www.ima.eu', true],
    ['http://mie.ima-sante.com/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['\\\\server\\share\\x.exe', false],
    ['//server/share', false],
    ['smb://server/share', false],
    ['data:text/html,<script>1</script>', false],
    ['https://user:pass@example.org', false],
    ['app://grille/index.html', false],
    ['not a url', false],
    ['', false],
    [`https://x.org/${'a'.repeat(3000)}`, false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it.each([[undefined], [null], [42], [{ href: 'https://x.org' }], [['https://x.org']]])('refuses non-strings (%j)', (value) => {
    expect(isAllowedExternalUrl(value)).toBe(false);
  });
});

describe('app content', () => {
  const root = resolve('/srv/app/renderer');
  it.each([
    ['app://grille/index.html', join(root, 'index.html')],
    ['app://grille/', join(root, 'index.html')],
    ['app://grille/assets/index.js', join(root, 'assets', 'index.js')],
    // the URL parser folds these dot segments itself: they stay inside the root
    ['app://grille/../secret.txt', join(root, 'secret.txt')],
    ['app://grille/%2e%2e/secret.txt', join(root, 'secret.txt')],
    // encoded slashes survive the parser and would climb out once decoded
    ['app://grille/..%2fsecret.txt', null],
    ['app://grille/assets%2f..%2f..%2f..%2fetc%2fpasswd', null],
    ['app://grille/assets/..%2f..%2fsecret.txt', null],
    ['app://grille/%00index.html', null],
    ['app://other/index.html', null],
    ['file:///srv/app/renderer/index.html', null],
  ])('%s → %s', (url, expected) => {
    expect(resolveAppPath(root, url)).toBe(expected);
  });

  it('knows its own URLs', () => {
    expect(isAppUrl('app://grille/index.html')).toBe(true);
    expect(isAppUrl('https://grille/index.html')).toBe(false);
    expect(isAppUrl(3)).toBe(false);
  });

  it('has a strict content security policy: no inline or remote script, no objects, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
