// A story as one feed entry: the lead's title, link and summary, "Also reported by" with every other outlet, a
// stable id, and the story's topics as categories.
import type { FeedStory } from '../db/story-feed.repo.js';
import type { FeedEntry } from '../publish/feed-entry.js';
import { escapeHtml } from '../publish/xml-writer.js';

/** Maps a story to a feed entry; `topicNames` turns topic keys into the names readers see. */
export function toStoryEntry(story: FeedStory, topicNames: Map<string, string>): FeedEntry {
  const lead = story.members[0];
  const others = dedupeOutlets(story.members.slice(1)).filter((m) => m.source.key !== lead?.source.key);
  return {
    id: `urn:bantin:story:${story.id}`,
    title: pickTitle(story),
    link: lead?.url ?? null,
    summary: lead?.summary ?? '',
    contentHtml: lead?.contentHtml ?? '',
    published: story.firstSeenAt,
    updated: story.updatedAt,
    author: lead?.author ?? null,
    sourceName: lead?.source.name ?? 'bantin',
    sourceUrl: lead?.source.url ?? null,
    sourceSiteUrl: lead?.source.siteUrl ?? null,
    categories: story.topics.map((t) => topicNames.get(t.topic) ?? t.topic),
    imageUrl: lead?.imageUrl ?? null,
    ...(others.length > 0 ? { extraHtml: formatAlsoReportedBy(others) } : {}),
  };
}

/** "Also reported by" as HTML: each outlet's name linking to its item. Every value is escaped. */
export function formatAlsoReportedBy(members: FeedStory['members']): string {
  const links = members.map((m) => (m.url ? `<li><a href="${escapeHtml(m.url)}">${escapeHtml(m.source.name)}</a>: ${escapeHtml(m.title)}</li>` : `<li>${escapeHtml(m.source.name)}: ${escapeHtml(m.title)}</li>`));
  return `<p>Also reported by / Cùng đưa tin:</p><ul>${links.join('')}</ul>`;
}

// One line per outlet: a source that carried the story in two sections shows once.
function dedupeOutlets(members: FeedStory['members']): FeedStory['members'] {
  const seen = new Set<string>();
  return members.filter((m) => !seen.has(m.source.name) && seen.add(m.source.name));
}

// An item with no title (some feeds send none) still needs a readable entry title.
function pickTitle(story: FeedStory): string {
  const title = story.title.trim() || story.members.find((m) => m.title.trim())?.title.trim() || story.members[0]?.summary.slice(0, 80).trim();
  return title || `Story ${story.id}`;
}
