// A multinomial naive Bayes topic classifier on folded syllable unigrams and bigrams. It is trained from items
// whose topic a section feed or a mapped category already gives, and used for items from general feeds.
// Plain JSON-able counts, so the model is stored in the database as one jsonb value.
import { tokenizeSyllables } from '../text/fold.js';
import { isFunctionSyllable } from '../text/stop-words.js';
import { DEFAULT_TOPIC_KEYWORDS } from './default-keywords.js';

export interface TopicModel {
  version: 1;
  topics: string[];
  /** Training documents per topic. */
  docCounts: Record<string, number>;
  /** Feature counts per topic. */
  featureCounts: Record<string, Record<string, number>>;
  /** Sum of feature counts per topic. */
  totals: Record<string, number>;
  vocabularySize: number;
}

export interface TrainingDoc {
  topic: string;
  title: string[];
  summary: string[];
}

/** Smoothing: small, because short news texts give few counts and add-one drowns them. */
const ALPHA = 0.1;
/**
 * Only this many of the most frequent features are kept, to bound the stored model. A cap rather than a minimum
 * count: a small training set keeps every feature, where dropping the ones seen once threw away a large share of
 * its evidence. Figures here and in categorize.ts: bench/eval/tune.ts, train-split CV macro-F1 with every other
 * setting as shipped; here 0.838 with a minimum count of 2 → 0.849.
 */
const MAX_VOCABULARY = 100_000;
/**
 * Each section keyword counts as if this many training texts of its topic had contained it: a prior that carries
 * the keyword lists into the classifier while it has few examples and fades once it has thousands
 * (train-split CV 0.828 without → 0.849).
 */
const SEED_WEIGHT = 3;
/**
 * Naive Bayes treats features as independent, but each syllable shows up in about three of them (its unigram and
 * two bigrams), so the raw posterior is wildly overconfident (p ≥ 0.9 on three quarters of its mistakes). Dividing
 * the log scores by that overlap before normalizing gives probabilities that can be weighed against keywords
 * (train-split CV 0.829 undivided → 0.849).
 */
const FEATURE_OVERLAP = 3;

/** At most this many "foreign word" features per text: "at least 1", …, "at least 4" foreign words. */
const MAX_FOREIGN_FEATURES = 4;
// A folded Vietnamese syllable: an optional initial consonant, a vowel group, an optional final (longest first).
const INITIALS = 'ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx]';
const VOWELS = 'uye|uya|oai|oay|oeo|uay|uoi|uou|yeu|ieu|oa|oe|uy|uo|ua|ue|ui|ia|ie|ye|ai|ao|au|ay|eo|eu|iu|oi|ou|[aeiouy]';
const FINALS = 'ch|ng|nh|[cmnptiyou]';
const VIETNAMESE_SYLLABLE = new RegExp(`^(?:${INITIALS})?(?:${VOWELS})(?:${FINALS})?$`);

/**
 * Features of a text: unigrams (function syllables dropped) and bigrams, each counted once per document, plus how
 * many foreign words it has. Presence beats counts on short news texts: a lede repeating its title's words counted
 * them twice and made the posterior overconfident (bench/eval/tune.ts, cross-validated on the train split: macro-F1
 * 0.893 → 0.900).
 */
export function extractFeatures(title: string[], summary: string[]): string[] {
  return [...new Set([...featuresOf(title), ...featuresOf(summary), ...foreignWordFeatures([...title, ...summary])])];
}

/**
 * Names of people, places and brands abroad ("Washington", "Putin", "Arsenal", "Samsung") are not Vietnamese
 * syllables. Each one is too rare to learn from, but how many a text has is a signal in itself (world news, foreign
 * football, tech brands): train-split CV 0.841 without → 0.849. Short tokens are left out, they are mostly
 * abbreviations ("tp", "usd").
 */
function foreignWordFeatures(tokens: string[]): string[] {
  const count = tokens.filter(isForeignWord).length;
  return Array.from({ length: Math.min(count, MAX_FOREIGN_FEATURES) }, (_, i) => `#foreign>=${i + 1}`);
}

function isForeignWord(token: string): boolean {
  return token.length >= 4 && /[aeiouy]/.test(token) && !/\d/.test(token) && !VIETNAMESE_SYLLABLE.test(token);
}

