// SIGTERM semantics: stop claiming, let in-flight work finish within a grace period, release leases, close the db.

export interface ShutdownSteps {
  /** Stop timers and refuse new claims; must return quickly. */
  stopClaiming(): void | Promise<void>;
  /** Resolves when the work in flight has finished. */
  waitForInFlight(): Promise<void>;
  /** Gives back this instance's leases (sources, job runs) so others can take them at once. */
  releaseLeases(): Promise<void>;
  /** Closes servers, fetchers and the database, in that order. */
  close(): Promise<void>;
}

export interface ShutdownReport {
  /** The reason the first call gave (e.g. the signal name). */
  reason: string;
  /** In-flight work was still running when the grace period ended. */
  timedOut: boolean;
  /** Steps that threw, as "step: message"; shutdown carries on past them. */
  errors: string[];
}

export interface Shutdown {
  /** Runs the steps once; later calls get the same result. */
  shutdown(reason: string): Promise<ShutdownReport>;
  isShuttingDown(): boolean;
}

/** Orchestrates a graceful stop over the given steps; a failing step never keeps the next ones from running. */
export function createShutdown(options: { graceMs: number; steps: ShutdownSteps }): Shutdown {
  let running: Promise<ShutdownReport> | null = null;
  return {
    shutdown(reason) {
      running ??= runShutdown(reason, options.graceMs, options.steps);
      return running;
    },
    isShuttingDown: () => running !== null,
  };
}

async function runShutdown(reason: string, graceMs: number, steps: ShutdownSteps): Promise<ShutdownReport> {
  const errors: string[] = [];
  const attempt = async (name: string, step: () => void | Promise<void>) => {
    try {
      await step();
    } catch (error) {
      errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await attempt('stop claiming', steps.stopClaiming);
  let timedOut = false;
  await attempt('wait for in-flight work', async () => {
    timedOut = await waitWithin(steps.waitForInFlight(), graceMs);
  });
  // Work still running past the grace period holds no lease that matters: its transactions roll back on close.
  await attempt('release leases', steps.releaseLeases);
  await attempt('close', steps.close);
  return { reason, timedOut, errors };
}

/** True when `work` was still pending after `ms`. */
async function waitWithin(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.then(() => false), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `onSignal` with the signal's name on the first SIGTERM or SIGINT; returns a function that stops listening. */
export function listenForStopSignals(onSignal: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    remove();
    onSignal(signal);
  };
  const remove = () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return remove;
}
