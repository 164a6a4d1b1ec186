import { Kind, getNamedType, getVariableValues, isInterfaceType, isNonNullType, isObjectType } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode, SelectionSetNode, GraphQLCompositeType } from 'graphql';
import type { FetchNode, PlanNode, QueryPlan, QueryPlanSelectionNode } from '@apollo/query-planner';
import { BoundedCache } from '@sw/auth';

/**
 * Compiled plans: a direct executor for multi-fetch query plans (docs/decisions/gateway-plan-executor.md).
 *
 * A query joining subgraphs (regions from Region, their policies from Governance, their runtime from the orchestrator)
 * is planned by ApolloGateway as a Sequence of a root Fetch and Flatten(Fetch `_entities`) nodes. ApolloGateway runs
 * such a plan generically for every request: Apollo Server's request pipeline, the plan walk with its cursors and
 * telemetry spans, then `computeResponse`, which re-walks the merged data against the operation to order fields and drop
 * the ones only fetched for the plan (`__typename`, keys). For plans of the simple shape below, the entry compiled here
 * from ApolloGateway's own plan (recorded in `experimental_didResolveQueryPlan`, i.e. after Apollo Server parsed and
 * validated the query and our limit plugin accepted it) runs the same fetches in the same order, merges entities the
 * same way (representations from the `requires` selection, `_entities` merged back by index) and shapes the answer
 * with a precompiled field list. It answers only when the result is provably what the gateway would answer; anything
 * else returns null and the request takes the full pipeline (safe: only queries use this path):
 *
 * - the operation is a `query` without directives, fragments or `__` meta fields, on object or interface types;
 * - the plan contains only Sequence, Parallel, Fetch and Flatten(Fetch) nodes, no rewrites, and `requires` selections
 *   of plain fields inside an inline fragment on an object type;
 * - the request's variables are valid for the API schema (graphql-js `getVariableValues`, like Apollo Server);
 * - at run time: every subgraph answers 200 JSON with `data` and without `errors`; every field the client selected is
 *   present; a null appears only where the client's field is nullable (never in a list) — a null elsewhere would make
 *   the gateway bubble it up and report an error, so that case too goes to the full pipeline;
 * - the supergraph hides nothing from the API schema (no @inaccessible; checked with the single-fetch fast path).
 */

/** One field of the client's selection, as it appears in the response. */
interface ShapeField {
  key: string;
  nullable: boolean;
  /** Sub-selection for object / interface values; undefined for leaves. */
  fields?: ShapeField[];
}

type Step =
  | { kind: 'sequence' | 'parallel'; steps: Step[] }
  | { kind: 'fetch'; fetch: CompiledFetch; path: string[] };

export interface CompiledFetch {
  serviceName: string;
  query: string;
  operationName: string | undefined;
  variableUsages: string[];
  /** Representation fields per type condition (always including __typename); undefined for root fetches. */
  requires?: Map<string, string[]>;
}

export interface CompiledPlan {
  root: Step;
  shape: ShapeField[];
  operation: OperationDefinitionNode;
  /** Counts fetch nodes (for tests and metrics). */
  fetchCount: number;
}

/** Sends one subgraph fetch: the parsed JSON body when the subgraph answered 200 JSON, else null (→ full pipeline). */
export type PlanFetcher = (serviceName: string, body: string) => Promise<{ data?: unknown; errors?: unknown } | null>;

const NOT_SUPPORTED = null;

function compileShape(set: SelectionSetNode, parent: GraphQLCompositeType): ShapeField[] | null {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return NOT_SUPPORTED;
  const defs = parent.getFields();
  const out: ShapeField[] = [];
  for (const sel of set.selections) {
    if (sel.kind !== Kind.FIELD) return NOT_SUPPORTED;
    if (sel.name.value.startsWith('__')) return NOT_SUPPORTED;
    if (sel.directives && sel.directives.length > 0) return NOT_SUPPORTED;
    const def = defs[sel.name.value];
    if (!def) return NOT_SUPPORTED;
    const key = sel.alias?.value ?? sel.name.value;
    if (out.some((f) => f.key === key)) return NOT_SUPPORTED; // merged duplicate selections: leave to the pipeline
    const field: ShapeField = { key, nullable: !isNonNullType(def.type) };
    if (sel.selectionSet) {
      const inner = compileShape(sel.selectionSet, getNamedType(def.type) as GraphQLCompositeType);
      if (inner === null) return NOT_SUPPORTED;
      field.fields = inner;
    }
    out.push(field);
  }
  return out;
}

