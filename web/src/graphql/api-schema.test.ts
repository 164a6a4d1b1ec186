import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiSchemaSdl } from '../../scripts/print-api-schema.ts';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');

describe('web API schema', () => {
  it('web/src/graphql/schema.graphql matches gateway/supergraph.graphql (run `pnpm --filter @sw/web codegen`)', () => {
    expect(read('./schema.graphql')).toBe(apiSchemaSdl(read('../../../gateway/supergraph.graphql')));
  });
});
