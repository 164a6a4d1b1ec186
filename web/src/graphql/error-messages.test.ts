import { describe, expect, it } from 'vitest';
import { describeCode, isSessionCode } from './error-messages';

describe('describeCode', () => {
  it('gives a sentence for a known code', () => {
    expect(describeCode('ERR_REGION_NAME_TAKEN', 'region name taken')).toBe('Another region already has that name.');
  });
  it('explains the entry-request refusals', () => {
    expect(describeCode('ERR_JOURNEY_NOT_AWAITING_APPROVAL', 'the journey is cancelled')).toContain('no longer waits for a decision');
    expect(describeCode('ERR_NOT_IMMIGRATION_OFFICER', 'nope')).toContain('owner, its governor or an administrator');
  });
  it("falls back to the server's message for a code it does not know", () => {
    expect(describeCode('ERR_SOMETHING_NEW', 'The thing is new')).toBe('The thing is new');
  });
  it('never returns an empty string', () => {
    expect(describeCode('ERR_SOMETHING_NEW', '  ')).toBe('Something went wrong.');
  });
});

describe('isSessionCode', () => {
  it.each([
    ['ERR_UNAUTHENTICATED', true],
    ['ERR_INVALID_TOKEN', true],
    ['ERR_FORBIDDEN', false],
  ])('%s -> %s', (code, expected) => {
    expect(isSessionCode(code)).toBe(expected);
  });
});