function compileRequires(requires: QueryPlanSelectionNode[]): Map<string, string[]> | null {
  const out = new Map<string, string[]>();
  for (const sel of requires) {
    if (sel.kind !== 'InlineFragment' || !sel.typeCondition) return NOT_SUPPORTED;
    const names: string[] = [];
    for (const f of sel.selections) {
      if (f.kind !== 'Field' || f.alias || (f.selections && f.selections.length > 0)) return NOT_SUPPORTED;
      names.push(f.name);
    }
    if (!names.includes('__typename')) return NOT_SUPPORTED;
    out.set(sel.typeCondition, names);
  }
  return out;
}

function compileFetch(node: FetchNode, path: string[], entity: boolean): Step | null {
  if (node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length || node.hasDefers) return NOT_SUPPORTED;
  if (node.operationKind !== undefined && String(node.operationKind) !== 'query') return NOT_SUPPORTED;
  const fetch: CompiledFetch = {
    serviceName: node.serviceName,
    query: node.operation,
    operationName: node.operationName ?? undefined,
    variableUsages: [...(node.variableUsages ?? [])],
  };
  if (entity) {
    if (!node.requires) return NOT_SUPPORTED;
    const requires = compileRequires(node.requires);
    if (!requires) return NOT_SUPPORTED;
    fetch.requires = requires;
  } else if (node.requires) {
    return NOT_SUPPORTED;
  }
  return { kind: 'fetch', fetch, path };
}

function compileNode(node: PlanNode, counter: { fetches: number }): Step | null {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel': {
      const steps: Step[] = [];
      for (const n of node.nodes) {
        const s = compileNode(n, counter);
        if (!s) return NOT_SUPPORTED;
        steps.push(s);
      }
      return { kind: node.kind === 'Sequence' ? 'sequence' : 'parallel', steps };
    }
    case 'Fetch':
      counter.fetches++;
      return compileFetch(node, [], false);
    case 'Flatten': {
      if (node.node.kind !== 'Fetch' || node.path.some((p) => typeof p !== 'string')) return NOT_SUPPORTED;
      counter.fetches++;
      return compileFetch(node.node, node.path as string[], true);
    }
    default:
      return NOT_SUPPORTED;
  }
}

/** Decides whether a (document, plan) pair may run on the compiled executor; returns the compiled plan or null. */
export function compilePlan(document: DocumentNode, operationName: string | null | undefined, plan: QueryPlan, schema: GraphQLSchema): CompiledPlan | null {
  if (document.definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION)) return NOT_SUPPORTED;
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op || op.operation !== 'query' || (op.directives && op.directives.length > 0)) return NOT_SUPPORTED;
  if (op.variableDefinitions?.some((d) => d.directives && d.directives.length > 0)) return NOT_SUPPORTED;
  const queryType = schema.getQueryType();
  if (!queryType || !plan.node || plan.node.kind === 'Subscription') return NOT_SUPPORTED;
  const shape = compileShape(op.selectionSet, queryType);
  if (!shape) return NOT_SUPPORTED;
  const counter = { fetches: 0 };
  const root = compileNode(plan.node, counter);
  if (!root) return NOT_SUPPORTED;
  return { root, shape, operation: op, fetchCount: counter.fetches };
}

/** Thrown inside the executor when the answer cannot be shown to equal the gateway's; the caller falls back. */
class Fallback extends Error {}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** ApolloGateway's deepMerge: objects merge key by key, arrays element by element, anything else overwrites. */
function deepMerge(target: Record<string, unknown>, source: unknown): void {
  if (!isPlainObject(source)) return;
  for (const key of Object.keys(source)) {
    const s = source[key];
    const t = target[key];
    if (isPlainObject(t) && isPlainObject(s)) deepMerge(t, s);
    else if (Array.isArray(t) && Array.isArray(s) && t.length === s.length) {
      const ts = t as unknown[];
      const ss = s as unknown[];
      for (let i = 0; i < ts.length; i++) {
        const ti = ts[i];
        if (isPlainObject(ti) && isPlainObject(ss[i])) deepMerge(ti, ss[i]);
        else ts[i] = ss[i];
      }
    } else target[key] = s;
  }
}

/** The objects at a Flatten path (`@` = every element of a list, nested lists included); null / missing skipped. */
function objectsAt(value: unknown, path: string[], i: number, out: Record<string, unknown>[]): void {
  if (value === null || value === undefined) return;
  if (i === path.length) {
    if (Array.isArray(value)) for (const v of value) objectsAt(v, path, i, out);
    else if (isPlainObject(value)) out.push(value);
    return;
  }
  const seg = path[i]!;
  if (seg === '@') {
    if (!Array.isArray(value)) throw new Fallback('flatten: expected a list');
    for (const v of value) objectsAt(v, path, i + 1, out);
    return;
  }
  if (!isPlainObject(value)) throw new Fallback('flatten: expected an object');
  objectsAt(value[seg], path, i + 1, out);
}

