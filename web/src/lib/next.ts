/** Where to go after signing in: only a path on this site (never `//evil.example` or `https://…`). */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

export function signInPath(currentPath: string): string {
  return `/signin?next=${encodeURIComponent(currentPath)}`;
}
