/**
 * A session that ends closes its WebSockets: signing out (this gateway or another one, over Redis), signing out
 * everywhere and refresh-token reuse each close the session's open graphql-ws connections with 4401 "Session
 * revoked", and a token of an ended session can no longer open one (4403). Other sessions' sockets stay open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawWsClient } from '../__fixtures__/raw-ws-client.ts';
import { newAccount, startAuthHarness, type AuthHarness } from '../__fixtures__/auth-harness.ts';
import { SUBSCRIPTION_CLOSE_CODES } from '../subscription-delivery-modes.ts';

let h: AuthHarness;
beforeAll(async () => {
  h = await startAuthHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function openSocket(baseUrl: string, accessToken: string): Promise<RawWsClient> {
  const c = await RawWsClient.open(`${baseUrl.replace('http', 'ws')}/graphql`);
  expect((await c.init({ authorization: `Bearer ${accessToken}` })).type).toBe('connection_ack');
  c.subscribe('t', 'subscription { ticks }');
  expect((await c.take('t', 1))[0]).toMatchObject({ type: 'next', payload: { data: { ticks: 1 } } });
  return c;
}

describe('a revoked session loses its WebSockets', () => {
  it('logout closes the session socket with 4401 and leaves other sessions open; the old token cannot reconnect', async () => {
    const mine = await h.call('/register', newAccount('wsuser'));
    const theirs = await h.call('/register', newAccount('wsother'));
    const socket = await openSocket(h.gw.url, mine.body.accessToken);
    const other = await openSocket(h.gw.url, theirs.body.accessToken);

    expect((await h.call('/logout', { refreshToken: mine.body.refreshToken })).body.ended).toBe(true);
    expect(await socket.closed).toEqual({ code: SUBSCRIPTION_CLOSE_CODES.sessionRevoked, reason: 'Session revoked' });
    expect(other.ws.readyState).toBe(other.ws.OPEN);

    const again = await RawWsClient.open(`${h.gw.url.replace('http', 'ws')}/graphql`);
    again.send({ type: 'connection_init', payload: { authorization: `Bearer ${mine.body.accessToken}` } });
    expect((await again.closed).code).toBe(4403);
    other.close();
  });

  it('logout-all closes every socket of the user, on every gateway (the event travels over Redis)', async () => {
    const second = await h.anotherGateway();
    const reg = await h.call('/register', newAccount('wsmulti'));
    const phone = await h.call('/login', { login: 'wsmulti', password: newAccount('wsmulti').password, deviceId: 'phone-00002' });
    const onFirst = await openSocket(h.gw.url, reg.body.accessToken);
    const onSecond = await openSocket(second.url, phone.body.accessToken);
    expect((await h.call('/logout-all', {}, { authorization: `Bearer ${reg.body.accessToken}` })).body).toEqual({ ended: 2 });
    expect((await onFirst.closed).code).toBe(SUBSCRIPTION_CLOSE_CODES.sessionRevoked);
    expect((await onSecond.closed).code).toBe(SUBSCRIPTION_CLOSE_CODES.sessionRevoked);
  });

  it('refresh-token reuse closes the session socket', async () => {
    const reg = await h.call('/register', newAccount('wsreuse'));
    const rotated = await h.call('/refresh', { refreshToken: reg.body.refreshToken });
    const socket = await openSocket(h.gw.url, rotated.body.accessToken);
    expect((await h.call('/refresh', { refreshToken: reg.body.refreshToken })).body.error.code).toBe('ERR_REFRESH_TOKEN_REUSED');
    expect((await socket.closed).code).toBe(SUBSCRIPTION_CLOSE_CODES.sessionRevoked);
  });
});
