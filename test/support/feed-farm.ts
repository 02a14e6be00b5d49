// A local farm of RSS feeds for scheduling tests and the scale benchmark: /feed/N answers a small feed whose items
// are stable per N; paths listed as `held` hang until released, to catch a poller mid-fetch.
import type { ServerResponse } from 'node:http';
import { startTestServer, type TestServer } from './http-server.js';

export interface FeedFarm extends TestServer {
  /** Requests seen per path. */
  hits: Map<string, number>;
  /** Paths whose first request is held open until `releaseHeld()`. */
  held: Set<string>;
  /** How many requests are being held right now. */
  heldCount(): number;
  releaseHeld(): void;
}

/** Renders feed N with `items` items (guids `N-1` … `N-items`). */
export function renderFarmFeed(n: number, items: number): string {
  const entries = Array.from({ length: items }, (_, i) => {
    const id = `${n}-${i + 1}`;
    const day = String(1 + (i % 27)).padStart(2, '0');
    return `<item><guid isPermaLink="false">${id}</guid><title>Tin số ${id} về kinh tế</title><link>http://farm.test/${id}</link><description>Nội dung ${id}</description><pubDate>${day} Nov 2026 08:00:00 GMT</pubDate></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nguồn ${n}</title><link>http://farm.test/${n}</link>${entries}</channel></rss>`;
}

/** Starts the farm on 127.0.0.1; every feed has `itemsPerFeed` items. */
export async function startFeedFarm(itemsPerFeed = 3): Promise<FeedFarm> {
  const hits = new Map<string, number>();
  const held = new Set<string>();
  const waiting: { res: ServerResponse; n: number }[] = [];
  const server = await startTestServer((req, res) => {
    const path = req.url ?? '/';
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const match = /^\/feed\/(\d+)$/.exec(path);
    if (!match) return void res.writeHead(404).end();
    const n = Number(match[1]);
    if (held.has(path) && count === 1) return void waiting.push({ res, n });
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(renderFarmFeed(n, itemsPerFeed));
  });
  return {
    ...server,
    hits,
    held,
    heldCount: () => waiting.filter((w) => !w.res.destroyed && !w.res.writableEnded).length,
    releaseHeld: () => {
      for (const { res, n } of waiting.splice(0)) if (!res.destroyed) res.writeHead(200).end(renderFarmFeed(n, itemsPerFeed));
    },
  };
}
