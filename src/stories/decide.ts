// Join-or-new for one item, decided in pure code from candidates the database found through the LSH band index,
// the URL and the folded title. Deterministic: the same item and candidates always give the same decision.
import { findConflict, measureNumberDisagreement, measureSimilarity, toComparable, type ComparableText, type Conflict } from './compare.js';
import { gatherPairEvidence, PAIR_MODEL, scorePairEvidence, type PairModel } from './pair-score.js';
import type { StoryFingerprint } from './fingerprint.js';

/** A stored item that might be in the same story, with the story facts the decision needs. */
export interface StoryCandidate {
  itemId: number;
  storyId: number;
  sourceId: number;
  fingerprint: StoryFingerprint;
  publishedAt: Date;
  storyFirstSeenAt: Date;
}

export interface StoryItemInput {
  fingerprint: StoryFingerprint;
  sourceId: number;
  publishedAt: Date;
}

export interface StoryRules {
  /** Pair score (0–1, see pair-score.ts) needed to join (config `stories.threshold`). */
  threshold: number;
  /** How far apart, in ms, two items of one story may be (config `stories.window`). */
  windowMs: number;
  /** The pair model; the fitted PAIR_MODEL unless given (the evaluation's cross-validation passes its own fits). */
  pairModel?: PairModel;
}

/** 'near-copy': an outlet's own item with nearly the same text (Jaccard ≥ 0.9); 'similar': the pair score. */
export type JoinReason = 'same-url' | 'same-title' | 'near-copy' | 'similar';

/**
 * A join names the story of the best-matching candidate and, in `alsoMatched`, every other story one of whose items
 * the item matched too: the item shows those stories are one, and with `stories.mergeMatched` the store merges them
 * (rounds 5 and 6 of bench/eval/README.md: two outlets' versions that share too little to join each other both
 * match a third).
 */
export type StoryDecision =
  | { kind: 'join'; storyId: number; matchedItemId: number; reason: JoinReason; similarity: number; alsoMatched: number[] }
  | { kind: 'new'; rejected: { itemId: number; reason: Conflict | 'window' | 'below-threshold'; similarity: number }[] };

/** Titles shorter than this ("Video", "Bản tin 19/4") are too generic to join on title equality alone. */
const MIN_TITLE_TOKENS = 4;
/** Too little text to compare: only a URL match can join. */
const MIN_CONTENT_TOKENS = 3;
/** One outlet's own items join each other only when their content syllables are nearly identical (Jaccard): floods
 * of look-alike briefs stay apart, and an outlet does not rewrite its own report. */
const SAME_SOURCE_THRESHOLD = 0.9;
/** Equal titles of a series (daily price tables, "Bản tin ...") differ in their figures: half of them disagreeing
 * keeps them apart. */
const SAME_TITLE_MAX_NUMBER_DISAGREEMENT = 0.5;

/** Decides whether the item joins one of the candidates' stories or starts a new one. */
export function decideStory(item: StoryItemInput, candidates: StoryCandidate[], rules: StoryRules): StoryDecision {
  const ordered = [...candidates].sort((a, b) => a.storyId - b.storyId || a.itemId - b.itemId);
  const byUrl = item.fingerprint.urlKey ? ordered.find((c) => c.fingerprint.urlKey === item.fingerprint.urlKey) : undefined;
  if (byUrl) return { kind: 'join', storyId: byUrl.storyId, matchedItemId: byUrl.itemId, reason: 'same-url', similarity: 1, alsoMatched: [] };
  const text = toComparable(item.fingerprint);
  const rejected: Extract<StoryDecision, { kind: 'new' }>['rejected'] = [];
  if (text.content.length < MIN_CONTENT_TOKENS) return { kind: 'new', rejected };
  let best: Omit<Extract<StoryDecision, { kind: 'join' }>, 'alsoMatched'> | null = null;
  const matchedStories = new Set<number>();
  for (const candidate of ordered) {
    const verdict = judgeCandidate(item, text, candidate, rules);
    if (verdict.kind === 'reject') {
      rejected.push({ itemId: candidate.itemId, reason: verdict.reason, similarity: verdict.similarity });
      continue;
    }
    matchedStories.add(candidate.storyId);
    if (!best || verdict.similarity > best.similarity) {
      best = { kind: 'join', storyId: candidate.storyId, matchedItemId: candidate.itemId, reason: verdict.reason, similarity: verdict.similarity };
    }
  }
  if (!best) return { kind: 'new', rejected };
  const joined = best.storyId;
  return { ...best, alsoMatched: [...matchedStories].filter((id) => id !== joined).sort((a, b) => a - b) };
}

type Verdict =
  | { kind: 'accept'; reason: 'same-title' | 'near-copy' | 'similar'; similarity: number }
  | { kind: 'reject'; reason: Conflict | 'window' | 'below-threshold'; similarity: number };

function judgeCandidate(item: StoryItemInput, text: ComparableText, candidate: StoryCandidate, rules: StoryRules): Verdict {
  if (!isWithinWindow(item.publishedAt, candidate, rules.windowMs)) return { kind: 'reject', reason: 'window', similarity: 0 };
  const other = toComparable(candidate.fingerprint);
  const conflict = findConflict(text, other);
  if (conflict) return { kind: 'reject', reason: conflict, similarity: measureSimilarity(text, other) };
  const sameTitle = text.title.length >= MIN_TITLE_TOKENS && item.fingerprint.titleKey === candidate.fingerprint.titleKey;
  if (sameTitle && measureNumberDisagreement(text, other) < SAME_TITLE_MAX_NUMBER_DISAGREEMENT) {
    return { kind: 'accept', reason: 'same-title', similarity: 1 };
  }
  if (candidate.sourceId === item.sourceId) {
    const similarity = measureSimilarity(text, other);
    return similarity >= SAME_SOURCE_THRESHOLD ? { kind: 'accept', reason: 'near-copy', similarity } : { kind: 'reject', reason: 'below-threshold', similarity };
  }
  const hoursApart = (item.publishedAt.getTime() - candidate.publishedAt.getTime()) / 3_600_000;
  const score = scorePairEvidence(gatherPairEvidence(text, other, hoursApart), rules.pairModel ?? PAIR_MODEL);
  if (score >= rules.threshold) return { kind: 'accept', reason: 'similar', similarity: score };
  return { kind: 'reject', reason: 'below-threshold', similarity: score };
}

// Both the matched item and the story's first item must be within the window, so a chain of look-alikes cannot
// stretch one story over weeks.
function isWithinWindow(publishedAt: Date, candidate: StoryCandidate, windowMs: number): boolean {
  const t = publishedAt.getTime();
  return Math.abs(t - candidate.publishedAt.getTime()) <= windowMs && Math.abs(t - candidate.storyFirstSeenAt.getTime()) <= windowMs;
}
