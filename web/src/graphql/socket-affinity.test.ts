import { describe, expect, it } from 'vitest';
import { AFFINITY_STORAGE_KEY, socketAffinity, withAffinity } from './socket-affinity';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('socketAffinity', () => {
  it('is the signed-in user id when there is one', () => {
    expect(socketAffinity({ userId: 'u-1', storage: memoryStorage(), random: () => 'r' })).toBe('u-1');
  });

  it('is one stable random id per browser otherwise', () => {
    const storage = memoryStorage();
    let n = 0;
    const random = () => `r${++n}`;
    expect(socketAffinity({ storage, random })).toBe('r1');
    expect(socketAffinity({ storage, random })).toBe('r1');
    expect(storage.m.get(AFFINITY_STORAGE_KEY)).toBe('r1');
  });

  it('still answers when storage throws', () => {
    const storage = { getItem: () => { throw new Error('denied'); }, setItem: () => undefined };
    expect(socketAffinity({ storage, random: () => 'r' })).toBe('r');
  });
});

describe('withAffinity', () => {
  it('adds the key to the socket URL query', () => {
    expect(withAffinity('ws://127.0.0.1:4000/graphql', 'u 1')).toBe('ws://127.0.0.1:4000/graphql?affinity=u+1');
    expect(withAffinity('wss://play.example.test/graphql?x=1', 'k')).toBe('wss://play.example.test/graphql?x=1&affinity=k');
  });
});
