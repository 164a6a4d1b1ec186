import { describe, expect, it } from 'vitest';
import type { NextFunction, Request, Response } from 'express';
import { devLoginLoopbackOnly, isLoopbackAddress } from './dev-login-guard.ts';

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.5.6.7', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.0.0.1', true],
    ['192.0.2.2', false],
    ['10.0.0.1', false],
    ['::ffff:192.0.2.2', false],
    ['fd00::2', false],
    ['0.0.0.0', false],
    ['128.0.0.1', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

describe('devLoginLoopbackOnly', () => {
  const run = (remoteAddress: string | undefined, headers: Record<string, string> = {}) => {
    let status = 0;
    let body: unknown;
    let passed = false;
    const req = { socket: { remoteAddress }, headers } as unknown as Request;
    const res = {
      status(s: number) {
        status = s;
        return this;
      },
      json(b: unknown) {
        body = b;
        return this;
      },
    } as unknown as Response;
    devLoginLoopbackOnly()(req, res, (() => (passed = true)) as NextFunction);
    return { status, body, passed };
  };

  it('lets loopback callers through', () => {
    expect(run('127.0.0.1').passed).toBe(true);
    expect(run('::1').passed).toBe(true);
  });

  it('refuses other hosts with 403 ERR_DEV_LOGIN_LOOPBACK_ONLY, whatever X-Forwarded-For says', () => {
    for (const r of [run('192.0.2.7'), run('192.0.2.7', { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' }), run(undefined)]) {
      expect(r.passed).toBe(false);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ error: { code: 'ERR_DEV_LOGIN_LOOPBACK_ONLY' } });
    }
  });
});
