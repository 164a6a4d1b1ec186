/**
 * Where to go after signing in or up: a same-site path only (`/buy`, `/regions/x/govern?tab=…`), never another
 * origin (`//evil.example`, `/\evil.example`, `https://…`) and never the page itself, else `/`.
 */
export function safeNextPath(next: string | undefined | null, ...selfPaths: string[]): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  const path = next.split(/[?#]/)[0]!;
  return selfPaths.includes(path) ? '/' : next;
}
