// `bantin explain URL`: the story an item belongs to, its items and why each joined, and why each topic was given.
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import type { Database } from '../db/schema.js';
import { findStoryOfItem, type FeedStory, type StoryMember } from '../db/story-feed.repo.js';
import { listItemTopicScores } from '../db/topics.repo.js';
import { toComparable } from '../stories/compare.js';
import { buildFingerprint } from '../stories/fingerprint.js';
import { gatherPairEvidence } from '../stories/pair-score.js';

export interface ExplainDeps {
  db: Kysely<Database>;
  config: Pick<BantinConfig, 'topics' | 'stories'>;
  /** Where each output line goes. */
  write(line: string): void;
}

/** Prints the explanation for the item at the URL (or with the numeric item id); 0 when found, 1 when not, 2 on usage errors. */
export async function runExplain(args: string[], deps: ExplainDeps): Promise<number> {
  const target = args.find((a) => !a.startsWith('-'));
  if (!target) {
    deps.write('explain: usage: bantin explain <item URL or id>');
    return 2;
  }
  const story = await findStoryForTarget(deps.db, target);
  if (!story) {
    deps.write(`explain: no stored item with URL or id ${target}`);
    return 1;
  }
  const scores = await listItemTopicScores(deps.db, story.members.map((m) => m.itemId));
  for (const line of formatExplanation(story, scores, deps.config)) deps.write(line);
  return 0;
}

async function findStoryForTarget(db: Kysely<Database>, target: string): Promise<FeedStory | undefined> {
  if (/^\d+$/.test(target)) return findStoryOfItem(db, { itemId: Number(target) });
  for (const url of [target, swapScheme(target), target.replace(/\/+$/, '')]) {
    const story = await findStoryOfItem(db, { url });
    if (story) return story;
  }
  return undefined;
}

function swapScheme(url: string): string {
  return url.startsWith('https://') ? `http://${url.slice(8)}` : url.replace(/^http:\/\//, 'https://');
}

/** The explanation as lines of text (pure, for tests and other front ends). */
export function formatExplanation(
  story: FeedStory,
  scores: Map<number, { topic: string; score: number; reasons: string[] }[]>,
  config: Pick<BantinConfig, 'topics' | 'stories'>,
): string[] {
  const outlets = new Set(story.members.map((m) => m.source.name)).size;
  const lines = [
    `story ${story.id}: ${story.title || '(untitled)'}`,
    `  first seen ${story.firstSeenAt.toISOString()}, last seen ${story.lastSeenAt.toISOString()}, ${story.members.length} item(s) from ${outlets} outlet(s)`,
    'items:',
  ];
  for (const m of story.members) {
    const role = m.itemId === story.leadItemId ? 'lead' : 'item';
    lines.push(`  [${role}] #${m.itemId} ${m.source.name}${m.source.kind === 'government' ? ' (government)' : ''} ${m.publishedAt.toISOString()}`);
    lines.push(`      ${m.title || '(no title)'}${m.url ? ` <${m.url}>` : ''}`);
    lines.push(`      ${describeJoin(m.joinReason, m.similarity, config.stories.threshold)}`);
    const matched = m.joinReason === 'similar' ? story.members.find((other) => other.itemId === m.matchedItemId) : undefined;
    if (matched) lines.push(`      evidence against #${matched.itemId} (recomputed from the stored texts): ${describeEvidence(m, matched)}`);
    const itemScores = scores.get(m.itemId) ?? [];
    for (const s of itemScores) lines.push(`      topic ${s.topic} ${s.score.toFixed(2)}: ${s.reasons.join('; ')}`);
  }
  lines.push(`topics (threshold ${config.stories.topicThreshold}):`);
  if (story.topics.length === 0) lines.push('  none: the story appears only in /feeds/all');
  const names = new Map(config.topics.map((t) => [t.key, t.name.vi]));
  for (const t of story.topics) lines.push(`  ${t.topic} (${names.get(t.topic) ?? '?'}) ${t.score.toFixed(2)} — ${t.reason}`);
  return lines;
}

function describeEvidence(item: StoryMember, matched: StoryMember): string {
  const prepare = (m: StoryMember) => toComparable(buildFingerprint({ title: m.title, summary: m.summary, url: m.url }, m.source.name));
  const hours = (item.publishedAt.getTime() - matched.publishedAt.getTime()) / 3_600_000;
  const e = gatherPairEvidence(prepare(item), prepare(matched), hours);
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  return [
    `Jaccard ${e.jaccard.toFixed(2)}`,
    `overlap ${e.overlap.toFixed(2)}`,
    `${Math.round(Math.expm1(e.logSharedSyllables))} shared syllables (${Math.round(Math.expm1(e.logSharedRare))} rare)`,
    `title overlap ${e.titleWeightedOverlap.toFixed(2)}`,
    `titles covered ${percent(e.titleCoverageMin)}/${percent(e.titleCoverageMax)}`,
    `${Math.round(Math.expm1(e.logSharedFigures))} shared figure(s)`,
    `${e.sharedDates} shared date(s)${e.dateConflict ? ', dates differ' : ''}`,
    `figures ${percent(e.numberDisagreement)} apart`,
    `title names missing ${percent(e.namesMissingMin)}/${percent(e.namesMissingMax)}`,
    `${Math.abs(hours).toFixed(1)} h apart`,
  ].join(', ');
}

function describeJoin(reason: string, similarity: number | null, threshold: number): string {
  if (reason === 'new') return 'started the story';
  if (reason === 'same-url') return 'joined: same canonical URL as an earlier item';
  if (reason === 'same-title') return 'joined: same folded title as an earlier item';
  if (reason === 'near-copy') return `joined: nearly the same text as an earlier item of the same outlet (Jaccard ${similarity?.toFixed(2) ?? '?'})`;
  return `joined: pair score ${similarity?.toFixed(2) ?? '?'} ≥ ${threshold} (shared wording, title, rare words, dates, figures and names; hours apart)`;
}
