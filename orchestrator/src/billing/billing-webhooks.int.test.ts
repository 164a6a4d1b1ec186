import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '@sw/testing/matchers';
import { subscriptionIdOfEvent } from '@sw/domain';
import type { PayPalWebhookEvent } from '@sw/paypal';
import { billingCommands, unwrapBilling } from './billing-commands.ts';
import { approveInEmulator, startBillingHarness, type BillingHarness } from './billing-test-harness.ts';

let h: BillingHarness;
beforeAll(async () => {
  h = await startBillingHarness({ deliver: false }); // the tests deliver the emulator's signed events themselves
});
afterAll(async () => {
  await h?.close();
});

const post = (body: string | Buffer, headers: Record<string, string>) =>
  fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

async function snapshot() {
  const [r] = await h.t.sql`
    SELECT (SELECT count(*) FROM regions)::int AS regions, (SELECT count(*) FROM processed_webhook_events)::int AS processed,
      (SELECT string_agg(paypal_subscription_id || '=' || status, ',' ORDER BY paypal_subscription_id) FROM billing_subscriptions) AS billing,
      (SELECT string_agg(id::text || '=' || status, ',' ORDER BY id) FROM regions) AS region_states`;
  return r;
}

/** Fisher–Yates with a seeded LCG, so a failing storm can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

describe('webhook intake: bad input never 5xx and never changes state', () => {
  let activated: { raw: string; event: PayPalWebhookEvent };

  beforeAll(async () => {
    const p = await h.player('badinput_owner');
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: 'tamper-test' }));
    await approveInEmulator(h.emulator, c.subscription.paypalSubscriptionId);
    const rec = h.emulator.events().find((r) => r.event.event_type === 'BILLING.SUBSCRIPTION.ACTIVATED' && r.event.resource.id === c.subscription.paypalSubscriptionId)!;
    activated = { raw: rec.rawBody, event: rec.event };
  });

  const withEvent = (patch: Partial<PayPalWebhookEvent>) => JSON.stringify({ ...activated.event, id: `WH-FORGED-${Math.random().toString(36).slice(2)}`, ...patch });

  it.each<[string, () => { body: string | Buffer; headers: Record<string, string> }, number]>([
    ['tampered body', () => ({ body: activated.raw.replace('"ACTIVE"', '"ACTIVE" '), headers: h.emulator.sign(activated.raw) }), 401],
    ['wrong webhook id', () => ({ body: activated.raw, headers: h.emulator.sign(activated.raw, { webhookId: 'SOMEONEELSESHOOK' }) }), 401],
    ['unknown cert host', () => ({ body: activated.raw, headers: { ...h.emulator.sign(activated.raw), 'PAYPAL-CERT-URL': 'https://evil.example.com/v1/notifications/certs/CERT-1' } }), 401],
    ['cert on a PayPal host over http', () => ({ body: activated.raw, headers: { ...h.emulator.sign(activated.raw), 'PAYPAL-CERT-URL': 'http://api.paypal.com/v1/notifications/certs/CERT-1' } }), 401],
    ['stale transmission time', () => ({ body: activated.raw, headers: h.emulator.sign(activated.raw, { transmissionTime: new Date(Date.now() - 10 * 60_000).toISOString() }) }), 400],
    ['future transmission time', () => ({ body: activated.raw, headers: h.emulator.sign(activated.raw, { transmissionTime: new Date(Date.now() + 10 * 60_000).toISOString() }) }), 400],
    ['missing signature headers', () => ({ body: activated.raw, headers: {} }), 400],
    ['malformed JSON (validly signed)', () => ({ body: '{"id": "WH-1", "event_type": ', headers: h.emulator.sign('{"id": "WH-1", "event_type": ') }), 400],
    ['JSON that is not an event', () => ({ body: '[1,2,3]', headers: h.emulator.sign('[1,2,3]') }), 400],
    ['event without resource', () => { const b = JSON.stringify({ id: 'WH-X', event_type: 'BILLING.SUBSCRIPTION.ACTIVATED', create_time: new Date().toISOString(), summary: 's' }); return { body: b, headers: h.emulator.sign(b) }; }, 400],
    ['event created 5 days ago (replay beyond the 3-day redelivery horizon)', () => { const b = withEvent({ create_time: new Date(Date.now() - 5 * 86_400_000).toISOString() }); return { body: b, headers: h.emulator.sign(b) }; }, 400],
    ['binary garbage', () => { const b = Buffer.from([0xff, 0x00, 0xfe, 0x13]); return { body: b, headers: h.emulator.sign(b) }; }, 400],
    ['empty body', () => ({ body: '', headers: h.emulator.sign('') }), 400],
    ['body over 512 kB', () => { const b = 'x'.repeat(600_000); return { body: b, headers: h.emulator.sign(b) }; }, 413],
    ['unknown event type (validly signed) is acknowledged and ignored', () => { const b = withEvent({ event_type: 'CHECKOUT.ORDER.APPROVED' }); return { body: b, headers: h.emulator.sign(b) }; }, 200],
  ])('%s -> %i', async (_name, make, status) => {
    const before = await snapshot();
    const { body, headers } = make();
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    const json = (await res.json()) as Record<string, unknown>;
    if (status === 200) expect(json).toEqual({ status: 'webhook_received' });
    else expect(json).toMatchObject({ error: { code: match.stringMatching(/^ERR_/) } });
    await h.router.inbox.drain();
    expect(await snapshot()).toEqual(before);
  });

  it('the genuine delivery with lower-case headers is accepted and creates the region once', async () => {
    const before = await snapshot();
    const headers = Object.fromEntries(Object.entries(h.emulator.sign(activated.raw)).map(([k, v]) => [k.toLowerCase(), v]));
    const res = await post(activated.raw, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'webhook_received' });
    await h.router.inbox.drain();
    const after = await snapshot();
    expect(after!.regions).toBe(before!.regions + 1);
    // Redelivery of the same event (freshly signed) changes nothing more.
    expect((await post(activated.raw, h.emulator.sign(activated.raw))).status).toBe(200);
    await h.router.inbox.drain();
    expect(await snapshot()).toEqual(after);
  });
});

describe('storm: 100 subscriptions, every webhook delivered 25 times, shuffled, stale events mixed in', () => {
  it('yields exactly one region per active subscription and none for cancelled ones', async () => {
    const N = 100;
    const CANCEL_EVERY = 3; // ~34 cancelled before any webhook is processed
    const COPIES = 25;
    const subs: Array<{ id: string; cancelled: boolean; ownerId: string; name: string }> = [];
    for (let i = 0; i < N; i++) {
      const p = await h.player(`storm_${i}`);
      const name = `storm-${i}`;
      const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: name }));
      subs.push({ id: c.subscription.paypalSubscriptionId, cancelled: i % CANCEL_EVERY === 0, ownerId: p.playerId, name });
    }
    await pool(subs, 8, async (s) => approveInEmulator(h.emulator, s.id));
    for (const s of subs.filter((x) => x.cancelled)) await h.paypal.cancelSubscription(s.id, 'storm cancel');

    const ids = new Set(subs.map((s) => s.id));
    const records = h.emulator.events().filter((r) => ids.has(subscriptionIdOfEvent(r.event.event_type, r.event.resource) ?? ''));
    const byType = (t: string) => records.filter((r) => r.event.event_type === t).length;
    expect(byType('BILLING.SUBSCRIPTION.ACTIVATED')).toBe(N);
    expect(byType('BILLING.SUBSCRIPTION.CANCELLED')).toBe(subs.filter((s) => s.cancelled).length);
    expect(byType('PAYMENT.SALE.COMPLETED')).toBe(N);
    expect(byType('BILLING.SUBSCRIPTION.CREATED')).toBe(N);

    // Stale events: genuine-looking, validly signed events describing an older state (1 h before creation).
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const stale = subs.filter((_s, i) => i % 4 === 1).map((s, k) => {
      const activatedRec = records.find((r) => r.event.event_type === 'BILLING.SUBSCRIPTION.ACTIVATED' && r.event.resource.id === s.id)!;
      const event = { ...activatedRec.event, id: `WH-STALE-${k}`, event_type: 'BILLING.SUBSCRIPTION.SUSPENDED', resource: { ...activatedRec.event.resource, status: 'SUSPENDED', status_update_time: hourAgo, update_time: hourAgo } };
      return JSON.stringify(event);
    });
    const bodies = [...records.map((r) => r.rawBody), ...stale];
    // PayPal re-signs every attempt; sign each body a few times and reuse the signatures across its copies.
    const deliveries: Array<{ body: string; headers: Record<string, string> }> = [];
    for (const body of bodies) {
      const sigs = Array.from({ length: 3 }, () => h.emulator.sign(body));
      for (let c = 0; c < COPIES; c++) deliveries.push({ body, headers: sigs[c % sigs.length]! });
    }
    shuffle(deliveries, 20260301);

    const outcomesBefore = h.outcomes.length;
    const statuses = new Map<number, number>();
    const t0 = Date.now();
    await pool(deliveries, 32, async (d) => {
      const res = await post(d.body, d.headers);
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    });
    const ackMs = Date.now() - t0;
    await h.router.inbox.drain();
    const totalMs = Date.now() - t0;
    console.log(`storm: ${deliveries.length} deliveries acknowledged in ${ackMs} ms, processed in ${totalMs} ms`);
    expect(Object.fromEntries(statuses)).toEqual({ 200: deliveries.length });

    const regions = await h.t.sql<{ paypal_subscription_id: string; owner_id: string; name: string; runtime_state: string; status: string }[]>`
      SELECT paypal_subscription_id, owner_id, name, runtime_state, status FROM regions WHERE name LIKE 'storm-%'`;
    const active = subs.filter((s) => !s.cancelled);
    expect(regions).toHaveLength(active.length);
    const bySub = new Map(regions.map((r) => [r.paypal_subscription_id, r]));
    for (const s of active) expect(bySub.get(s.id)).toMatchObject({ owner_id: s.ownerId, name: s.name, runtime_state: 'requested', status: 'pending' });
    for (const s of subs.filter((x) => x.cancelled)) expect(bySub.has(s.id)).toBe(false);

    const billing = await h.t.sql<{ status: string; n: number }[]>`
      SELECT status, count(*)::int AS n FROM billing_subscriptions WHERE region_name LIKE 'storm-%' GROUP BY status ORDER BY status`;
    expect(billing).toEqual([
      { status: 'ACTIVE', n: active.length },
      { status: 'CANCELLED', n: N - active.length },
    ]);
    const [processed] = await h.t.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM processed_webhook_events WHERE resource_id IN ${h.t.sql(subs.map((s) => s.id))}`;
    expect(processed!.n).toBe(bodies.length); // each distinct event id recorded exactly once
    const outcomes = h.outcomes.slice(outcomesBefore);
    const kinds = (k: string) => outcomes.filter((o) => o.kind === k).length;
    // The inbox keeps one row per event id: the 24 extra copies of each only count as deliveries, and each event is
    // processed once.
    expect(outcomes).toHaveLength(bodies.length);
    expect(kinds('applied') + kinds('stale')).toBe(bodies.length);
    expect(kinds('duplicate')).toBe(0);
    const eventIds = bodies.map((b) => (JSON.parse(b) as { id: string }).id);
    const [inbox] = await h.t.sql<{ rows: number; deliveries: number; unprocessed: number }[]>`
      SELECT count(*)::int AS rows, sum(deliveries)::int AS deliveries, count(*) FILTER (WHERE processed_at IS NULL)::int AS unprocessed
      FROM paypal_webhook_inbox WHERE event_id IN ${h.t.sql(eventIds)}`;
    expect(inbox).toEqual({ rows: bodies.length, deliveries: deliveries.length, unprocessed: 0 });
    // every forged old-state event was recognised as stale
    expect(outcomes.filter((o) => o.kind === 'stale' && o.eventId.startsWith('WH-STALE-'))).toHaveLength(stale.length);
  }, 300_000);
});
