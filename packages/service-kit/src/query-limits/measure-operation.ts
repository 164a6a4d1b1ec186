import { Kind, getNamedType, isCompositeType, isInterfaceType, isObjectType } from 'graphql';
import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/** Depth and complexity of one part of an operation. */
export interface Cost {
  /** Deepest field nesting (root fields are depth 1). */
  depth: number;
  /** Sum over field selections (aliases included, fragments expanded per use) of each field's weight (default 1). */
  complexity: number;
}

/**
 * An operation measured in two parts: `introspection` is everything under the root `__schema` / `__type` fields,
 * `data` is everything else (`__typename` at the root counts as data). Each part is bounded by its own limits, so a
 * standard introspection query (depth 15) works while an operation that mixes data fields in is still held to the
 * data limits for those fields.
 */
export interface OperationCost {
  data: Cost;
  introspection: Cost;
}

/** What weights the fields: the schema (to know each field's parent type) and `Type.field` → weight (from @cost). */
export interface CostModel {
  schema?: GraphQLSchema | undefined;
  fieldCosts?: ReadonlyMap<string, number> | undefined;
}

/** Stop counting once a part passes this complexity (the verdict is then "too complex" whatever the rest holds). */
export interface StopAt {
  data: number;
  introspection: number;
}

const INTROSPECTION_ROOT_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/**
 * Measures one operation of a parsed document. Fragment spreads are expanded where they are used (a fragment used twice
 * counts twice); recursion through fragment cycles is stopped (validation reports the cycle itself). A field costs the
 * weight `fieldCosts` gives its schema coordinate (`Region.world`), else 1; without a schema every field costs 1. Work
 * is bounded: counting stops as soon as one part's complexity passes its `stopAt`.
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  model: CostModel = {},
  stopAt: StopAt = { data: Number.POSITIVE_INFINITY, introspection: Number.POSITIVE_INFINITY },
): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const { schema, fieldCosts } = model;
  const data: Cost = { depth: 0, complexity: 0 };
  const introspection: Cost = { depth: 0, complexity: 0 };
  let stopped = false;

  const typeNamed = (name: string, fallback: GraphQLCompositeType | undefined): GraphQLCompositeType | undefined => {
    const type = schema?.getType(name);
    return type && isCompositeType(type) ? type : fallback;
  };

  const visit = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    depth: number,
    part: Cost | undefined,
    active: Set<string>,
  ): void => {
    for (const sel of set.selections) {
      if (stopped) return;
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        // At the root the part is chosen per field; below it every field belongs to its root field's part.
        const target = part ?? (INTROSPECTION_ROOT_FIELDS.has(name) ? introspection : data);
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
        target.complexity += (parent && fieldCosts?.get(`${parent.name}.${name}`)) ?? 1;
        if (depth > target.depth) target.depth = depth;
        if (data.complexity > stopAt.data || introspection.complexity > stopAt.introspection) {
          stopped = true;
          return;
        }
        if (sel.selectionSet) {
          const child = def ? getNamedType(def.type) : undefined;
          visit(sel.selectionSet, child && isCompositeType(child) ? child : undefined, depth + 1, target, active);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? typeNamed(sel.typeCondition.name.value, undefined) : parent;
        visit(sel.selectionSet, type, depth, part, active);
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        if (!frag || active.has(name)) continue;
        active.add(name);
        visit(frag.selectionSet, typeNamed(frag.typeCondition.name.value, undefined), depth, part, active);
        active.delete(name);
      }
    }
  };
  visit(operation.selectionSet, schema?.getRootType(operation.operation) ?? undefined, 1, undefined, new Set());
  return { data, introspection };
}
