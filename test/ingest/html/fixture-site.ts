// A small press site served on 127.0.0.1 from fixture files, recording every request path.
import { readFileSync } from 'node:fs';
import { createFetcher } from '../../../src/ingest/fetch.js';
import type { Source } from '../../../src/ingest/types.js';
import { startTestServer } from '../../support/http-server.js';
import type { TestServer } from '../../support/http-server.js';

export interface Page {
  status?: number;
  contentType?: string;
  body: string;
  etag?: string;
  headers?: Record<string, string>;
}

export interface FixtureSite {
  server: TestServer;
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  pages: Map<string, Page>;
  close(): Promise<void>;
}

/** Reads a file of test/fixtures/html. */
export function readHtmlFixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/html/${name}`, import.meta.url), 'utf8');
}

/** An HTML page answer for a fixture file. */
export function htmlPage(name: string): Page {
  return { body: readHtmlFixture(name), contentType: 'text/html; charset=utf-8' };
}

/** Starts a site answering `pages` by path (with query); anything else is a 404. */
export async function startFixtureSite(entries: Record<string, Page>): Promise<FixtureSite> {
  const pages = new Map(Object.entries(entries));
  const requests: string[] = [];
  const server = await startTestServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const page = pages.get(path);
    if (page?.etag !== undefined && req.headers['if-none-match'] === page.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    if (page?.etag !== undefined) res.setHeader('etag', page.etag);
    res.statusCode = page?.status ?? (page ? 200 : 404);
    res.setHeader('content-type', page?.contentType ?? 'text/plain; charset=utf-8');
    for (const [name, value] of Object.entries(page?.headers ?? {})) res.setHeader(name, value);
    res.end(page?.body ?? 'not found');
  });
  return { server, url: server.url, requests, pages, close: () => server.close() };
}

/** A fetcher with test-sized limits. */
export function createTestFetcher() {
  return createFetcher({ timeoutMs: 5000, maxBytes: 2 * 1024 * 1024, maxRedirects: 3, userAgent: 'bantin/test', concurrency: 8, perHost: 2 });
}

/** A source as the poller would hand it to the collect step. */
export function buildSource(url: string, settings: Record<string, unknown>, overrides: Partial<Source> = {}): Source {
  return {
    id: 1,
    key: 'antd-chinh-tri',
    name: 'An ninh Thủ đô – Chính trị',
    url,
    kind: 'press',
    type: 'html',
    topics: [],
    timezone: 'Asia/Ho_Chi_Minh',
    intervalMs: 30 * 60 * 1000,
    enabled: true,
    etag: null,
    lastModified: null,
    settings: { allowPrivateNetwork: true, ...settings },
    ...overrides,
  };
}
