// Writing the ledger rows of an edition before anything is sent: one per confirmed subscriber who has at least
// one chosen topic with stories. Re-running adds subscribers confirmed since and leaves existing rows alone.
import type { Kysely } from 'kysely';
import type { TopicConfig } from '../config/schema.js';
import { insertDeliveries, type NewDelivery } from '../db/deliveries.repo.js';
import type { Database } from '../db/schema.js';
import { listSubscribers } from '../db/subscribers.repo.js';
import { buildDigestMessageId, readMailHost } from '../mail/headers.js';
import type { Subscriber } from '../subscribers/types.js';
import { selectDigestTopics } from './render-digest.js';
import type { EditionContent } from './types.js';

/** The ledger rows for these subscribers (pure); subscribers without a topic that has stories get none. */
export function planDeliveries(
  content: EditionContent,
  subscribers: readonly Subscriber[],
  options: { topics: readonly TopicConfig[]; secret: string; publicUrl: string },
): NewDelivery[] {
  const host = readMailHost(options.publicUrl);
  return subscribers.flatMap((subscriber) => {
    const topics = selectDigestTopics(subscriber.topics, content.stories, options.topics);
    if (topics.length === 0) return [];
    return [{
      editionId: content.edition.id,
      subscriberId: subscriber.id,
      locale: subscriber.locale,
      topics,
      messageId: buildDigestMessageId(options.secret, host, content.edition.week, subscriber.id),
    }];
  });
}

/** Writes the missing ledger rows of an edition; returns how many were added. */
export async function enqueueDeliveries(
  db: Kysely<Database>,
  content: EditionContent,
  options: { topics: readonly TopicConfig[]; secret: string; publicUrl: string; now: Date },
): Promise<number> {
  if (content.stories.length === 0) return 0;
  const subscribers = await listSubscribers(db, { status: 'confirmed' });
  return insertDeliveries(db, planDeliveries(content, subscribers, options), options.now);
}
