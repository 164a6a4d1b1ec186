import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeUsername, validateEmail, validatePassword, validateRegistration, validateUsername } from './account-rules.ts';

describe('validateUsername', () => {
  it.each([
    ['alice', true],
    ['Alice_99', true],
    ['a.b-c', true],
    ['ab', false],
    ['_alice', false],
    ['al ice', false],
    ['x'.repeat(31), false],
    [42, false],
  ])('%s -> valid %s', (name, ok) => {
    expect(validateUsername(name).length === 0).toBe(ok);
  });
  it('normalizes to lower case', () => expect(normalizeUsername('  AliCe ')).toBe('alice'));
});

describe('validateEmail', () => {
  it.each([
    ['alice@example.org', true],
    ['Alice.B+tag@Mail.Example.ORG', true],
    ['alice@localhost', false],
    ['alice', false],
    ['a@b@c.org', false],
    ['', false],
  ])('%s -> valid %s', (email, ok) => {
    expect(validateEmail(email).length === 0).toBe(ok);
  });
  it('normalizes to lower case', () => expect(normalizeEmail(' A@B.Org')).toBe('a@b.org'));
});

describe('validatePassword', () => {
  it.each([
    { pw: 'correct horse battery', ctx: {}, issues: [] },
    { pw: 'short', ctx: {}, issues: ['at least 12 characters'] },
    { pw: 'x'.repeat(129), ctx: {}, issues: ['at most 128 characters', 'one repeated character'] },
    { pw: 'Password1234', ctx: {}, issues: ['a well-known password'] },
    { pw: 'aaaaaaaaaaaaaaa', ctx: {}, issues: ['one repeated character'] },
    { pw: 'alice-is-the-best', ctx: { username: 'Alice' }, issues: ['must not contain your username'] },
    { pw: 'my-bobby.tables-pw', ctx: { email: 'bobby.tables@example.org' }, issues: ['must not contain your e-mail address'] },
    { pw: 'ünïcödé-paß', ctx: {}, issues: ['at least 12 characters'] },
  ])('$pw -> $issues', ({ pw, ctx, issues }) => {
    expect(validatePassword(pw, ctx).map((i) => i.message)).toEqual(issues);
  });
  it('requires a string', () => expect(validatePassword(undefined)).toEqual([{ path: 'password', message: 'password is required' }]));
});

describe('validateRegistration', () => {
  it('reports shape and password problems separately, all at once', () => {
    const r = validateRegistration({ username: '?', email: 'nope', password: 'short' });
    expect(r.shape.map((i) => i.path)).toEqual(['username', 'email']);
    expect(r.password.map((i) => i.message)).toEqual(['at least 12 characters']);
  });
});
