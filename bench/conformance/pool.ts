// A small pool of worker threads with a per-file watchdog: a file that takes longer than the
// timeout is counted as hung and its worker is replaced, so one hang cannot stall the run.
import { Worker } from 'node:worker_threads';
import type { ConformanceJob, JobRecord, WorkerMessage } from './types.js';

const workerUrl = new URL('./worker.ts', import.meta.url).href;
// Workers do not inherit tsx's loader: register it inside the worker, then load the TypeScript entry.
const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); });`;

interface Slot {
  worker: Worker;
}

/** Runs every job in `size` workers; `onRecord` is called once per job, in completion order. */
export async function runJobs(jobs: ConformanceJob[], size: number, timeoutMs: number, onRecord: (record: JobRecord) => void): Promise<void> {
  const queue = [...jobs];
  const lanes = Array.from({ length: Math.min(size, queue.length) }, () => runLane(queue, timeoutMs, onRecord));
  await Promise.all(lanes);
}

async function runLane(queue: ConformanceJob[], timeoutMs: number, onRecord: (record: JobRecord) => void): Promise<void> {
  let slot = await startWorker();
  for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
    const record = await runOnWorker(slot, job, timeoutMs);
    onRecord(record);
    if (record.status === 'hung' || (record.status === 'crashed' && record.result === undefined)) {
      await slot.worker.terminate();
      slot = await startWorker();
    }
  }
  await slot.worker.terminate();
}

function startWorker(): Promise<Slot> {
  const worker = new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage): void => {
      if (message.type !== 'ready') return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve({ worker });
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

/** Sends one job; resolves with its result, `hung` after the timeout, or `crashed` if the worker dies. */
function runOnWorker(slot: Slot, job: ConformanceJob, timeoutMs: number): Promise<JobRecord> {
  const { worker } = slot;
  return new Promise((resolve) => {
    const finish = (record: JobRecord): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(record);
    };
    const onMessage = (message: WorkerMessage): void => {
      if (message.type === 'result' && message.result.id === job.id) finish({ job, status: message.result.outcome, result: message.result });
    };
    const onError = (error: Error): void => finish({ job, status: 'crashed', workerError: `${error.name}: ${error.message}` });
    const onExit = (code: number): void => finish({ job, status: 'crashed', workerError: `worker exited with code ${code}` });
    const timer = setTimeout(() => finish({ job, status: 'hung' }), timeoutMs);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(job);
  });
}
