// Building an edition: read the week's stories, rank them per topic (pure), freeze the result. Built once; a
// second call for the same week returns the frozen edition.
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import { findEditionByWeek, findPreviousOutletCounts, insertEditionWithStories, listEditionStories } from '../db/editions.repo.js';
import type { Database } from '../db/schema.js';
import { selectEditionStories } from './rank.js';
import type { EditionContent, StoryCandidate } from './types.js';
import type { WeekRange } from './week.js';

/** Reads the stories active in [from, to); the stories module's tables are behind this function. */
export type StoryCandidateLoader = (db: Kysely<Database>, range: { from: Date; to: Date }) => Promise<StoryCandidate[]>;

export interface BuildEditionDeps {
  db: Kysely<Database>;
  config: Pick<BantinConfig, 'timezone' | 'topics' | 'digest'>;
  loadCandidates: StoryCandidateLoader;
  now: () => Date;
}

/** The frozen edition of `range`, building it first when it does not exist yet. */
export async function ensureEdition(deps: BuildEditionDeps, range: WeekRange): Promise<EditionContent> {
  const existing = await findEditionByWeek(deps.db, range.week);
  if (existing) return { edition: existing, stories: await listEditionStories(deps.db, existing.id) };
  const candidates = await deps.loadCandidates(deps.db, { from: range.from, to: range.to });
  const previous = await findPreviousOutletCounts(deps.db, candidates.map((c) => c.storyId), range.from);
  const topicKeys = deps.config.topics.map((t) => t.key);
  const stories = selectEditionStories(topicKeys, candidates, previous, deps.config.digest.storiesPerTopic);
  const edition = await insertEditionWithStories(
    deps.db,
    { week: range.week, timezone: deps.config.timezone, from: range.from, to: range.to, builtAt: deps.now() },
    stories,
  );
  // Re-read: when a concurrent builder won, its stories (not ours) are the edition.
  return { edition, stories: await listEditionStories(deps.db, edition.id) };
}

/** The edition of a week with its stories, or null when it was never built. */
export async function loadEdition(db: Kysely<Database>, week: string): Promise<EditionContent | null> {
  const edition = await findEditionByWeek(db, week);
  return edition ? { edition, stories: await listEditionStories(db, edition.id) } : null;
}
