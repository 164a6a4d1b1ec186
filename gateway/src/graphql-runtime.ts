/**
 * The `graphql` module instance shared with Apollo's packages and graphql-ws.
 *
 * Node's ESM loader resolves `graphql` 16 (no "exports" map) through "main" to the CommonJS build, which is the copy
 * @apollo/federation-internals, @apollo/gateway and graphql-ws use. Vitest resolves a plain `import 'graphql'` in our
 * sources through "module" to index.mjs — a second realm, so schemas and GraphQLError instances would not be recognised
 * across the boundary ("Cannot use GraphQLSchema from another module or realm"). Importing through require() pins the
 * CommonJS instance everywhere (same object as production's `import 'graphql'`).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const graphqlRuntime = require('graphql') as typeof import('graphql');
