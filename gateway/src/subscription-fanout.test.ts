import { describe, expect, it } from 'vitest';
import { DrainScheduler, FanoutSubscriber, SocketWriteBatch, deliverTogether, frameHeader, serializePayload, type FrameSocket, type RawFrameSink, type SerializedEvent } from './subscription-fanout.ts';
import { nextData, nextOf, parseMessage, seqOf, type RawMessage } from './__fixtures__/ws-frames.ts';

/** A socket whose unsent-byte count the test controls. */
class FakeSocket implements FrameSocket {
  readyState = 1;
  bufferedAmount = 0;
  frames: RawMessage[] = [];
  send(data: Buffer, options: { binary: boolean }): void {
    expect(options.binary).toBe(false);
    this.frames.push(parseMessage(data.toString()));
  }
}

const event = (seq: number, value = seq) => ({ seq, payload: serializePayload({ data: { v: value } }, seq) });

describe('serializePayload', () => {
  it('adds extensions.seq and keeps errors and data', () => {
    expect(JSON.parse(serializePayload({ data: { a: 1 }, errors: [{ message: 'x' }] }, 7).toString())).toEqual({
      errors: [{ message: 'x' }],
      data: { a: 1 },
      extensions: { seq: 7 },
    });
  });
});

describe('FanoutSubscriber', () => {
  it('writes graphql-ws next frames with the subscriber id and monotonic seq', () => {
    const s = new FakeSocket();
    const sub = new FanoutSubscriber(s, 'id-"1"', 'fifo', new DrainScheduler());
    for (let i = 1; i <= 3; i++) sub.push(event(i));
    expect(s.frames).toEqual([1, 2, 3].map((i) => ({ id: 'id-"1"', type: 'next', payload: { data: { v: i }, extensions: { seq: i } } })));
  });

  it('fifo: queues while the socket is backed up, drops the oldest beyond capacity and sends a gap signal first', () => {
    const s = new FakeSocket();
    const sched = new DrainScheduler({ highWaterBytes: 100, fifoCapacity: 3 });
    const sub = new FanoutSubscriber(s, 'x', 'fifo', sched);
    sub.push(event(1));
    s.bufferedAmount = 1000; // slow client
    for (let i = 2; i <= 7; i++) sub.push(event(i));
    expect(s.frames).toHaveLength(1);
    expect(sub.pending).toBe(3);
    expect(sub.dropped).toBe(3);
    sched.tick();
    expect(s.frames).toHaveLength(1); // still backed up
    s.bufferedAmount = 0;
    sched.tick();
    sched.stop();
    expect(s.frames.map(seqOf)).toEqual([1, 4, 5, 6, 7]);
    const gap = s.frames[1]!;
    expect(nextOf(gap).errors?.[0]?.extensions).toEqual({ code: 'SUBSCRIPTION_EVENTS_DROPPED', missed: 3, fromSeq: 2, toSeq: 4 });
    expect(s.frames.slice(2).map((f) => nextData<{ v: number }>(f).v)).toEqual([5, 6, 7]);
    expect(sched.backlogged).toBe(0);
  });

  it('latest: coalesces a slow client backlog to the newest payload, no gap signal', () => {
    const s = new FakeSocket();
    const sched = new DrainScheduler({ highWaterBytes: 100 });
    const sub = new FanoutSubscriber(s, 'x', 'latest', sched);
    s.bufferedAmount = 1000;
    for (let i = 1; i <= 50; i++) sub.push(event(i));
    expect(sub.pending).toBe(1);
    expect(sub.coalesced).toBe(49);
    s.bufferedAmount = 0;
    sched.tick();
    sched.stop();
    expect(s.frames).toEqual([{ id: 'x', type: 'next', payload: { data: { v: 50 }, extensions: { seq: 50 } } }]);
  });

  it('a slow subscriber does not delay others sharing the same payloads', () => {
    const slow = new FakeSocket();
    const fast = new FakeSocket();
    const sched = new DrainScheduler({ highWaterBytes: 100, fifoCapacity: 2 });
    const a = new FanoutSubscriber(slow, 'a', 'fifo', sched);
    const b = new FanoutSubscriber(fast, 'b', 'fifo', sched);
    slow.bufferedAmount = 10_000;
    for (let i = 1; i <= 100; i++) {
      const e = event(i);
      a.push(e);
      b.push(e);
    }
    sched.stop();
    expect(fast.frames.map(seqOf)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(slow.frames).toHaveLength(0);
    expect(a.pending).toBe(2);
    expect(a.dropped).toBe(98);
  });

  it('drops everything for closed sockets and after close()', () => {
    const s = new FakeSocket();
    const sub = new FanoutSubscriber(s, 'x', 'fifo', new DrainScheduler());
    sub.close();
    sub.push(event(1));
    const s2 = new FakeSocket();
    s2.readyState = 3;
    new FanoutSubscriber(s2, 'y', 'fifo', new DrainScheduler()).push(event(1));
    expect(s.frames).toHaveLength(0);
    expect(s2.frames).toHaveLength(0);
  });
});

/** Collects raw bytes and decodes unmasked server frames, reassembling fragmented text messages. */
class RawSink implements RawFrameSink {
  chunks: Buffer[] = [];
  corked = 0;
  corks = 0;
  /** Chunks handed to the kernel so far: everything written up to the last uncork that left the socket uncorked. */
  flushed = 0;
  cork(): void {
    this.corked++;
    this.corks++;
  }
  uncork(): void {
    this.corked--;
    if (this.corked === 0) this.flushed = this.chunks.length;
  }
  write(chunk: Buffer): boolean {
    expect(this.corked).toBe(1); // both fragments go out in one corked write
    this.chunks.push(Buffer.from(chunk));
    return true;
  }
  messages(): { fragments: number; text: string }[] {
    const buf = Buffer.concat(this.chunks);
    const out: { fragments: number; text: string }[] = [];
    let parts: Buffer[] = [];
    for (let i = 0; i < buf.length; ) {
      const fin = (buf[i]! & 0x80) !== 0;
      const opcode = buf[i]! & 0x0f;
      let len = buf[i + 1]! & 0x7f;
      let off = i + 2;
      if (len === 126) {
        len = buf.readUInt16BE(off);
        off += 2;
      } else if (len === 127) {
        len = Number(buf.readBigUInt64BE(off));
        off += 8;
      }
      expect(parts.length === 0 ? opcode : 0).toBe(opcode); // text first, continuation after
      parts.push(buf.subarray(off, off + len));
      i = off + len;
      if (fin) {
        out.push({ fragments: parts.length, text: Buffer.concat(parts).toString() });
        parts = [];
      }
    }
    return out;
  }
}

describe('raw frames', () => {
  it('events delivered together reach each socket in ONE flush, every subscription in event order', () => {
    const shared = new RawSink();
    const other = new RawSink();
    const sched = new DrainScheduler();
    const subs = [
      { fanout: new FanoutSubscriber(new FakeSocket(), 'a', 'fifo', sched, shared) },
      { fanout: new FanoutSubscriber(new FakeSocket(), 'b', 'fifo', sched, shared) },
      { fanout: new FanoutSubscriber(new FakeSocket(), 'c', 'fifo', sched, other) },
    ];
    expect(deliverTogether([event(1), event(2), event(3)], subs)).toBe(1);
    expect(shared.corks).toBe(1);
    expect(other.corks).toBe(1);
    expect(shared.corked).toBe(0);
    const order = (sink: RawSink) => sink.messages().map((m) => { const f = JSON.parse(m.text) as { id: string; payload: { extensions: { seq: number } } }; return `${f.id}${f.payload.extensions.seq}`; });
    expect(order(shared)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
    expect(order(other)).toEqual(['c1', 'c2', 'c3']);
  });

  it('a pass holds at most maxBytes of payload, so corked frames never make a fast client look backed up', () => {
    const sink = new RawSink();
    const sched = new DrainScheduler({ highWaterBytes: 1000, fifoCapacity: 1 });
    const sub = new FanoutSubscriber(new FakeSocket(), 'a', 'fifo', sched, sink);
    const big = (seq: number) => ({ seq, payload: serializePayload({ data: { v: 'x'.repeat(400) } }, seq) });
    expect(deliverTogether([big(1), big(2), big(3), big(4), big(5)], [{ fanout: sub }], 500)).toBe(5);
    expect(sink.corks).toBe(5);
    expect(sink.messages()).toHaveLength(5);
    expect(sub.dropped).toBe(0);
  });

  it('a write batch corks a socket once for all its subscriptions of an event and sends them at the flush, in order', () => {
    const shared = new RawSink();
    const other = new RawSink();
    const sched = new DrainScheduler();
    const subs = [
      new FanoutSubscriber(new FakeSocket(), 'a', 'fifo', sched, shared),
      new FanoutSubscriber(new FakeSocket(), 'b', 'fifo', sched, shared),
      new FanoutSubscriber(new FakeSocket(), 'c', 'fifo', sched, other),
    ];
    const batch = new SocketWriteBatch();
    for (const s of subs) s.push(event(1), batch);
    expect(shared.corks).toBe(1);
    expect(shared.flushed).toBe(0); // still corked: nothing reached the kernel yet
    batch.flush();
    expect(shared.corked).toBe(0);
    expect(shared.flushed).toBe(4);
    expect(shared.messages().map((m) => (JSON.parse(m.text) as { id: string }).id)).toEqual(['a', 'b']);
    expect(other.messages().map((m) => (JSON.parse(m.text) as { id: string }).id)).toEqual(['c']);
    // Without a batch every frame pair is corked and flushed on its own.
    subs[0]!.push(event(2));
    expect(shared.corks).toBe(2);
    expect(shared.flushed).toBe(6);
  });

  it('builds frame headers for the three length encodings', () => {
    expect([...frameHeader(true, 1, 5)]).toEqual([0x81, 5]);
    expect([...frameHeader(false, 1, 300)]).toEqual([0x01, 126, 1, 44]);
    expect([...frameHeader(true, 0, 70_000)]).toEqual([0x80, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70]);
  });

  it('writes each event as a prebuilt head fragment + one shared tail fragment that decode to the same message', () => {
    const sinkA = new RawSink();
    const sinkB = new RawSink();
    const sched = new DrainScheduler();
    const a = new FanoutSubscriber(new FakeSocket(), 'a', 'fifo', sched, sinkA);
    const b = new FanoutSubscriber(new FakeSocket(), 'bb', 'fifo', sched, sinkB);
    const big: SerializedEvent = { seq: 2, payload: serializePayload({ data: { v: 'x'.repeat(70_000) } }, 2) };
    for (const e of [event(1), big]) {
      a.push(e);
      b.push(e);
    }
    expect(big.tailFrame).toBeDefined(); // built once, shared by both subscribers
    const msgs = sinkA.messages();
    expect(msgs.map((m) => m.fragments)).toEqual([2, 2]);
    expect(JSON.parse(msgs[0]!.text)).toEqual({ id: 'a', type: 'next', payload: { data: { v: 1 }, extensions: { seq: 1 } } });
    expect(nextData<{ v: string }>(parseMessage(msgs[1]!.text)).v).toHaveLength(70_000);
    expect(parseMessage(sinkB.messages()[0]!.text).id).toBe('bb');
  });
});
