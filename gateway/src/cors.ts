import type { Request, Response, NextFunction } from 'express';

/**
 * CORS for the browser app: the web app (default :3000) calls the gateway (:4000) from the page. Only listed
 * origins are echoed back (GATEWAY_CORS_ORIGINS, comma-separated); preflight requests end here with 204.
 * Access tokens travel in the Authorization header; only the session endpoints under /api/v1/auth use a cookie
 * (the web session's refresh token, docs/decisions/auth.md), so credentials are allowed there and nowhere else.
 */
export function corsMiddleware(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.path.startsWith('/api/v1/auth/')) res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-request-id, apollo-require-preflight');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/** The web app's own origins on loopback: its port follows WEB_PORT (default 3000) so a second platform works too. */
export function defaultCorsOrigins(webPort: number): string {
  return `http://127.0.0.1:${webPort},http://localhost:${webPort}`;
}

export const DEFAULT_CORS_ORIGINS = defaultCorsOrigins(3000);
