import { randomUUID } from 'node:crypto';
import { DEFAULT_TEST_DATABASE_ADMIN_URL } from '@sw/testing';
import { runDriverContract } from '../driver.contract.ts';
import { runDatabaseProviderContract } from '../database-provider.contract.ts';
import { cleanupInstance } from '../../testing/fixtures.ts';
import { createProcessDriver } from './process-driver.ts';
import { createServerDatabaseProvider } from './server-databases.ts';

const instance = `contract-${randomUUID().slice(0, 8)}`;
const hubUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_TEST_DATABASE_ADMIN_URL;

runDriverContract('process', async () => ({
  driver: createProcessDriver({ hubUrl, instance }),
  cleanup: () => cleanupInstance(hubUrl, instance),
}));

// The process driver's database provider on its own: region databases on the hub's Postgres server.
const providerInstance = `dbp-${randomUUID().slice(0, 8)}`;
runDatabaseProviderContract('server (the hub Postgres server)', async () => ({
  provider: createServerDatabaseProvider({ serverUrl: hubUrl, instance: providerInstance }),
  cleanup: () => cleanupInstance(hubUrl, providerInstance),
}));
