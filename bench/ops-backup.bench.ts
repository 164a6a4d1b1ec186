/**
 * `node bench/ops-backup.bench.ts` — backup timings (docs/decisions/backups.md), also part of bench:ops:
 *   hub_backup_s      pgBackRest full backup of the restore drill's disposable cluster
 *   hub_restore_s     pgBackRest point-in-time restore of it, until the cluster accepts writes again
 *   region_backup_ms  one region logical backup (pg_dump + per-table fingerprint + manifest + sha256)
 * Prints ONE JSON line on stdout. Env: BENCH_DRILL_PORT (21543; the cluster's port), DATABASE_ADMIN_URL
 * (postgres://postgres@127.0.0.1:5432/postgres), BENCH_DRILL_ROWS (2000).
 */
import { measureOpsBackup, opsBackupOptionsFromEnv } from '../orchestrator/src/backups/measure-backups.ts';

const numbers = await measureOpsBackup(opsBackupOptionsFromEnv());
console.log(JSON.stringify(numbers));
