// Worker thread of the conformance runner: reads one file, decodes, parses and normalizes it, and
// reports what came out. Running here lets the main thread stop a file that hangs.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { isBantinError } from '../../src/errors.js';
import { decodeBody } from '../../src/ingest/decode.js';
import { normalizeItem } from '../../src/ingest/normalize.js';
import { parseFeed } from '../../src/ingest/parse.js';
import { toPlainText } from '../../src/ingest/plain-text.js';
import type { ConformanceJob, JobResult, WorkerMessage } from './types.js';

// A fixed fetch time keeps runs comparable.
const fetchedAt = new Date('2026-10-09T01:00:00Z');

/** Runs one job through decode → parse → normalize and describes the outcome. */
export async function runJob(job: ConformanceJob): Promise<JobResult> {
  let charset: string | undefined;
  try {
    const bytes = new Uint8Array(readFileSync(job.path));
    const decoded = decodeBody(bytes, job.contentType);
    charset = decoded.charset;
    const text = decoded.text;
    const feed = await parseFeed(text);
    const context = { feedUrl: job.feedUrl, timezone: 'Asia/Ho_Chi_Minh', fetchedAt };
    const items = feed.items.map((raw) => {
      const item = normalizeItem(raw, context);
      return { ...item, publishedAt: item.publishedAt.toISOString() };
    });
    const title = feed.title === undefined ? null : toPlainText(feed.title);
    return { id: job.id, outcome: 'parsed', charset, feed: { format: feed.format, title, link: feed.link ?? null, items } };
  } catch (error) {
    return { id: job.id, charset, ...describeFailure(error) };
  }
}

function describeFailure(error: unknown): Omit<JobResult, 'id'> {
  if (isBantinError(error)) {
    return { outcome: 'rejected', error: { stage: error.stage, code: error.code, name: error.name, message: error.message } };
  }
  const name = error instanceof Error ? error.constructor.name : typeof error;
  const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}`.slice(0, 2000) : String(error);
  return { outcome: 'crashed', error: { name, message } };
}

const port = parentPort;
if (port !== null) {
  port.on('message', (job: ConformanceJob) => {
    void runJob(job).then((result) => port.postMessage({ type: 'result', result } satisfies WorkerMessage));
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
