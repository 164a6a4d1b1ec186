import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.ts';

describe('formatTable', () => {
  it('pads columns, prints - for missing values and rounds numbers to one decimal', () => {
    const out = formatTable([{ name: 'alpha', cpu: 12.345 }, { name: 'b', cpu: null }], ['name', 'cpu']);
    expect(out.split('\n')).toEqual(['NAME   CPU', '-----  ----', 'alpha  12.3', 'b      -']);
  });
});
