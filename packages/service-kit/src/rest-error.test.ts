import { describe, expect, it } from 'vitest';
import type { Response } from 'express';
import { DomainError } from '@sw/domain';
import { restError } from './rest-error.ts';

function fakeRes() {
  const out: { status?: number; body?: unknown } = {};
  const res = {
    status(s: number) { out.status = s; return res; },
    json(b: unknown) { out.body = b; return res; },
  };
  return { res: res as unknown as Response, out };
}

describe('restError', () => {
  it('writes a DomainError with its mapped status and details', () => {
    const { res, out } = fakeRes();
    restError(res, new DomainError('ERR_SCALE_OUT_OF_RANGE', 'too big', { max: 8 }));
    expect(out).toEqual({ status: 400, body: { error: { code: 'ERR_SCALE_OUT_OF_RANGE', message: 'too big', details: { max: 8 } } } });
  });
  it('writes a code + message', () => {
    const { res, out } = fakeRes();
    restError(res, 'ERR_REGION_NOT_FOUND', 'no region r-1');
    expect(out).toEqual({ status: 404, body: { error: { code: 'ERR_REGION_NOT_FOUND', message: 'no region r-1' } } });
  });
  it('hides unknown errors as 500 ERR_INTERNAL', () => {
    const { res, out } = fakeRes();
    restError(res, new Error('connection string postgres://secret'));
    expect(out).toEqual({ status: 500, body: { error: { code: 'ERR_INTERNAL', message: 'Internal server error' } } });
  });
});
