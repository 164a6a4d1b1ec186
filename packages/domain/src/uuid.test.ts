import { describe, expect, it } from 'vitest';
import { assertUuid, isUuid } from './uuid.ts';

describe('isUuid', () => {
  it('accepts canonical uuids in either case', () => {
    expect(isUuid('6f1c2a7e-3b4d-4c5e-8f90-0123456789ab')).toBe(true);
    expect(isUuid('6F1C2A7E-3B4D-4C5E-8F90-0123456789AB')).toBe(true);
  });
  it.each(['', 'abc', '6f1c2a7e3b4d4c5e8f900123456789ab', '6f1c2a7e-3b4d-4c5e-8f90-0123456789ag', "1' or '1'='1"])(
    'rejects %j',
    (value) => expect(isUuid(value)).toBe(false),
  );
  it('rejects non-strings', () => {
    expect(isUuid(42)).toBe(false);
    expect(isUuid(null)).toBe(false);
  });
});

describe('assertUuid', () => {
  it('returns a valid id', () => expect(assertUuid('6f1c2a7e-3b4d-4c5e-8f90-0123456789ab', 'id')).toBe('6f1c2a7e-3b4d-4c5e-8f90-0123456789ab'));
  it('throws ERR_VALIDATION naming the field', () => {
    expect(() => assertUuid('nope', 'regionId')).toThrowError(/regionId must be a uuid/);
  });
});
