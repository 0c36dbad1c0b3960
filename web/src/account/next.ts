// A dummy origin to resolve `next` against: what a browser would do with it, without knowing where we are.
const HERE = 'https://rallypoint.invalid';

// Controls (URL parsers silently drop tab, CR and LF, so `/\t/evil.example` is `//evil.example`), any whitespace,
// and backslashes (read as `/` in http(s) URLs) never belong in a path we send people to.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\s\\]/u;

/**
 * Where to go after signing in: only a path on this site (never `//evil.example`, `/\t/evil.example`,
 * `https://…` or `javascript:…`). Returns the path as the URL parser understood it, so what the router follows
 * is exactly what was checked; anything else gives `fallback`.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || next.length > 2048 || FORBIDDEN.test(next)) return fallback;
  if (!next.startsWith('/') || next.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return fallback;
  }
  if (url.origin !== HERE) return fallback;
  // `/..//evil.example` and `/%2e%2e//evil.example` resolve to the path `//evil.example`: protocol-relative if
  // anything later puts it in a link.
  if (!url.pathname.startsWith('/') || url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInPath(currentPath: string): string {
  return `/signin?next=${encodeURIComponent(currentPath)}`;
}
