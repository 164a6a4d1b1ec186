/**
 * The `affinity` query argument on the subscription socket's URL. With several gateway processes behind nginx, nginx
 * hashes it (consistently) to pick the gateway, so every socket with one key lands on one process; gateways share an
 * upstream subscription only between sockets of the same user, so keying by user keeps those deduplicated
 * (docs/decisions/gateway-replicas.md). Signed-in: the user's id. Otherwise one random id per browser, kept in
 * localStorage, so all tabs of a browser go to one gateway. The key only places the socket: it grants nothing.
 */
export const AFFINITY_STORAGE_KEY = 'sw.socketAffinity';

type KeyStore = Pick<Storage, 'getItem' | 'setItem'>;

export function socketAffinity(opts: { userId?: string | null; storage?: KeyStore | null; random?: () => string } = {}): string {
  if (opts.userId) return opts.userId;
  const random = opts.random ?? (() => crypto.randomUUID());
  try {
    const stored = opts.storage?.getItem(AFFINITY_STORAGE_KEY);
    if (stored) return stored;
    const fresh = random();
    opts.storage?.setItem(AFFINITY_STORAGE_KEY, fresh);
    return fresh;
  } catch {
    return random(); // storage disabled (private mode): this page's sockets still share one key
  }
}

/** `wsUrl` with `affinity=<key>` added to its query. */
export function withAffinity(wsUrl: string, key: string): string {
  const url = new URL(wsUrl);
  url.searchParams.set('affinity', key);
  return url.toString();
}
