// /feeds/all.{rss,atom,json} and /feeds/topics/{key}.{rss,atom,json}: one entry per story.
// Register before registerFeedRoutes so these answer /feeds/all.* (its item-level handler stays for sources).
import type { Context, Hono } from 'hono';
import { listFeedStories, type FeedStory } from '../db/story-feed.repo.js';
import { formatCursor, type FeedPaging } from '../publish/feed-paging.js';
import { toStoryEntry } from '../stories/story-entry.js';
import { describeFeed, readFeedRequest, sendFeed, type FeedRequest } from './feed-routes.js';
import type { HttpDeps } from './server.js';

/** Registers the story feeds. */
export function registerStoryFeedRoutes(app: Hono, deps: HttpDeps): void {
  app.get('/feeds/:file{all\\.[a-z]+}', async (c) => {
    const request = readFeedRequest(c);
    if (request instanceof Response) return request;
    return serveStories(c, deps, request, null);
  });
  app.get('/feeds/topics/:file', async (c) => {
    const request = readFeedRequest(c);
    if (request instanceof Response) return request;
    const topic = deps.config.topics.find((t) => t.key === request.name);
    if (!topic) return c.text(`unknown topic "${request.name}"`, 404);
    return serveStories(c, deps, request, topic.key);
  });
}

async function serveStories(c: Context, deps: HttpDeps, request: FeedRequest, topic: string | null): Promise<Response> {
  const stories = await listFeedStories(deps.db, { limit: request.paging.limit, before: request.paging.cursor, ...(topic ? { topic } : {}) });
  const names = new Map(deps.config.topics.map((t) => [t.key, t.name.vi]));
  const entries = stories.map((story) => toStoryEntry(story, names));
  const topicName = topic ? (names.get(topic) ?? topic) : null;
  const meta = describeFeed(deps.settings.publicUrl, request, entries, findNextCursor(stories, request.paging), {
    id: topic ? `urn:bantin:feed:topic:${topic}` : 'urn:bantin:feed:all',
    path: topic ? `/feeds/topics/${topic}` : '/feeds/all',
    title: topicName ? `bantin — ${topicName}` : 'bantin — tất cả',
    description: topicName ? `Tin ${topicName}, mỗi sự kiện một mục với mọi nguồn đưa tin` : 'Mọi sự kiện, mỗi sự kiện một mục với mọi nguồn đưa tin',
    homeUrl: `${deps.settings.publicUrl}/`,
  });
  return sendFeed(c, request.format, meta, entries);
}

function findNextCursor(stories: readonly FeedStory[], paging: FeedPaging): string | null {
  const last = stories.at(-1);
  return last && stories.length === paging.limit ? formatCursor(last.firstSeenAt, last.id) : null;
}
