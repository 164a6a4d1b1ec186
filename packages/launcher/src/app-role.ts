import { ensureLoginRole, grantHubAppRole, grantJobSchemaToAppRole } from '@sw/db';
import { installJobSchema, JOB_SCHEMA } from '@sw/jobs';
import type postgres from 'postgres';
import type { ServiceName } from '@sw/config';

/**
 * Services that run as the least-privilege application role when SW_DB_APP_ROLE is set. The orchestrator keeps the
 * owner's DATABASE_URL: its process driver creates each region's database and role on the hub server.
 */
export const APP_ROLE_SERVICES: ReadonlySet<string> = new Set<ServiceName>(['nexus', 'region', 'governance', 'gateway']);

/** `databaseUrl` with the user (and password, when given) of the application role. */
export function appRoleUrl(databaseUrl: string, role: string, password?: string): string {
  const url = new URL(databaseUrl);
  url.username = encodeURIComponent(role);
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}

/**
 * Embedded default with SW_DB_APP_ROLE=<role> (optional SW_DB_APP_PASSWORD): creates the role if needed and grants it
 * row access after the migrations, run through `sql` (the owner's connection); installs pg-boss's schema as the owner so
 * the role's services only use it (they get JOBS_MIGRATE=false). Returns the URL services connect with.
 */
export async function prepareAppRole(sql: postgres.Sql, databaseUrl: string, role: string, password?: string): Promise<string> {
  await ensureLoginRole(sql, role, password);
  await grantHubAppRole(sql, role);
  await installJobSchema(databaseUrl, JOB_SCHEMA);
  await grantJobSchemaToAppRole(sql, role, JOB_SCHEMA);
  return appRoleUrl(databaseUrl, role, password);
}
