import type { Subscription } from './event-bus.ts';

type Waiter<T> = (r: IteratorResult<T>) => void;

/**
 * The Subscription implementation shared by both buses: a bounded FIFO (drop-oldest) in front of an async
 * iterator. The bus calls `push` for each event; `onClose` runs once when the consumer closes it.
 */
export class BufferedSubscription<T> implements Subscription<T> {
  readonly ready: Promise<void>;
  private readonly bufferSize: number;
  private readonly onClose: () => void;
  private readonly queue: T[] = [];
  private readonly waiters: Waiter<T>[] = [];
  private droppedCount = 0;
  private closed = false;

  constructor(bufferSize: number, ready: Promise<void>, onClose: () => void) {
    if (!Number.isInteger(bufferSize) || bufferSize < 1) throw new RangeError('bufferSize must be a positive integer');
    this.bufferSize = bufferSize;
    this.ready = ready;
    this.onClose = onClose;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Delivers one event: straight to a waiting `next()`, else into the queue (dropping the oldest when full). */
  push(value: T): void {
    if (this.closed) return;
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter({ value, done: false });
      return;
    }
    if (this.queue.length >= this.bufferSize) {
      this.queue.shift();
      this.droppedCount++;
    }
    this.queue.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Unsubscribes, discards unread events and ends pending `next()` calls. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    for (const w of this.waiters.splice(0)) w({ value: undefined, done: true });
    this.onClose();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
