import { planCorpus } from './conformance-files.js';
import { runJob } from './conformance-worker.js';
import { compareWithReference } from './conformance-compare.js';
import { readFileSync } from 'node:fs';
import { toPlainText } from '../src/ingest/plain-text.js';
const plan = planCorpus('/work/shared/corpus');
for (const job of plan.jobs.filter((j) => j.suite === 'rss-parser')) {
  const result = await runJob(job);
  const ref = plan.references.get(job.id);
  if (!ref) continue;
  const c = compareWithReference({ job, status: result.outcome, result }, ref);
  if (c && (c.titles.matched < c.titles.compared || c.links.matched < c.links.compared)) {
    console.log(job.rel, JSON.stringify(c));
    const theirs = JSON.parse(readFileSync(ref.path, 'utf8')).feed.items;
    let n = 0;
    result.feed!.items.forEach((it, i) => { const t = toPlainText(theirs[i]?.title ?? ''); if (t !== it.title && n++ < 2) console.log('  ours', JSON.stringify(it.title), '\n  them', JSON.stringify(theirs[i]?.title)); });
  }
}
