/**
 * Plans the permission grid from the composed supergraph (docs/decisions/permissions.md): every Mutation and
 * Subscription field must have an OPERATION_RULES entry, every rule must name a field that exists, and each entry
 * becomes one GraphQL document per field, routed to the subgraph that owns it, with generated arguments. Pure: no
 * network, so the "field without a rule" check also runs as a unit test.
 */
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  Kind,
} from 'graphql';
import { GRID_ROLES, type GridRole, type OperationRules } from '@sw/auth';

export interface GridEntry {
  /** `Type.field` */
  key: string;
  typeName: string;
  fieldName: string;
  /** Subgraph name as in the supergraph's join__Graph (e.g. `governance`). */
  subgraph: string;
  kind: 'query' | 'mutation' | 'subscription' | 'entity';
  allowed: readonly GridRole[];
  field: GraphQLField<unknown, unknown>;
}

export interface GridPlan {
  schema: GraphQLSchema;
  entries: GridEntry[];
  /** Why the grid is incomplete: fields without a rule, rules without a field, unknown roles. Empty when complete. */
  problems: string[];
}

const ROOTS: Record<string, GridEntry['kind']> = { Query: 'query', Mutation: 'mutation', Subscription: 'subscription' };

function stringArg(node: { arguments?: readonly { name: { value: string }; value: { kind: string } }[] } | undefined, name: string): string | undefined {
  const arg = node?.arguments?.find((a) => a.name.value === name);
  return arg && arg.value.kind === Kind.STRING ? (arg.value as unknown as { value: string }).value : arg && arg.value.kind === Kind.ENUM ? (arg.value as unknown as { value: string }).value : undefined;
}

/** The subgraph owning a field: its @join__field(graph:), else the only @join__type(graph:) of its type. */
function owningGraph(schema: GraphQLSchema, typeName: string, field: GraphQLField<unknown, unknown>): string | undefined {
  const own = field.astNode?.directives?.find((d) => d.name.value === 'join__field');
  const fromField = stringArg(own, 'graph');
  if (fromField) return fromField;
  const type = schema.getType(typeName);
  const joins = type?.astNode?.directives?.filter((d) => d.name.value === 'join__type') ?? [];
  return joins.length === 1 ? stringArg(joins[0], 'graph') : undefined;
}

/** join__Graph enum value (GOVERNANCE) → subgraph name (governance). */
function graphNames(schema: GraphQLSchema): Map<string, string> {
  const out = new Map<string, string>();
  const graphs = schema.getType('join__Graph');
  if (graphs && isEnumType(graphs)) {
    for (const v of graphs.getValues()) {
      const name = stringArg(v.astNode?.directives?.find((d) => d.name.value === 'join__graph'), 'name');
      if (name) out.set(v.name, name);
    }
  }
  return out;
}

export function planGrid(supergraphSdl: string, rules: OperationRules): GridPlan {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  const names = graphNames(schema);
  const problems: string[] = [];
  const entries: GridEntry[] = [];
  for (const root of ['Mutation', 'Subscription']) {
    const type = schema.getType(root);
    if (!type || !isObjectType(type)) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      if (!rules[`${root}.${fieldName}`]) problems.push(`${root}.${fieldName} has no OPERATION_RULES entry`);
    }
  }
  for (const [key, allowed] of Object.entries(rules)) {
    const [typeName, fieldName, extra] = key.split('.');
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = type && isObjectType(type) && fieldName && extra === undefined ? type.getFields()[fieldName] : undefined;
    if (!field) {
      problems.push(`rule ${key} names no field of the supergraph`);
      continue;
    }
    const unknownRoles = allowed.filter((r) => !(GRID_ROLES as readonly string[]).includes(r));
    if (unknownRoles.length) problems.push(`rule ${key} names unknown roles ${unknownRoles.join(', ')}`);
    const graph = owningGraph(schema, typeName!, field);
    const subgraph = graph ? names.get(graph) : undefined;
    if (!subgraph) {
      problems.push(`no single owning subgraph for ${key}`);
      continue;
    }
    entries.push({ key, typeName: typeName!, fieldName: fieldName!, subgraph, kind: ROOTS[typeName!] ?? 'entity', allowed, field });
  }
  return { schema, entries, problems };
}

/** A value of an input type that passes GraphQL validation (required fields only, recursively). */
export function defaultValue(type: GraphQLInputType, argName: string, ids: { regionId: string; uuid: () => string }): unknown {
  if (isNonNullType(type)) return defaultValue(type.ofType, argName, ids);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = defaultValue(f.type, f.name, ids);
    }
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return /region/i.test(argName) ? ids.regionId : ids.uuid();
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'String':
        return 'grid';
      default:
        return {};
    }
  }
  return null;
}

/** The document of one grid call and the variables it declares (arguments: every one given, plus required ones). */
export function operationFor(entry: GridEntry, args: Record<string, unknown>): { document: string; variables: Record<string, unknown> } {
  const declared = entry.field.args.filter((a: GraphQLArgument) => a.name in args);
  const defs = declared.map((a) => `$${a.name}: ${a.type.toString()}`);
  const call = declared.length ? `(${declared.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const named = getNamedType(entry.field.type);
  const selection = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
  const variables: Record<string, unknown> = {};
  for (const a of declared) variables[a.name] = args[a.name];
  if (entry.kind === 'entity') {
    const allDefs = ['$__representations: [_Any!]!', ...defs].join(', ');
    return {
      document: `query Grid(${allDefs}) { _entities(representations: $__representations) { ... on ${entry.typeName} { ${entry.fieldName}${call}${selection} } } }`,
      variables,
    };
  }
  const head = defs.length ? `${entry.kind} Grid(${defs.join(', ')})` : `${entry.kind} Grid`;
  return { document: `${head} { ${entry.fieldName}${call}${selection} }`, variables };
}

/** Generated values for every required argument of the entry, then the builder's overrides on top. */
export function argumentsFor(entry: GridEntry, ids: { regionId: string; uuid: () => string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of entry.field.args) {
    if (isNonNullType(a.type) && a.defaultValue === undefined) out[a.name] = defaultValue(a.type, a.name, ids);
  }
  return { ...out, ...overrides };
}
