// Once-per-period job runs and cross-instance host slots (migration 0005).
import type { Timestamp } from './schema.js';

export interface JobRunsTable {
  job: string;
  /** The period the run belongs to, e.g. `2026-11-29` or `2026-W48`. */
  period_key: string;
  /** `running` (claimed, or waiting for a retry) or `done`. */
  status: string;
  locked_by: string | null;
  locked_until: Timestamp | null;
  attempts: number;
  last_error: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface HostSlotsTable {
  host: string;
  slot: number;
  locked_by: string | null;
  locked_until: Timestamp | null;
}

export interface SchedulingTables {
  job_runs: JobRunsTable;
  host_slots: HostSlotsTable;
}
