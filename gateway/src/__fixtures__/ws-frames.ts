/**
 * graphql-transport-ws messages as tests receive them, with small checked accessors for the payloads: a message's
 * `payload` depends on its `type`, so tests read it through nextOf / errorsOf / seqOf / eventsDroppedOf instead of
 * reaching into an untyped object. No socket code here, so unit tests can use it.
 */
import type { GraphqlError } from '@sw/testing';

/** One received message. */
export interface RawMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/** Payload of a `next` message: one execution result. The gateway numbers events in `extensions.seq`. */
export interface NextPayload<T> {
  data?: T | null;
  errors?: GraphqlError[];
  extensions?: { seq?: number; gap?: boolean; [key: string]: unknown };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isMessage = (v: unknown): v is RawMessage =>
  isObject(v) && typeof v.type === 'string' && (v.id === undefined || typeof v.id === 'string');

/** Parses one message's JSON text (kept as sent); throws when it is not an object with a string `type`. */
export function parseMessage(text: string): RawMessage {
  const m: unknown = JSON.parse(text);
  if (!isMessage(m)) throw new Error(`not a graphql-transport-ws message: ${text}`);
  return m;
}

/** The payload of a `next` message; `T` is the subscription's selected data as the test declares it. Throws otherwise. */
export function nextOf<T = Record<string, unknown>>(m: RawMessage): NextPayload<T> {
  if (m.type !== 'next' || !isObject(m.payload)) throw new Error(`not a next message: ${JSON.stringify(m)}`);
  return m.payload as NextPayload<T>;
}

/** The `data` of a `next` message; throws when the message is something else or carries no data. */
export function nextData<T = Record<string, unknown>>(m: RawMessage): T {
  const data = nextOf<T>(m).data;
  if (data === null || data === undefined) throw new Error(`next message without data: ${JSON.stringify(m)}`);
  return data;
}

/** `extensions.seq` of a `next` message; throws when it is missing. */
export function seqOf(m: RawMessage): number {
  const seq = nextOf(m).extensions?.seq;
  if (typeof seq !== 'number') throw new Error(`next message without extensions.seq: ${JSON.stringify(m)}`);
  return seq;
}

/** The errors of an `error` message (a list of GraphQL errors); throws otherwise. */
export function errorsOf(m: RawMessage): GraphqlError[] {
  if (m.type !== 'error' || !Array.isArray(m.payload)) throw new Error(`not an error message: ${JSON.stringify(m)}`);
  return m.payload as GraphqlError[];
}

/**
 * The gateway's "events were dropped" signal: a `next` payload whose first error is SUBSCRIPTION_EVENTS_DROPPED. After a
 * slow-client overflow `missed` counts the lost events of seq fromSeq..toSeq; after an upstream reconnect `missed`
 * is null and `reason` says why.
 */
export interface EventsDropped {
  code: 'SUBSCRIPTION_EVENTS_DROPPED';
  missed: number | null;
  fromSeq?: number;
  toSeq?: number;
  reason?: string;
}

/** The EventsDropped signal carried in `m`'s payload (whatever its type), or undefined when there is none. */
export function eventsDroppedOf(m: RawMessage): EventsDropped | undefined {
  if (!isObject(m.payload)) return undefined;
  const errors = m.payload.errors;
  const ext: unknown = Array.isArray(errors) && isObject(errors[0]) ? errors[0].extensions : undefined;
  if (!isObject(ext) || ext.code !== 'SUBSCRIPTION_EVENTS_DROPPED') return undefined;
  if (typeof ext.missed !== 'number' && ext.missed !== null) throw new Error(`EventsDropped without missed: ${JSON.stringify(m)}`);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    code: 'SUBSCRIPTION_EVENTS_DROPPED',
    missed: ext.missed,
    ...(num(ext.fromSeq) !== undefined ? { fromSeq: num(ext.fromSeq) } : {}),
    ...(num(ext.toSeq) !== undefined ? { toSeq: num(ext.toSeq) } : {}),
    ...(typeof ext.reason === 'string' ? { reason: ext.reason } : {}),
  };
}
