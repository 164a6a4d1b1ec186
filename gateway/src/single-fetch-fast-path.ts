import { Kind, parse, print } from 'graphql';
import type { DocumentNode, OperationDefinitionNode, SelectionSetNode, TypeNode } from 'graphql';
import type { QueryPlan } from '@apollo/query-planner';
import { BoundedCache } from '@sw/auth';

/**
 * Single-fetch fast path.
 *
 * Many gateway queries are planned as ONE fetch to ONE subgraph whose operation selects exactly what the client asked
 * for. For those, ApolloGateway still parses the subgraph's JSON, re-walks it against the supergraph (result shaping)
 * and Apollo Server re-serializes it — most of the gateway's CPU per request. The fast path sends the planned fetch and
 * returns the subgraph's bytes unchanged, but only when that is provably the same answer:
 *
 * - the entry is recorded from ApolloGateway's own plan (`experimental_didResolveQueryPlan`), i.e. only after Apollo
 *   Server parsed and validated the document and our limit plugin accepted it (same query text ⇒ same verdict);
 * - the operation is a `query` or `mutation` without directives, fragments or `__` meta fields, whose variables (if any) are of
 *   built-in scalar types and declared identically by the planned subgraph operation;
 * - the plan is a single Fetch node without requires / rewrites, and the planned subgraph operation has the identical
 *   response shape (same aliases, fields, arguments, order);
 * - the supergraph hides nothing from the API schema (no @inaccessible), so every subgraph value is visible as-is;
 * - at run time the subgraph answers 200 JSON whose body contains neither `"errors"` nor `"extensions"` — i.e. plain
 *   `{"data": {...}}`. Anything else falls back to the normal Apollo pipeline: a query is simply asked again there;
 *   a mutation is never sent twice — its answer (or network error) is handed to the pipeline's one fetch instead
 *   (HandedOverAnswer in undici-data-source.ts), so the client gets exactly the full pipeline's response to it.
 * Auth, forwarded claims, size limits and metrics are applied by the same HTTP middleware before either path.
 */
export interface FastPathEntry {
  /** A mutation is sent once: an answer that cannot be forwarded is handed to the full pipeline, never re-sent. */
  kind: 'query' | 'mutation';
  serviceName: string;
  /** JSON request body for the subgraph, prebuilt once (operations without variables). */
  body: string;
  /** The planned subgraph operation and its name (for operations with variables, whose body is built per request). */
  query: string;
  operationName: string | undefined;
  /** Variables the operation declares (all of built-in scalar types); empty when it declares none. */
  variableNames: string[];
}

/**
 * Variables are only allowed with built-in scalar types: for those, graphql-js coerces a value identically at the
 * gateway and at the subgraph, so a value the gateway would reject is rejected by the subgraph too (whose non-200 or
 * error answer then sends the request down the full pipeline, which produces the gateway's own error). Input objects
 * and enums are excluded: composition may narrow them in the supergraph.
 */
const BUILT_IN_SCALARS = new Set(['ID', 'String', 'Int', 'Float', 'Boolean']);

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** Canonical text of an operation's variable definitions (sorted by name), or null when one is not allowed. */
function variablesShape(op: OperationDefinitionNode): string | null {
  const defs = op.variableDefinitions ?? [];
  const parts: string[] = [];
  for (const d of defs) {
    if (d.directives && d.directives.length > 0) return null;
    if (!BUILT_IN_SCALARS.has(namedTypeOf(d.type))) return null;
    parts.push(`$${d.variable.name.value}:${print(d.type)}${d.defaultValue ? `=${print(d.defaultValue)}` : ''}`);
  }
  return parts.sort().join(',');
}

/** Canonical response shape of a selection set, or null when it uses anything the fast path does not handle. */
function shapeOf(set: SelectionSetNode): string | null {
  let out = '';
  for (const sel of set.selections) {
    if (sel.kind !== Kind.FIELD) return null;
    if (sel.name.value.startsWith('__')) return null;
    if (sel.directives && sel.directives.length > 0) return null;
    out += sel.alias ? `${sel.alias.value}:${sel.name.value}` : sel.name.value;
    if (sel.arguments && sel.arguments.length > 0) {
      out += `(${sel.arguments.map((a) => `${a.name.value}:${print(a.value)}`).join(',')})`;
    }
    if (sel.selectionSet) {
      const inner = shapeOf(sel.selectionSet);
      if (inner === null) return null;
      out += `{${inner}}`;
    }
    out += ' ';
  }
  return out;
}

