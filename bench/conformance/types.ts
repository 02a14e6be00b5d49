// Values shared by the conformance runner, its worker and its reports.

/** One corpus file to run through decode → parse → normalize. */
export interface ConformanceJob {
  id: number;
  suite: string;
  /** Absolute path of the feed file. */
  path: string;
  /** Path relative to the corpus folder, for reports. */
  rel: string;
  /** Content-Type to decode with (feedparser `Header:` lines), or null. */
  contentType: string | null;
  /** Base URL the file is "fetched" from. */
  feedUrl: string;
}

/** An item as the runner compares it: the NormalizedItem with its date as an ISO string. */
export interface ItemSummary {
  guid: string | null;
  url: string | null;
  title: string;
  summary: string;
  contentHtml: string;
  author: string | null;
  imageUrl: string | null;
  categories: string[];
  publishedAt: string;
  dateMissing: boolean;
}

/** What the worker reports for one file. */
export interface JobResult {
  id: number;
  outcome: 'parsed' | 'rejected' | 'crashed';
  /** The WHATWG name of the encoding decode chose, when decoding succeeded. */
  charset?: string;
  /** For rejected: the BantinError's stage/code; for crashed: the error's name. */
  error?: { stage?: string; code?: string; name: string; message: string };
  feed?: { format: string; title: string | null; link: string | null; items: ItemSummary[] };
}

/** A finished job: the worker's result, or `hung` when the watchdog stopped it. */
export interface JobRecord {
  job: ConformanceJob;
  status: 'parsed' | 'rejected' | 'crashed' | 'hung';
  result?: JobResult;
  /** Set when the worker itself died (uncaught error, out of memory). */
  workerError?: string;
}

/** Messages from the worker. */
export type WorkerMessage = { type: 'ready' } | { type: 'result'; result: JobResult };
