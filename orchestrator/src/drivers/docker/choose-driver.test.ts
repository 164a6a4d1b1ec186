import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { chooseDriver, dockerEngineAnswers, parseCommand } from './choose-driver.ts';

// An engine client that cannot answer: a unix socket path that does not exist.
const noEngine = () => new Docker({ socketPath: '/nonexistent/sw-no-docker.sock' });
const hubUrl = 'postgres://postgres@127.0.0.1:5432/sectorwars';

describe('chooseDriver', () => {
  it('reports no engine for an absent socket', async () => {
    expect(await dockerEngineAnswers(noEngine(), 500)).toBe(false);
  });

  it('auto falls back to the process driver when no engine answers', async () => {
    const res = await chooseDriver({ hubUrl, env: { RUNTIME_DRIVER: 'auto' }, docker: noEngine() });
    expect(res.name).toBe('process');
    expect(res.driver.name).toBe('process');
    expect(res.reason).toMatch(/no Docker engine/);
    await res.driver.close();
  });

  it('RUNTIME_DRIVER=process never asks the engine', async () => {
    const res = await chooseDriver({ hubUrl, env: { RUNTIME_DRIVER: 'process' }, docker: noEngine() });
    expect(res.name).toBe('process');
    await res.driver.close();
  });

  it('RUNTIME_DRIVER=docker without an engine fails instead of falling back', async () => {
    await expect(chooseDriver({ hubUrl, env: { RUNTIME_DRIVER: 'docker' }, docker: noEngine() })).rejects.toThrow(/no Docker engine answers/);
  });

  it('rejects an unknown RUNTIME_DRIVER', async () => {
    await expect(chooseDriver({ hubUrl, env: { RUNTIME_DRIVER: 'podman' } })).rejects.toThrow(/docker, process or auto/);
  });

  it('parses SW_DOCKER_REGION_COMMAND as a JSON array or words', () => {
    expect(parseCommand('["node", "orchestrator/src/drivers/docker/region-entry.ts"]')).toEqual(['node', 'orchestrator/src/drivers/docker/region-entry.ts']);
    expect(parseCommand(' node  a.ts ')).toEqual(['node', 'a.ts']);
  });
});
