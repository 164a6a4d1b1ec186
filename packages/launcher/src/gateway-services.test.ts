import { describe, expect, it } from 'vitest';
import { gatewayServices, REPO_ROOT, type ServiceSpec } from './service-table.ts';

const base: Omit<ServiceSpec, 'id'> = {
  name: 'gateway',
  args: ['gateway/src/server.ts'],
  cwd: REPO_ROOT,
  port: 4000,
  healthPath: '/health',
  env: { REGION_URL: 'http://127.0.0.1:4002' },
};

describe('gatewayServices', () => {
  it('is the one gateway process on the public port by default', () => {
    expect(gatewayServices(base, { replicas: 1 })).toEqual([{ ...base, id: 'gateway' }]);
  });

  it('runs N gateways on loopback ports behind nginx on the public port', () => {
    const specs = gatewayServices(base, { replicas: 3, prefix: '/tmp/sw-nginx-x', listenHost: '0.0.0.0' });
    expect(specs.map((s) => [s.id, s.port])).toEqual([['gateway-1', 4011], ['gateway-2', 4012], ['gateway-3', 4013], ['nginx', 4000]]);
    for (const s of specs.slice(0, 3)) expect(s.env).toEqual({ REGION_URL: 'http://127.0.0.1:4002', GATEWAY_PORT: String(s.port), GATEWAY_HOST: '127.0.0.1' });
    const nginx = specs[3]!;
    expect(nginx).toMatchObject({ name: 'gateway', args: ['-p', '/tmp/sw-nginx-x', '-c', '/tmp/sw-nginx-x/nginx.conf', '-e', '/tmp/sw-nginx-x/error.log'] });
    const conf = nginx.files!['/tmp/sw-nginx-x/nginx.conf']!;
    expect(conf).toContain('listen 0.0.0.0:4000;');
    // WebSockets: consistent hash on the affinity key; everything else round-robin; both over the same three gateways.
    expect(conf).toMatch(/upstream sw_gateway_ws \{\s+hash \$sw_affinity consistent;/);
    expect(conf).toContain("map $http_upgrade $sw_gateway_pool { default sw_gateway_ws; '' sw_gateway; }");
    expect(conf).toContain("map $arg_affinity $sw_affinity { '' $request_id; default $arg_affinity; }");
    expect(conf.match(/server 127\.0\.0\.1:401[123] /g)).toHaveLength(6);
    // The dev login stays loopback-only by the real client address.
    expect(conf).toMatch(/location = \/api\/v1\/auth\/dev-login \{\s+allow 127\.0\.0\.1;\s+allow ::1;\s+deny all;/);
  });

  it('takes explicit replica ports and refuses nonsense', () => {
    expect(gatewayServices(base, { replicas: 2, replicaPorts: [5001, 5009], prefix: '/tmp/x' }).map((s) => s.port)).toEqual([5001, 5009, 4000]);
    expect(() => gatewayServices(base, { replicas: 0 })).toThrow(/at least 1/);
    expect(() => gatewayServices(base, { replicas: 2, replicaPorts: [1] })).toThrow(/need 2 ports/);
  });
});
