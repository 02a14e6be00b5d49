// Recurring jobs on node-cron in the configured timezone. Each job never overlaps itself, and stop() waits for the
// runs in flight, so shutdown can finish or roll back work before the database closes.
import { createTask, type ScheduledTask } from 'node-cron';

export interface RecurringJob {
  name: string;
  /** node-cron expression; six fields allow seconds. */
  cron: string;
  run(): Promise<void>;
}

export interface Scheduler {
  start(): void;
  /** Stops every job and resolves when in-flight runs have finished. */
  stop(): Promise<void>;
  /** Runs a job now (skipped if a run is already in flight); used at start-up and in tests. */
  runNow(name: string): Promise<void>;
}

/** Creates (but does not start) the jobs; `onError` gets each failed run. */
export function createScheduler(jobs: RecurringJob[], timezone: string, onError: (job: string, error: unknown) => void): Scheduler {
  const inFlight = new Map<string, Promise<void>>();
  const runJob = (job: RecurringJob): Promise<void> => {
    const running = inFlight.get(job.name);
    if (running) return running;
    const run = job
      .run()
      .catch((error: unknown) => onError(job.name, error))
      .finally(() => inFlight.delete(job.name));
    inFlight.set(job.name, run);
    return run;
  };
  // node-cron 4's schedule() starts at once; createTask() lets start() decide when.
  const tasks: ScheduledTask[] = jobs.map((job) => createTask(job.cron, () => runJob(job), { timezone, name: job.name }));
  return {
    start: () => tasks.forEach((task) => task.start()),
    stop: async () => {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(inFlight.values());
    },
    runNow: (name) => {
      const job = jobs.find((j) => j.name === name);
      return job ? runJob(job) : Promise.resolve();
    },
  };
}
