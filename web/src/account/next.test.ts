import { describe, expect, it } from 'vitest';
import { safeNext, signInPath } from './next.ts';

const SITE = 'https://rallypoint.example';

/** Where a browser would really go if the app navigated to `path` from a page of this site. */
const landsOn = (path: string) => new URL(path, `${SITE}/signin`);

describe('safeNext', () => {
  it('keeps paths on this site, with their query and hash', () => {
    for (const path of [
      '/',
      '/events/1',
      '/plans',
      '/events/RXZlbnQ6MQ%3D%3D/lifts',
      '/near/LS61AN?radius=10&kinds=CANVASS%2CSTALL&sort=TIME',
      '/marginals/LS61AN?seats=10#seat-E14001234',
      '/events/1#lifts',
    ]) {
      expect(safeNext(path), path).toBe(path);
    }
  });

  it('gives the fallback when there is nothing to follow', () => {
    expect(safeNext(null, '/plans')).toBe('/plans');
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext('')).toBe('/');
  });

  // Each of these would take the browser to another site (or run script) after signing in.
  const hostile: Record<string, string> = {
    'protocol-relative': '//evil.example',
    'three slashes': '///evil.example',
    'absolute URL': 'https://evil.example/',
    'absolute URL, upper case': 'HTTPS://evil.example/',
    'no leading slash': 'evil.example/path',
    'tab (browsers strip it: //evil.example)': '/\t/evil.example',
    'newline': '/\n/evil.example',
    'carriage return': '/\r/evil.example',
    'CRLF': '/\r\n/evil.example',
    'leading tab': '\t//evil.example',
    'NUL': '/\0/evil.example',
    'other C0 control': '/\x0b/evil.example',
    'DEL': '/\x7f/evil.example',
    'C1 control': '/\x85/evil.example',
    'slash backslash': '/\\evil.example',
    'backslash slash': '\\/evil.example',
    'two backslashes': '\\\\evil.example',
    'backslash later in the authority position': '/\\/evil.example',
    'space': '/ /evil.example',
    'leading space': ' //evil.example',
    'no-break space': '/\u00a0/evil.example',
    'line separator': '/\u2028/evil.example',
    'ideographic space': '/\u3000/evil.example',
    'dot-dot up to an empty segment': '/..//evil.example',
    'encoded dot-dot up to an empty segment': '/%2e%2e//evil.example',
    'dot then empty segment': '/.//evil.example',
    'javascript:': 'javascript:alert(document.cookie)',
    'javascript: mixed case': 'JaVaScRiPt:alert(1)',
    'a tab anywhere, even inside a harmless path': '/events/\t1',
    'data:': 'data:text/html,<script>alert(1)</script>',
    'data: base64': 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'mailto:': 'mailto:someone@evil.example',
  };
  for (const [name, next] of Object.entries(hostile)) {
    it(`refuses ${name}: ${JSON.stringify(next)}`, () => {
      expect(safeNext(next, '/plans')).toBe('/plans');
    });
  }

  it('percent-encoded controls and slashes stay a path on this site (the browser never decodes them into the authority)', () => {
    for (const next of ['/%09/evil.example', '/%0a/evil.example', '/%2F/evil.example', '/%5C/evil.example', '/%20/evil.example']) {
      const out = safeNext(next);
      expect(landsOn(out).origin, next).toBe(SITE);
      expect(out.startsWith('//'), next).toBe(false);
    }
  });

  it('whatever it returns, a browser resolving it stays on this site', () => {
    for (const next of [...Object.values(hostile), '/events/1?x=1#y', '/%09/evil.example', '/a/b/../../c']) {
      const out = safeNext(next);
      const url = landsOn(out);
      expect(url.origin, JSON.stringify(next)).toBe(SITE);
      expect(url.pathname.startsWith('//'), JSON.stringify(next)).toBe(false);
    }
  });

  it('survives the round trip through the sign-in link (one level of decoding)', () => {
    const path = '/near/LS61AN?radius=10&kinds=CANVASS%2CSTALL#list';
    const next = new URL(signInPath(path), SITE).searchParams.get('next');
    expect(safeNext(next)).toBe(path);
    // The decoded form of an encoded tab is a real tab: refused.
    expect(safeNext(new URL('/signin?next=%2F%09%2Fevil.example', SITE).searchParams.get('next'), '/x')).toBe('/x');
  });
});
