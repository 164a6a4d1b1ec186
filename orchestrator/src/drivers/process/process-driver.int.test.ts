import { randomUUID } from 'node:crypto';
import { DEFAULT_TEST_DATABASE_ADMIN_URL } from '@sw/testing';
import { runDriverContract } from '../driver.contract.ts';
import { cleanupInstance } from '../../testing/fixtures.ts';
import { createProcessDriver } from './process-driver.ts';

const instance = `contract-${randomUUID().slice(0, 8)}`;
const hubUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_TEST_DATABASE_ADMIN_URL;

runDriverContract('process', async () => ({
  driver: createProcessDriver({ hubUrl, instance }),
  cleanup: () => cleanupInstance(hubUrl, instance),
}));
