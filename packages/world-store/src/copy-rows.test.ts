import { describe, expect, it } from 'vitest';
import { encodeCopyValue, escapeCopyText, textArrayLiteral } from './copy-rows.ts';

describe('encodeCopyValue', () => {
  it.each([
    { description: 'null is \\N', input: null, expected: '\\N' },
    { description: 'booleans are t/f', input: true, expected: 't' },
    { description: 'false', input: false, expected: 'f' },
    { description: 'numbers as decimal text', input: 0.95, expected: '0.95' },
    { description: 'plain strings unchanged', input: "Merchant's Row", expected: "Merchant's Row" },
    { description: 'tab, newline, CR and backslash escaped', input: 'a\tb\nc\rd\\e', expected: 'a\\tb\\nc\\rd\\\\e' },
    { description: 'text[] literal with quoted elements', input: ['fedspace', 'nebula_type:a,b'], expected: '{"fedspace","nebula_type:a,b"}' },
    { description: 'empty array', input: [], expected: '{}' },
    { description: 'objects become JSON', input: { ore: 1500, note: 'x\ty' }, expected: '{"ore":1500,"note":"x\\\\ty"}' },
  ])('$description', ({ input, expected }) => {
    expect(encodeCopyValue(input as never)).toBe(expected);
  });

  it('rejects non-finite numbers', () => {
    expect(() => encodeCopyValue(Number.NaN)).toThrow(RangeError);
  });
});

describe('textArrayLiteral / escapeCopyText', () => {
  it('escapes quotes and backslashes inside array elements', () => {
    expect(textArrayLiteral(['say "hi"', 'a\\b'])).toBe('{"say \\"hi\\"","a\\\\b"}');
  });
  it('returns the same string when nothing needs escaping', () => {
    const s = 'Gateway Plaza';
    expect(escapeCopyText(s)).toBe(s);
  });
});
