import { describe, expect, it } from 'vitest';
import { approvalPercentage } from './approval-percentage.ts';

describe('approvalPercentage', () => {
  it('is null without votes', () => expect(approvalPercentage(0, 0)).toBeNull());
  it('uses decimal weights', () => expect(approvalPercentage(1.5, 0.5)).toBeCloseTo(75));
  it('is 100 with only votes for', () => expect(approvalPercentage(2, 0)).toBe(100));
  it('is 0 with only votes against', () => expect(approvalPercentage(0, 3)).toBe(0));
});
