import { Kind, parse } from 'graphql';
import type { DocumentNode } from 'graphql';

/** The names the cost directive goes by: imported (`@cost`) or under the federation namespace. */
const COST_DIRECTIVES: ReadonlySet<string> = new Set(['cost', 'federation__cost']);

/**
 * Reads the field weights declared in an SDL (a subgraph's schema.graphql or the composed supergraph) with the
 * federation `@cost(weight: N)` directive on field definitions: `Type.field` → N. The SDL is the one home of a weight;
 * the gateway reads them from the supergraph, each subgraph from its own file. Fields without @cost weigh 1.
 */
export function fieldCostsFromSdl(sdl: string | DocumentNode): Map<string, number> {
  const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
  const out = new Map<string, number>();
  for (const def of doc.definitions) {
    if (
      def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      def.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const field of def.fields ?? []) {
      for (const dir of field.directives ?? []) {
        if (!COST_DIRECTIVES.has(dir.name.value)) continue;
        const weight = dir.arguments?.find((a) => a.name.value === 'weight')?.value;
        if (weight?.kind === Kind.INT) out.set(`${def.name.value}.${field.name.value}`, Number(weight.value));
      }
    }
  }
  return out;
}
