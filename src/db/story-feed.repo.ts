// Read-only story queries behind /feeds/all and /feeds/topics/*, and `bantin explain`.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One item of a story with its outlet. */
export interface StoryMember {
  itemId: number;
  title: string;
  url: string | null;
  summary: string;
  contentHtml: string;
  author: string | null;
  imageUrl: string | null;
  publishedAt: Date;
  joinReason: string;
  similarity: number | null;
  /** The member it was found similar to when it joined (null for the first item and URL matches). */
  matchedItemId: number | null;
  source: { key: string; name: string; url: string; siteUrl: string | null; kind: string };
}

/** A story as feeds and `explain` show it: its items (lead first) and its topics. */
export interface FeedStory {
  id: number;
  title: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  updatedAt: Date;
  leadItemId: number | null;
  members: StoryMember[];
  topics: { topic: string; score: number; reason: string }[];
}

export interface StoryFeedQuery {
  /** Only stories filed under this topic. */
  topic?: string;
  limit: number;
  /** Only stories strictly older than this point in (first seen desc, id desc) order. */
  before?: { publishedAt: Date; id: number | null } | null;
}

/** The newest stories (by first appearance), each with its members and topics. */
export async function listFeedStories(db: Kysely<Database>, query: StoryFeedQuery): Promise<FeedStory[]> {
  let select = db.selectFrom('stories as s').select(['s.id', 's.title', 's.first_seen_at', 's.last_seen_at', 's.updated_at', 's.lead_item_id']);
  if (query.topic !== undefined) {
    const topic = query.topic;
    select = select.innerJoin('story_topics as st', (join) => join.onRef('st.story_id', '=', 's.id').on('st.topic_key', '=', topic));
  }
  const before = query.before;
  if (before && before.id !== null) {
    select = select.where((eb) => eb(eb.refTuple('s.first_seen_at', 's.id'), '<', eb.tuple(before.publishedAt, before.id as number)));
  } else if (before) {
    select = select.where('s.first_seen_at', '<', before.publishedAt);
  }
  // A story told only by disabled sources (removed from the config) leaves the merged feeds, as their items do.
  select = select.where((eb) =>
    eb.exists(
      eb
        .selectFrom('story_items as live')
        .innerJoin('sources as live_source', 'live_source.id', 'live.source_id')
        .select('live.item_id')
        .whereRef('live.story_id', '=', 's.id')
        .where('live_source.enabled', '=', true),
    ),
  );
  const rows = await select.where('s.item_count', '>', 0).orderBy('s.first_seen_at', 'desc').orderBy('s.id', 'desc').limit(query.limit).execute();
  return attachMembersAndTopics(db, rows);
}

/** The story an item (found by its URL or id) belongs to, or undefined. */
export async function findStoryOfItem(db: Kysely<Database>, match: { url?: string; itemId?: number }): Promise<FeedStory | undefined> {
  let select = db.selectFrom('story_items as si').innerJoin('items as i', 'i.id', 'si.item_id').select('si.story_id').limit(1);
  if (match.itemId !== undefined) select = select.where('si.item_id', '=', match.itemId);
  else select = select.where('i.url', '=', match.url ?? '');
  const hit = await select.executeTakeFirst();
  if (!hit) return undefined;
  const rows = await db
    .selectFrom('stories as s')
    .select(['s.id', 's.title', 's.first_seen_at', 's.last_seen_at', 's.updated_at', 's.lead_item_id'])
    .where('s.id', '=', hit.story_id)
    .execute();
  return (await attachMembersAndTopics(db, rows))[0];
}

type StoryHead = { id: number; title: string; first_seen_at: Date; last_seen_at: Date; updated_at: Date; lead_item_id: number | null };

async function attachMembersAndTopics(db: Kysely<Database>, heads: StoryHead[]): Promise<FeedStory[]> {
  if (heads.length === 0) return [];
  const ids = heads.map((h) => h.id);
  const members = await db
    .selectFrom('story_items as si')
    .innerJoin('items as i', 'i.id', 'si.item_id')
    .innerJoin('sources as src', 'src.id', 'si.source_id')
    .select([
      'si.story_id', 'si.item_id', 'si.join_reason', 'si.similarity', 'si.matched_item_id', 'i.title', 'i.url', 'i.summary', 'i.content_html', 'i.author',
      'i.image_url', 'i.published_at', 'src.key', 'src.name', 'src.url as source_url', 'src.site_url', 'src.kind',
    ])
    .where('si.story_id', 'in', ids)
    .orderBy('i.published_at')
    .orderBy('si.item_id')
    .execute();
  const topics = await db.selectFrom('story_topics').selectAll().where('story_id', 'in', ids).orderBy('score', 'desc').orderBy('topic_key').execute();
  return heads.map((head) => {
    const own = members.filter((m) => m.story_id === head.id).map(toMember);
    // The lead goes first; the others keep their publication order.
    own.sort((a, b) => Number(b.itemId === head.lead_item_id) - Number(a.itemId === head.lead_item_id));
    return {
      id: head.id,
      title: head.title,
      firstSeenAt: head.first_seen_at,
      lastSeenAt: head.last_seen_at,
      updatedAt: head.updated_at,
      leadItemId: head.lead_item_id,
      members: own,
      topics: topics.filter((t) => t.story_id === head.id).map((t) => ({ topic: t.topic_key, score: t.score, reason: t.reason })),
    };
  });
}

function toMember(row: {
  item_id: number; join_reason: string; similarity: number | null; matched_item_id: number | null; title: string; url: string | null; summary: string; content_html: string;
  author: string | null; image_url: string | null; published_at: Date; key: string; name: string; source_url: string; site_url: string | null; kind: string;
}): StoryMember {
  return {
    itemId: row.item_id,
    title: row.title,
    url: row.url,
    summary: row.summary,
    contentHtml: row.content_html,
    author: row.author,
    imageUrl: row.image_url,
    publishedAt: row.published_at,
    joinReason: row.join_reason,
    similarity: row.similarity,
    matchedItemId: row.matched_item_id,
    source: { key: row.key, name: row.name, url: row.source_url, siteUrl: row.site_url, kind: row.kind },
  };
}
