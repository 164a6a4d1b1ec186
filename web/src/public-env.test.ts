import { describe, expect, it } from 'vitest';
import { toWebSocketUrl } from './public-env';

describe('toWebSocketUrl', () => {
  it.each([
    ['http://127.0.0.1:4000/graphql', 'ws://127.0.0.1:4000/graphql'],
    ['https://play.example.test/graphql', 'wss://play.example.test/graphql'],
  ])('%s -> %s', (http, ws) => {
    expect(toWebSocketUrl(http)).toBe(ws);
  });
});
