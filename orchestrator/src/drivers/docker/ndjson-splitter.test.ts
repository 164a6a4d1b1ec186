import { describe, expect, it } from 'vitest';
import { createNdjsonSplitter } from './ndjson-splitter.ts';

describe('createNdjsonSplitter', () => {
  it('emits several events that arrive in one chunk', () => {
    const got: unknown[] = [];
    const s = createNdjsonSplitter((v) => got.push(v));
    s.push('{"a":1}\n{"a":2}\n{"a":3}\n');
    expect(got).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(s.pending()).toBe(0);
  });

  it('reassembles an event split across chunks, including a split multi-byte character', () => {
    const got: unknown[] = [];
    const s = createNdjsonSplitter((v) => got.push(v));
    const bytes = Buffer.from('{"name":"région-ü"}\n{"b":2}\n', 'utf8');
    // Cut inside the two-byte "é" and inside the second object.
    const cut1 = bytes.indexOf(0xc3) + 1;
    s.push(bytes.subarray(0, cut1));
    expect(got).toEqual([]);
    s.push(bytes.subarray(cut1, cut1 + 14));
    s.push(bytes.subarray(cut1 + 14));
    expect(got).toEqual([{ name: 'région-ü' }, { b: 2 }]);
  });

  it('skips bad lines and blank lines, reporting the bad ones', () => {
    const got: unknown[] = [];
    const bad: string[] = [];
    const s = createNdjsonSplitter((v) => got.push(v), { onBadLine: (l) => bad.push(l) });
    s.push('\n{"ok":1}\nnot json\n\n{"ok":2}\n');
    expect(got).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(bad).toEqual(['not json']);
  });

  it('drops an over-long line instead of buffering forever', () => {
    const bad: string[] = [];
    const got: unknown[] = [];
    const s = createNdjsonSplitter((v) => got.push(v), { maxLineBytes: 10, onBadLine: (l) => bad.push(l) });
    s.push('{"xxxxxxxxxxxxxxxx');
    expect(s.pending()).toBe(0);
    expect(bad).toHaveLength(1);
    s.push('xxxx"}\n{"c":3}\n'); // the tail of the dropped line is skipped up to its newline
    expect(got).toEqual([{ c: 3 }]);
  });
});
