// A story's topics from its items' topic scores: each topic takes its best item score, and the reason names the
// outlet and the signals that gave it. The same threshold and dominance rule as for one item apply.
import { selectTopics } from './categorize.js';

export interface ScoredItemTopic {
  itemId: number;
  topic: string;
  score: number;
  reasons: string[];
  sourceName: string;
}

export interface StoryTopic {
  topic: string;
  score: number;
  reason: string;
}

/** The topics a story is filed under, highest score first. */
export function aggregateStoryTopics(rows: ScoredItemTopic[], threshold: number): StoryTopic[] {
  const best = new Map<string, ScoredItemTopic>();
  for (const row of rows) {
    const current = best.get(row.topic);
    if (!current || row.score > current.score || (row.score === current.score && row.itemId < current.itemId)) best.set(row.topic, row);
  }
  const scores = [...best.values()].map((row) => ({ topic: row.topic, score: row.score, reasons: row.reasons, sourceName: row.sourceName }));
  scores.sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
  return selectTopics(scores, threshold).map((s) => {
    const row = best.get(s.topic);
    return { topic: s.topic, score: s.score, reason: `${row?.sourceName ?? '?'}: ${(row?.reasons ?? []).join('; ')}` };
  });
}
