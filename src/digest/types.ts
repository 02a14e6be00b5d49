// The digest's domain types.

export interface Outlet {
  sourceKey: string;
  name: string;
  url: string | null;
  kind: 'government' | 'press';
}

/** A story as the edition builder sees it (read from the stories tables by src/db/editions.repo.ts). */
export interface StoryCandidate {
  storyId: number;
  title: string;
  url: string | null;
  summary: string;
  outlets: Outlet[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  topics: string[];
}

/** A story chosen for one topic of an edition. */
export interface EditionStory extends StoryCandidate {
  topicKey: string;
  rank: number;
  outletCount: number;
  hasGovernment: boolean;
  /** Sent in an earlier edition and back because it gained outlets. */
  isUpdate: boolean;
}

/** A built, frozen edition. */
export interface Edition {
  id: number;
  week: string;
  timezone: string;
  from: Date;
  to: Date;
  builtAt: Date;
}

/** An edition with its stories (every topic, in rank order). */
export interface EditionContent {
  edition: Edition;
  stories: EditionStory[];
}