function operationShape(op: OperationDefinitionNode): string | null {
  if (op.operation === 'subscription') return null;
  if (op.directives && op.directives.length > 0) return null;
  const vars = variablesShape(op);
  if (vars === null) return null;
  const selections = shapeOf(op.selectionSet);
  return selections === null ? null : `${op.operation}(${vars})${selections}`;
}

/** Decides whether a (document, plan) pair may use the fast path; returns the entry or null. */
export function fastPathEntryFor(document: DocumentNode, operationName: string | null | undefined, plan: QueryPlan): FastPathEntry | null {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (document.definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION)) return null;
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op) return null;
  const node = plan.node;
  if (!node || node.kind !== 'Fetch') return null;
  if (node.requires || node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length) return null;
  const clientShape = operationShape(op);
  if (clientShape === null) return null;
  let fetchDoc: DocumentNode;
  try {
    fetchDoc = parse(node.operation);
  } catch {
    return null;
  }
  if (fetchDoc.definitions.length !== 1) return null;
  const fetchOp = fetchDoc.definitions[0]!;
  if (fetchOp.kind !== Kind.OPERATION_DEFINITION) return null;
  if (operationShape(fetchOp) !== clientShape) return null;
  const variableNames = (op.variableDefinitions ?? []).map((d) => d.variable.name.value).sort();
  const usages = [...(node.variableUsages ?? [])].sort();
  if (usages.join(',') !== variableNames.join(',')) return null;
  const fetchOperationName = node.operationName ?? undefined;
  return {
    kind: op.operation === 'mutation' ? 'mutation' : 'query',
    serviceName: node.serviceName,
    body: JSON.stringify({ query: node.operation, ...(fetchOperationName ? { operationName: fetchOperationName } : {}) }),
    query: node.operation,
    operationName: fetchOperationName,
    variableNames,
  };
}

/**
 * The subgraph request body for one client request: the prebuilt body, or — for operations with variables — the
 * planned operation with exactly the declared variables the client sent (like the gateway, which forwards the
 * variables a fetch uses). Returns null when `variables` is not a JSON object (the full pipeline reports that).
 */
export function fastPathBody(entry: FastPathEntry, variables: unknown): string | null {
  if (entry.variableNames.length === 0) return entry.body;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  const given = (variables ?? {}) as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const name of entry.variableNames) if (Object.hasOwn(given, name)) picked[name] = given[name];
  return JSON.stringify({ query: entry.query, ...(entry.operationName ? { operationName: entry.operationName } : {}), variables: picked });
}

/** True when a supergraph exposes every subgraph value unchanged (the fast path's schema-level precondition). */
export function supergraphAllowsFastPath(supergraphSdl: string): boolean {
  return !/@inaccessible\b/.test(supergraphSdl);
}

/** A subgraph response body that is exactly `{"data":{...}}` (no errors, no extensions) and so can be sent as-is. */
export function isPlainDataBody(body: Buffer): boolean {
  // Compact JSON from Apollo Server starts with {"data":{ when there are no errors (errors are serialized first).
  if (body.length < 10) return false;
  let i = 0;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)) i++;
  if (body.toString('latin1', i, i + 8) !== '{"data":') return false;
  if (body[i + 8] !== 0x7b /* { */) return false;
  return body.indexOf('"errors"') === -1 && body.indexOf('"extensions"') === -1;
}

/** Bounded map from (query text, operationName) to a fast-path entry; misses are remembered as null. */
export class FastPathCache {
  private readonly cache = new BoundedCache<FastPathEntry | null>(2000);

  static key(query: string, operationName: unknown): string {
    return typeof operationName === 'string' && operationName !== '' ? `${operationName}\u0000${query}` : query;
  }

  get(key: string): FastPathEntry | null | undefined {
    return this.cache.get(key);
  }

  set(key: string, entry: FastPathEntry | null): void {
    this.cache.set(key, entry, Number.MAX_SAFE_INTEGER);
  }
}
