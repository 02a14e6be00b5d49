import { readFileSync } from 'node:fs';
import { planCorpus } from './conformance-files.js';
import { evaluateExpect } from './conformance-expect.js';
import { splitTopLevel } from './conformance-python.js';
const plan = planCorpus('/work/shared/corpus');
const counts = new Map<string, number>();
const dummy = { job: plan.jobs[0]!, status: 'parsed' as const };
for (const [, meta] of plan.feedparser) for (const e of meta.expects) {
  if (evaluateExpect(e, dummy) !== 'untranslated') continue;
  for (const clause of splitTopLevel(e, ' and ')) {
    if (evaluateExpect(clause, dummy) !== 'untranslated') continue;
    const shape = clause.trim().replace(/==.*$/s, '==').replace(/\[\d+\]/g, '[N]').slice(0, 70);
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
}
console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => `${v}\t${k}`).join('\n'));
