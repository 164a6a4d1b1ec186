import { describe, expect, it } from 'vitest';
import { readOrchestratorConfig } from './config.ts';

describe('readOrchestratorConfig', () => {
  it('has the documented defaults', () => {
    const c = readOrchestratorConfig({});
    expect(c).toMatchObject({ port: 8081, concurrency: 4, resyncMs: 5000, healthPeriodMs: 5000, healthFailureThreshold: 3, autoscaleIntervalMs: 30000, crashAfter: null, instance: 'default' });
    expect(c.backupDir.endsWith('var/backups')).toBe(true);
    expect(c).toMatchObject({ stopRegionsOnExit: false, billingSweepMs: 3_600_000 });
    expect(c).toMatchObject({ dbPoolMax: 10, statementTimeoutMs: 30_000, lockSlots: 4, lockAcquireTimeoutMs: 30_000 });
  });
  it('refuses lock slots below 1 and a pool below 2', () => {
    expect(() => readOrchestratorConfig({ RECONCILE_LOCK_SLOTS: '0' })).toThrow(/RECONCILE_LOCK_SLOTS/);
    expect(() => readOrchestratorConfig({ ORCHESTRATOR_DB_POOL_MAX: '1' })).toThrow(/ORCHESTRATOR_DB_POOL_MAX/);
  });
  it('reads ORCHESTRATOR_STOP_REGIONS_ON_EXIT as a boolean', () => {
    expect(readOrchestratorConfig({ ORCHESTRATOR_STOP_REGIONS_ON_EXIT: 'true' }).stopRegionsOnExit).toBe(true);
    expect(readOrchestratorConfig({ ORCHESTRATOR_STOP_REGIONS_ON_EXIT: '0' }).stopRegionsOnExit).toBe(false);
    expect(() => readOrchestratorConfig({ ORCHESTRATOR_STOP_REGIONS_ON_EXIT: 'maybe' })).toThrow(/must be a boolean/);
  });
  it('accepts ORCHESTRATOR_CRASH_AFTER only for a known condition and never in production', () => {
    expect(readOrchestratorConfig({ ORCHESTRATOR_CRASH_AFTER: 'STACK_DEPLOYED' }).crashAfter).toBe('STACK_DEPLOYED');
    expect(() => readOrchestratorConfig({ ORCHESTRATOR_CRASH_AFTER: 'NOPE' })).toThrow(/must be one of/);
    expect(() => readOrchestratorConfig({ ORCHESTRATOR_CRASH_AFTER: 'STACK_DEPLOYED', NODE_ENV: 'production' })).toThrow(/refused in production/);
  });
  it('refuses a transaction-pooled hub URL: its session advisory locks need a direct connection', () => {
    expect(() => readOrchestratorConfig({ DATABASE_POOL_MODE: 'transaction' })).toThrow(/direct \(session\) hub connection/);
    expect(readOrchestratorConfig({ DATABASE_POOL_MODE: 'session' }).port).toBe(8081);
  });
});
