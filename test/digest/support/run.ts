// Helpers to seed subscribers and run a send the way `bantin digest send` does.
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../../../src/config/schema.js';
import type { Database } from '../../../src/db/schema.js';
import { upsertConfirmedSubscriber } from '../../../src/db/subscribers.repo.js';
import { sendEdition } from '../../../src/digest/send-edition.js';
import type { SendOptions } from '../../../src/digest/send-deliveries.js';
import type { StoryCandidate } from '../../../src/digest/types.js';
import { resolveWeek } from '../../../src/digest/week.js';
import type { MailTransport } from '../../../src/mail/types.js';
import { createManageNonce } from '../../../src/subscribers/tokens.js';
import type { Subscriber } from '../../../src/subscribers/types.js';
import { digestSettings, serveCandidates } from './fixtures.js';

/** Adds confirmed subscribers `reader{i}@example.com` with the given topic sets (cycled). */
export async function seedSubscribers(db: Kysely<Database>, count: number, topicSets: string[][], locales: ('vi' | 'en')[] = ['vi']): Promise<Subscriber[]> {
  const out: Subscriber[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push(await upsertConfirmedSubscriber(db, {
      email: `reader${i}@example.com`,
      locale: locales[i % locales.length]!,
      topics: topicSets[i % topicSets.length]!,
      manageNonce: createManageNonce(),
      now: new Date(),
    }));
  }
  return out;
}

/** Sends week 2026-W48 with fixed candidates through a transport. */
export function runSend(
  db: Kysely<Database>,
  config: BantinConfig,
  transport: MailTransport,
  candidates: StoryCandidate[],
  options: Partial<SendOptions> & { workerId?: string } = {},
) {
  const { workerId, ...overrides } = options;
  return sendEdition(
    { db, config, settings: digestSettings, transport, loadCandidates: serveCandidates(candidates), workerId: workerId ?? 'test-worker' },
    resolveWeek('2026-W48', config.timezone),
    { backoffMs: 20, pollMs: 50, ...overrides },
  );
}
