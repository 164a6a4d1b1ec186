import type postgres from 'postgres';

/**
 * drizzle's postgres-js driver runs every query that was not built with `.prepare(name)` — every `db.select()`,
 * `db.insert()` and `db.execute(sql…)` — through `sql.unsafe(text, params, { prepare: false })`. postgres.js then
 * (a) asks the server to parse and plan the text on every call and (b) for a query with parameters sends a Describe,
 * waits for the answer and only then sends Bind/Execute: two round trips per query. On the ballot path that was
 * three quarters of the hub's CPU per vote (docs/decisions/prepared-statements.md has the measurements).
 *
 * This wrapper makes those calls named prepared statements, which postgres.js keys by query text and parameter
 * types and keeps per connection (connections are recycled after `max_lifetime`, which bounds how many accumulate).
 * Transactions and savepoints hand their callback a wrapped client too, so queries inside `db.transaction()` are
 * prepared as well. Only for session-pooled URLs: a transaction pooler would lose the statements between transactions.
 */
export function preparedByDefault(sql: postgres.Sql): postgres.Sql {
  return wrap(sql) as postgres.Sql;
}

type AnyFn = (...args: unknown[]) => unknown;

function wrap<T extends object>(target: T): T {
  // The wrappers are made once per client, not on every property read: drizzle reads `unsafe` for every query.
  const made = new Map<PropertyKey, AnyFn>();
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as AnyFn;
      if (prop !== 'unsafe' && prop !== 'begin' && prop !== 'savepoint' && prop !== 'reserve') return fn;
      let wrapper = made.get(prop);
      if (wrapper === undefined) {
        wrapper = wrapperOf(prop, fn);
        made.set(prop, wrapper);
      }
      return wrapper;
    },
  });
}

function wrapperOf(prop: 'unsafe' | 'begin' | 'savepoint' | 'reserve', fn: AnyFn): AnyFn {
  if (prop === 'unsafe') return (text, args, options) => unsafePrepared(fn, text as string, args, options as Record<string, unknown> | undefined);
  if (prop === 'reserve') return async () => wrap((await fn()) as object);
  // begin / savepoint: the callback gets a wrapped transaction client.
  return (...args: unknown[]) => {
    const last = args.length - 1;
    const cb = args[last];
    if (typeof cb === 'function') args[last] = (tx: object) => (cb as AnyFn)(wrap(tx));
    return fn(...args);
  };
}

function unsafePrepared(unsafe: AnyFn, text: string, args: unknown, options?: Record<string, unknown>): unknown {
  // unsafe(text, options) is the two-argument form; a query without parameters uses the simple protocol anyway.
  if (args !== undefined && !Array.isArray(args)) return unsafe(text, [], { ...(args as Record<string, unknown>), prepare: true });
  return unsafe(text, args ?? [], { ...options, prepare: true });
}
