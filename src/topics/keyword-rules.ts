// Keyword and phrase rules per topic, matched on whole folded syllables: "ai" matches the syllable "ai", never
// the inside of "khai". A title hit weighs more than a lede hit because titles name the subject, ledes wander.
import type { TopicConfig } from '../config/schema.js';
import { tokenizeSyllables } from '../text/fold.js';
import { DEFAULT_TOPIC_KEYWORDS } from './default-keywords.js';

export interface KeywordRule {
  topic: string;
  /** Each phrase as folded syllables. */
  include: { phrase: string; tokens: string[] }[];
  exclude: { phrase: string; tokens: string[] }[];
}

export interface KeywordHit {
  topic: string;
  score: number;
  titleHits: string[];
  summaryHits: string[];
  excludedBy: string | null;
}

const TITLE_WEIGHT = 0.8;
const SUMMARY_WEIGHT = 0.3;
const MAX_KEYWORD_SCORE = 1.5;

/** Compiles the topics' keyword rules: config keywords plus the built-in ones for the default topic keys. */
export function compileKeywordRules(topics: Pick<TopicConfig, 'key' | 'keywords' | 'excludeKeywords'>[]): KeywordRule[] {
  return topics.map((topic) => ({
    topic: topic.key,
    include: toPhrases([...topic.keywords, ...(DEFAULT_TOPIC_KEYWORDS[topic.key] ?? [])]),
    exclude: toPhrases(topic.excludeKeywords),
  }));
}

/** Scores each topic's rules against a title and summary given as folded syllables; topics without hits are left out. */
export function matchKeywordRules(rules: KeywordRule[], title: string[], summary: string[]): KeywordHit[] {
  const hits: KeywordHit[] = [];
  for (const rule of rules) {
    const excluded = rule.exclude.find((p) => hasPhrase(title, p.tokens) || hasPhrase(summary, p.tokens));
    const titleHits = rule.include.filter((p) => hasPhrase(title, p.tokens)).map((p) => p.phrase);
    const summaryHits = rule.include.filter((p) => !titleHits.includes(p.phrase) && hasPhrase(summary, p.tokens)).map((p) => p.phrase);
    if (titleHits.length === 0 && summaryHits.length === 0 && !excluded) continue;
    const raw = titleHits.length * TITLE_WEIGHT + summaryHits.length * SUMMARY_WEIGHT;
    const score = excluded ? 0 : Math.min(MAX_KEYWORD_SCORE, raw);
    hits.push({ topic: rule.topic, score, titleHits, summaryHits, excludedBy: excluded?.phrase ?? null });
  }
  return hits;
}

function toPhrases(phrases: string[]): { phrase: string; tokens: string[] }[] {
  const seen = new Map<string, { phrase: string; tokens: string[] }>();
  for (const phrase of phrases) {
    const tokens = tokenizeSyllables(phrase);
    const key = tokens.join(' ');
    if (tokens.length > 0 && !seen.has(key)) seen.set(key, { phrase, tokens });
  }
  return [...seen.values()];
}

/** True when the phrase's syllables occur consecutively in the token list. */
export function hasPhrase(tokens: string[], phrase: string[]): boolean {
  if (phrase.length === 0 || phrase.length > tokens.length) return false;
  for (let i = 0; i + phrase.length <= tokens.length; i += 1) {
    let match = true;
    for (let j = 0; j < phrase.length && match; j += 1) match = tokens[i + j] === phrase[j];
    if (match) return true;
  }
  return false;
}
