/**
 * Wraps a subscription resolver's async generator so that ending it from outside (graphql-ws calls `return()`
 * when a client completes or disconnects) closes the bus subscription AT ONCE. A bare async generator parked in
 * `await sub.next()` only sees `return()` after the next event arrives, so an idle channel would keep its Redis
 * subscription forever; closing the subscription first resolves that pending `next()` and lets it finish.
 */
export function closingStream<T>(generator: AsyncGenerator<T>, close: () => void): AsyncGenerator<T> {
  const stream: AsyncGenerator<T> = {
    next: (...args) => generator.next(...args),
    return: (value) => {
      close();
      return generator.return(value as T);
    },
    throw: (err) => {
      close();
      return generator.throw(err);
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
    [Symbol.asyncDispose]: async () => {
      close();
      await generator.return(undefined as T);
    },
  };
  return stream;
}
