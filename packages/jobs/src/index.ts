/** Background jobs on pg-boss: cron schedules, one runner per job across replicas, retries. */
export { createJobRunner } from './job-runner.ts';
export type { JobDefinition, JobLogger, JobRunner, JobRunnerOptions } from './job-runner.ts';
export { installJobSchema, JOB_SCHEMA } from './job-schema.ts';