function fetchBody(fetch: CompiledFetch, variables: Record<string, unknown>, representations?: unknown[]): string {
  const vars: Record<string, unknown> = {};
  for (const name of fetch.variableUsages) if (Object.hasOwn(variables, name) && variables[name] !== undefined) vars[name] = variables[name];
  if (representations) vars.representations = representations;
  const hasVars = Object.keys(vars).length > 0;
  return JSON.stringify({ query: fetch.query, ...(fetch.operationName ? { operationName: fetch.operationName } : {}), ...(hasVars ? { variables: vars } : {}) });
}

async function runStep(step: Step, data: Record<string, unknown>, variables: Record<string, unknown>, send: PlanFetcher): Promise<void> {
  if (step.kind !== 'fetch') {
    if (step.kind === 'sequence') for (const s of step.steps) await runStep(s, data, variables, send);
    else await Promise.all(step.steps.map((s) => runStep(s, data, variables, send)));
    return;
  }
  const { fetch } = step;
  if (!fetch.requires) {
    const res = await send(fetch.serviceName, fetchBody(fetch, variables));
    if (!res || res.errors !== undefined || !isPlainObject(res.data)) throw new Fallback('root fetch');
    deepMerge(data, res.data);
    return;
  }
  const entities: Record<string, unknown>[] = [];
  objectsAt(data, step.path, 0, entities);
  const representations: Record<string, unknown>[] = [];
  const targets: Record<string, unknown>[] = [];
  for (const entity of entities) {
    const typename = entity.__typename;
    const fields = typeof typename === 'string' ? fetch.requires.get(typename) : undefined;
    if (!fields) {
      if (fetch.requires.size > 0 && typeof typename !== 'string') throw new Fallback('entity without __typename');
      continue; // another type at this path: this fetch does not concern it (as in the gateway)
    }
    const rep: Record<string, unknown> = {};
    for (const f of fields) {
      const v = entity[f];
      if (v === undefined) throw new Fallback('missing key field');
      rep[f] = v;
    }
    representations.push(rep);
    targets.push(entity);
  }
  if (representations.length === 0) return;
  if (Object.hasOwn(variables, 'representations')) throw new Fallback('variable named representations');
  const res = await send(fetch.serviceName, fetchBody(fetch, variables, representations));
  if (!res || res.errors !== undefined || !isPlainObject(res.data)) throw new Fallback('entity fetch');
  const received: unknown = res.data._entities;
  if (!Array.isArray(received) || received.length !== representations.length) throw new Fallback('entity count');
  const receivedEntities = received as unknown[];
  for (let i = 0; i < targets.length; i++) {
    const r = receivedEntities[i];
    if (r === null || r === undefined) throw new Fallback('null entity');
    deepMerge(targets[i]!, r);
  }
}

function shapeValue(value: unknown, field: ShapeField, inList: boolean): unknown {
  if (value === undefined) throw new Fallback(`missing field ${field.key}`);
  if (value === null) {
    if (!field.nullable || inList) throw new Fallback(`null at ${field.key}`);
    return null;
  }
  if (Array.isArray(value)) return value.map((v) => shapeValue(v, field, true));
  if (!field.fields) return value;
  if (!isPlainObject(value)) throw new Fallback(`expected an object at ${field.key}`);
  return shapeObject(value, field.fields);
}

function shapeObject(obj: Record<string, unknown>, fields: ShapeField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.key] = shapeValue(obj[f.key], f, false);
  return out;
}

/**
 * Runs a compiled plan: the serialized response body (`{"data":...}`), or null when the full pipeline must answer
 * (invalid variables, a subgraph error, anything the gateway would report differently).
 */
export async function executeCompiledPlan(plan: CompiledPlan, schema: GraphQLSchema, rawVariables: unknown, send: PlanFetcher): Promise<string | null> {
  if (rawVariables !== undefined && rawVariables !== null && !isPlainObject(rawVariables)) return null;
  const variables = (rawVariables ?? {}) as Record<string, unknown>;
  if (plan.operation.variableDefinitions?.length) {
    const coerced = getVariableValues(schema, plan.operation.variableDefinitions, variables);
    if (coerced.errors) return null;
  }
  try {
    const data: Record<string, unknown> = {};
    await runStep(plan.root, data, variables, send);
    return `${JSON.stringify({ data: shapeObject(data, plan.shape) })}\n`;
  } catch (err) {
    if (err instanceof Fallback) return null;
    throw err;
  }
}

/** Bounded map from (query text, operationName) to a compiled plan; plans that do not qualify are remembered as null. */
export class CompiledPlanCache {
  private readonly cache = new BoundedCache<CompiledPlan | null>(2000);

  get(key: string): CompiledPlan | null | undefined {
    return this.cache.get(key);
  }

  set(key: string, plan: CompiledPlan | null): void {
    this.cache.set(key, plan, Number.MAX_SAFE_INTEGER);
  }

  /** Forgets every plan (the API schema changed). */
  clear(): void {
    this.cache.clear();
  }
}
