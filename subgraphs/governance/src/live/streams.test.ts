import { describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '@sw/events';
import { tallyEvents } from './streams.ts';

type T = { ballots: number; status: string };

describe('tallyEvents', () => {
  it('starts from the snapshot, drops stale tallies from slower replicas, and ends at a final status', async () => {
    const bus = createMemoryEventBus();
    const live = bus.subscribe<T>('tally');
    const stream = tallyEvents(live, () => Promise.resolve({ ballots: 5, status: 'active' }));
    const first = await stream.next();
    expect(first.value).toEqual({ ballots: 5, status: 'active' });
    for (const e of [{ ballots: 4, status: 'active' }, { ballots: 7, status: 'active' }, { ballots: 6, status: 'active' }, { ballots: 7, status: 'completed' }]) {
      await bus.publish('tally', e);
    }
    const rest: T[] = [];
    for await (const e of stream) rest.push(e);
    expect(rest).toEqual([{ ballots: 7, status: 'active' }, { ballots: 7, status: 'completed' }]);
    await bus.close();
  });
  it('ends at once when the contest does not exist', async () => {
    const bus = createMemoryEventBus();
    const stream = tallyEvents(bus.subscribe<T>('none'), () => Promise.resolve(null));
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    await bus.close();
  });
});
