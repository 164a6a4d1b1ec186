import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL codegen: typed documents for every operation under src/graphql/operations, generated from the gateway's API
 * schema (src/graphql/schema.graphql, itself printed from gateway/supergraph.graphql). Run `pnpm run codegen` after
 * changing an operation or the supergraph; the generated files are committed.
 */
const config: CodegenConfig = {
  schema: 'src/graphql/schema.graphql',
  documents: ['src/graphql/operations/**/*.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, skipTypename: true, avoidOptionals: false },
    },
  },
};

export default config;
