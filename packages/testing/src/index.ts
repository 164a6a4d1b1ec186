/** @sw/testing — disposable test resources shared by every package's integration tests. */
export {
  createTestDatabase,
  DEFAULT_TEST_DATABASE_ADMIN_URL,
  TEST_DATABASE_PREFIX,
} from './create-test-database.ts';
export type { CreateTestDatabaseOptions, TestDatabase, TestDatabaseKind } from './create-test-database.ts';
export { createTestRedisPrefix } from './create-test-redis-prefix.ts';
export { dbErrorOf } from './db-error-of.ts';
export type { DbErrorInfo } from './db-error-of.ts';
export { insertRegion, insertUserWithPlayer } from './hub-fixtures.ts';
export { dataOf, errorCodes, parseGraphqlBody, postGraphql, testClaims } from './graphql-test-client.ts';
export type { EntitiesData, GraphqlBody, GraphqlError, GraphqlResponse } from './graphql-test-client.ts';
export { freePort, waitFor } from './free-port.ts';
export { startRedisCluster } from './redis-cluster.ts';
export type { TestRedisCluster } from './redis-cluster.ts';
export { startPgbouncer } from './pgbouncer.ts';
export type { PgbouncerOptions, TestPgbouncer } from './pgbouncer.ts';
export { buildGridFixture } from './grid-fixture.ts';
export type { GridArgBuilder, GridArgs, GridCallOverrides, GridFixture } from './grid-fixture.ts';
export type { GridSubjects } from './grid-subjects.ts';
