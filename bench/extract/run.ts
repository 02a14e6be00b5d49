// Articles extracted per second on the article fixture pages (parse, metadata, readability, clean, sanitize).
// Run with `npm run bench:extract`.
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../../src/ingest/html/extract-article.js';

const FIXTURES = new URL('../../test/fixtures/html/', import.meta.url);
const DURATION_MS = Number(process.env.BENCH_MS ?? 5000);

/** The fixture pages that have an expected extraction beside them: real articles. */
function loadArticlePages(): { name: string; html: string; url: string }[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.expected.json'))
    .map((name) => {
      const base = name.replace(/\.expected\.json$/, '');
      const expected = JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as { url: string };
      return { name: base, html: readFileSync(new URL(`${base}.html`, FIXTURES), 'utf8'), url: expected.url };
    });
}

function runBenchmark(): void {
  const pages = loadArticlePages();
  for (const page of pages) {
    if (!extractArticle(page.html, page.url, { timezone: 'Asia/Ho_Chi_Minh' }).ok) throw new Error(`${page.name} did not extract`);
  }
  let count = 0;
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    for (const page of pages) {
      extractArticle(page.html, page.url, { timezone: 'Asia/Ho_Chi_Minh' });
      count += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time is steadier than wall time on a shared machine; both are printed.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const bytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page.html), 0) / pages.length;
  console.log(`extract: ${pages.length} fixture pages (avg ${(bytes / 1024).toFixed(1)} KiB), ${count} extractions in ${seconds.toFixed(1)} s`);
  console.log(`extract: ${(count / seconds).toFixed(0)} articles/s wall (${((seconds * 1000) / count).toFixed(2)} ms per article, one thread)`);
  console.log(`extract: ${(count / cpuSeconds).toFixed(0)} articles per CPU-second (incl. GC)`);
}

runBenchmark();