function featuresOf(tokens: string[]): string[] {
  const out: string[] = [];
  tokens.forEach((token, i) => {
    if (!isFunctionSyllable(token) && token.length > 1) out.push(token);
    const next = tokens[i + 1];
    if (next !== undefined) out.push(`${token}_${next}`);
  });
  return out;
}

/**
 * Trains a model from labeled documents, with the topics' keyword phrases as prior counts (only for topics that
 * have documents); returns null when fewer than two topics have examples.
 */
export function trainTopicModel(docs: TrainingDoc[], seedPhrases: Record<string, string[]> = DEFAULT_TOPIC_KEYWORDS): TopicModel | null {
  const counts = new Map<string, Map<string, number>>();
  const docCounts: Record<string, number> = {};
  const count = (topic: string, feature: string, weight: number) => {
    const topicCounts = counts.get(topic) ?? new Map<string, number>();
    topicCounts.set(feature, (topicCounts.get(feature) ?? 0) + weight);
    counts.set(topic, topicCounts);
  };
  for (const doc of docs) {
    docCounts[doc.topic] = (docCounts[doc.topic] ?? 0) + 1;
    for (const f of extractFeatures(doc.title, doc.summary)) count(doc.topic, f, 1);
  }
  for (const [topic, phrases] of Object.entries(seedPhrases)) {
    if (docCounts[topic] === undefined) continue;
    for (const f of new Set(phrases.flatMap((phrase) => extractFeatures(tokenizeSyllables(phrase), [])))) count(topic, f, SEED_WEIGHT);
  }
  const vocabulary = mostFrequentFeatures(counts, MAX_VOCABULARY);
  const model: TopicModel = { version: 1, topics: Object.keys(docCounts).sort(), docCounts, featureCounts: {}, totals: {}, vocabularySize: vocabulary.size };
  for (const [topic, topicCounts] of counts) {
    const kept: Record<string, number> = {};
    let total = 0;
    for (const [f, n] of topicCounts) {
      if (!vocabulary.has(f)) continue;
      kept[f] = n;
      total += n;
    }
    model.featureCounts[topic] = kept;
    model.totals[topic] = total;
  }
  return model.topics.length >= 2 ? model : null;
}

/** The `limit` features with the highest counts over all topics (ties by name, so training is deterministic). */
function mostFrequentFeatures(counts: Map<string, Map<string, number>>, limit: number): Set<string> {
  const overall = new Map<string, number>();
  for (const topicCounts of counts.values()) for (const [f, n] of topicCounts) overall.set(f, (overall.get(f) ?? 0) + n);
  if (overall.size <= limit) return new Set(overall.keys());
  const ranked = [...overall].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return new Set(ranked.slice(0, limit).map(([f]) => f));
}

/** Posterior probability of each topic for a text, highest first. */
export function classifyText(model: TopicModel, title: string[], summary: string[]): { topic: string; probability: number }[] {
  const features = extractFeatures(title, summary);
  const totalDocs = Object.values(model.docCounts).reduce((a, b) => a + b, 0);
  const logScores = model.topics.map((topic) => {
    const counts = model.featureCounts[topic] ?? {};
    const denominator = (model.totals[topic] ?? 0) + ALPHA * (model.vocabularySize + 1);
    let score = Math.log((model.docCounts[topic] ?? 0) / totalDocs);
    for (const f of features) if (isKnownFeature(model, f)) score += Math.log(((counts[f] ?? 0) + ALPHA) / denominator);
    return { topic, score };
  });
  const max = Math.max(...logScores.map((s) => s.score));
  const exp = logScores.map((s) => ({ topic: s.topic, weight: Math.exp((s.score - max) / FEATURE_OVERLAP) }));
  const sum = exp.reduce((acc, s) => acc + s.weight, 0);
  return exp.map((s) => ({ topic: s.topic, probability: s.weight / sum })).sort((a, b) => b.probability - a.probability);
}

// A feature no topic has seen says nothing about the topic; scoring it would only favour topics with small totals.
function isKnownFeature(model: TopicModel, feature: string): boolean {
  return model.topics.some((topic) => (model.featureCounts[topic]?.[feature] ?? 0) > 0);
}
