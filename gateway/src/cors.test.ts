import { describe, expect, it } from 'vitest';
import type { Request, Response } from 'express';
import { corsMiddleware } from './cors.ts';

function run(origin: string | undefined, method = 'POST', path = '/graphql') {
  const headers: Record<string, string> = {};
  let status = 0;
  let nextCalled = false;
  const res = {
    setHeader: (k: string, v: string) => void (headers[k.toLowerCase()] = v),
    status(code: number) {
      status = code;
      return this;
    },
    end: () => undefined,
  } as unknown as Response;
  corsMiddleware(['http://127.0.0.1:3000'])({ method, path, headers: origin ? { origin } : {} } as Request, res, () => {
    nextCalled = true;
  });
  return { headers, status, nextCalled };
}

describe('corsMiddleware', () => {
  it('echoes an allowed origin and lets the request through', () => {
    const r = run('http://127.0.0.1:3000');
    expect(r.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3000');
    expect(r.nextCalled).toBe(true);
  });
  it('answers a preflight from an allowed origin with 204 and the allowed headers', () => {
    const r = run('http://127.0.0.1:3000', 'OPTIONS');
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-headers']).toContain('authorization');
    expect(r.nextCalled).toBe(false);
  });
  it('allows credentials (the web session cookie) on the session endpoints only', () => {
    expect(run('http://127.0.0.1:3000', 'POST', '/api/v1/auth/refresh').headers['access-control-allow-credentials']).toBe('true');
    expect(run('http://127.0.0.1:3000', 'POST', '/graphql').headers['access-control-allow-credentials']).toBeUndefined();
    expect(run('http://evil.example', 'POST', '/api/v1/auth/refresh').headers['access-control-allow-credentials']).toBeUndefined();
  });
  it('adds nothing for an unknown origin', () => {
    const r = run('http://evil.example');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(r.nextCalled).toBe(true);
  });
});
