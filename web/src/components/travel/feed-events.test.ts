import { describe, expect, it } from 'vitest';
import { appendFeedEvent } from './feed-events';
import type { TravelEventFieldsFragment } from '../../graphql/generated/graphql';

const ev = (seq: number) => ({ seq, kind: 'ARRIVED', at: '', journey: {} }) as unknown as TravelEventFieldsFragment;

describe('appendFeedEvent', () => {
  it('appends the next event in sequence', () => {
    expect(appendFeedEvent([ev(1)], ev(2))?.map((e) => e.seq)).toEqual([1, 2]);
  });
  it('asks for the history when an event is missing', () => {
    expect(appendFeedEvent([ev(1)], ev(3))).toBeNull();
  });
  it('ignores an event it already has', () => {
    expect(appendFeedEvent([ev(1), ev(2)], ev(2))?.map((e) => e.seq)).toEqual([1, 2]);
  });
  it('starts an empty feed with any event', () => {
    expect(appendFeedEvent([], ev(7))?.map((e) => e.seq)).toEqual([7]);
  });
});
