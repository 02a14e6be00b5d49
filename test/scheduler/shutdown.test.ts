import { describe, expect, it } from 'vitest';
import { createShutdown, type ShutdownSteps } from '../../src/scheduler/shutdown.js';

function createRecorder(inFlight: Promise<void>, overrides: Partial<ShutdownSteps> = {}) {
  const calls: string[] = [];
  const steps: ShutdownSteps = {
    stopClaiming: () => void calls.push('stop'),
    waitForInFlight: async () => {
      await inFlight;
      calls.push('drained');
    },
    releaseLeases: async () => void calls.push('release'),
    close: async () => void calls.push('close'),
    ...overrides,
  };
  return { calls, steps };
}

describe('createShutdown', () => {
  it('stops claiming, waits for in-flight work, then releases leases and closes, in that order', async () => {
    let finish!: () => void;
    const inFlight = new Promise<void>((resolve) => (finish = resolve));
    const { calls, steps } = createRecorder(inFlight);
    const shutdown = createShutdown({ graceMs: 60_000, steps });
    const done = shutdown.shutdown('SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['stop']);
    expect(shutdown.isShuttingDown()).toBe(true);
    finish();
    expect(await done).toEqual({ reason: 'SIGTERM', timedOut: false, errors: [] });
    expect(calls).toEqual(['stop', 'drained', 'release', 'close']);
  });

  it('gives up waiting after the grace period and still releases and closes', async () => {
    const { calls, steps } = createRecorder(new Promise<void>(() => {}));
    const report = await createShutdown({ graceMs: 20, steps }).shutdown('SIGINT');
    expect(report.timedOut).toBe(true);
    expect(calls).toEqual(['stop', 'release', 'close']);
  });

  it('runs once however often it is asked, and carries on past a failing step', async () => {
    let releases = 0;
    const { calls, steps } = createRecorder(Promise.resolve(), {
      releaseLeases: async () => {
        releases += 1;
        throw new Error('db gone');
      },
    });
    const shutdown = createShutdown({ graceMs: 1000, steps });
    const [first, second] = await Promise.all([shutdown.shutdown('SIGTERM'), shutdown.shutdown('SIGINT')]);
    expect(second).toBe(first);
    expect(first.reason).toBe('SIGTERM');
    expect(first.errors).toEqual(['release leases: db gone']);
    expect(releases).toBe(1);
    expect(calls).toEqual(['stop', 'drained', 'close']);
  });
});
