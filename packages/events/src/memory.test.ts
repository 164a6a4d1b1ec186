import { describe, expect, it } from 'vitest';
import { createMemoryEventBus } from './memory-event-bus.ts';
import { channels } from './event-bus.ts';
import { eventBusContract, take } from './events.contract.ts';

eventBusContract('memory', () => createMemoryEventBus());

describe('createMemoryEventBus', () => {
  it('gives each subscriber its own parsed copy, isolated from the publisher', async () => {
    const bus = createMemoryEventBus();
    const sub = bus.subscribe<{ n: number }>(channels.generationProgress('job-1'));
    const payload = { n: 1 };
    await bus.publish(channels.generationProgress('job-1'), payload);
    payload.n = 2;
    expect(await take(sub, 1)).toEqual([{ n: 1 }]);
    await bus.close();
  });

  it('rejects non-positive buffer sizes', () => {
    const bus = createMemoryEventBus();
    expect(() => bus.subscribe('x', { bufferSize: 0 })).toThrow(RangeError);
  });

  it('names channels per job and region', () => {
    expect(channels.generationProgress('j')).toBe('generation.progress.j');
    expect(channels.regionRuntime('r')).toBe('region.runtime.r');
  });
});
