// A local feed farm: N RSS feeds × M items shaped like the Vietnamese corpus, served on several loopback hosts
// (127.0.0.1, 127.0.0.2, …) so per-host limits behave as they would against many sites. Answers 304 to a
// matching If-None-Match, so a second poll measures the warm path.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const SECTIONS = ['Thời sự', 'Kinh doanh', 'Thế giới', 'Pháp luật', 'Giáo dục', 'Sức khỏe', 'Thể thao', 'Công nghệ'];
const SUBJECTS = ['Thủ tướng Phạm Minh Chính', 'Bộ Tài chính', 'UBND TP Hà Nội', 'Ngân hàng Nhà nước', 'Bộ Y tế', 'Đội tuyển Việt Nam', 'Quốc hội', 'Bộ Giáo dục và Đào tạo'];
const VERBS = ['chỉ đạo', 'công bố', 'đề xuất', 'triển khai', 'kiểm tra', 'thông qua', 'yêu cầu', 'hướng dẫn'];
const OBJECTS = ['giải ngân vốn đầu tư công', 'giá xăng dầu kỳ mới', 'phương án thi tốt nghiệp', 'kế hoạch phòng chống dịch', 'dự án đường sắt tốc độ cao', 'chính sách tiền lương', 'quy hoạch đô thị', 'chương trình chuyển đổi số'];

export interface FeedFarm {
  /** Feed URLs, one per feed. */
  urls: string[];
  close(): Promise<void>;
}

/** Renders feed `index` (deterministic) with `itemsPerFeed` items. */
export function renderFarmFeed(index: number, itemsPerFeed: number, baseTime: number): string {
  const items: string[] = [];
  for (let i = 0; i < itemsPerFeed; i++) {
    const n = index * 7919 + i * 104_729;
    const title = `${SUBJECTS[n % 8]} ${VERBS[(n >> 3) % 8]} ${OBJECTS[(n >> 6) % 8]} (${index}-${i})`;
    const date = new Date(baseTime - (index * itemsPerFeed + i) * 60_000).toUTCString().replace('GMT', '+0000');
    items.push(`<item>
<title><![CDATA[${title}]]></title>
<link>https://farm${index % 50}.example.vn/tin-tuc/bai-${index}-${i}.html?utm_source=rss</link>
<guid isPermaLink="false">farm-${index}-${i}</guid>
<pubDate>${date}</pubDate>
<category>${SECTIONS[n % 8]}</category>
<description><![CDATA[<a href="/tin-tuc/bai-${index}-${i}.html"><img src="https://cdn.example.vn/${index}/${i}.jpg" /></a></br>${title}. Sáng nay, tại Hà Nội, ${SUBJECTS[(n >> 2) % 8]} đã có buổi làm việc về ${OBJECTS[(n >> 5) % 8]}, nhấn mạnh yêu cầu bảo đảm tiến độ và hiệu quả trong năm 2026.]]></description>
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Farm ${index}</title><link>https://farm${index % 50}.example.vn/</link><description>Tin tức</description>\n${items.join('\n')}\n</channel></rss>`;
}

/** Starts `hosts` servers on 127.0.0.1 … 127.0.0.N serving `feeds` feeds between them. */
export async function startFeedFarm(options: { feeds: number; itemsPerFeed: number; hosts: number }): Promise<FeedFarm> {
  const baseTime = Date.UTC(2026, 10, 20, 3, 0, 0);
  const cache = new Map<number, { body: string; etag: string }>();
  const bodyFor = (index: number) => {
    let entry = cache.get(index);
    if (!entry) {
      const body = renderFarmFeed(index, options.itemsPerFeed, baseTime);
      entry = { body, etag: `"${createHash('sha1').update(body).digest('hex')}"` };
      cache.set(index, entry);
    }
    return entry;
  };
  const servers: Server[] = [];
  const addresses: string[] = [];
  for (let h = 0; h < options.hosts; h++) {
    const host = `127.0.0.${h + 1}`;
    const server = createServer((req, res) => {
      const index = Number(/\/feed\/(\d+)\.rss$/.exec(req.url ?? '')?.[1]);
      if (!Number.isInteger(index) || index >= options.feeds) return void res.writeHead(404).end();
      const { body, etag } = bodyFor(index);
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag }).end(body);
    });
    // Long keep-alive: a server closing an idle socket just as the client reuses it shows up as ECONNRESET.
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    servers.push(server);
    addresses.push(`http://${host}:${(server.address() as AddressInfo).port}`);
  }
  return {
    urls: Array.from({ length: options.feeds }, (_, i) => `${addresses[i % addresses.length]}/feed/${i}.rss`),
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
    },
  };
}

/** Runs the farm in a child process so the poller's event loop never slows the server; resolves with its URLs. */
export async function forkFeedFarm(options: { feeds: number; itemsPerFeed: number; hosts: number }): Promise<FeedFarm> {
  const { fork } = await import('node:child_process');
  const child = fork(new URL(import.meta.url), [JSON.stringify(options)], { execArgv: process.execArgv, stdio: 'inherit' });
  const urls = await new Promise<string[]>((resolve, reject) => {
    child.once('message', (message) => resolve(message as string[]));
    child.once('exit', (code) => reject(new Error(`feed farm exited with ${code}`)));
  });
  return {
    urls,
    close: async () => {
      child.kill();
    },
  };
}

// Child-process entry: `fork(farm.ts, [options])` starts the farm and sends the URLs back.
if (process.send && process.argv[2]?.startsWith('{')) {
  const farm = await startFeedFarm(JSON.parse(process.argv[2]) as { feeds: number; itemsPerFeed: number; hosts: number });
  process.send(farm.urls);
}
