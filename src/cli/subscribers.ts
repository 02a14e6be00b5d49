// `bantin subscribers add|list|remove`.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import type { Settings } from '../config/settings.js';
import type { Database } from '../db/schema.js';
import { findSubscriberByEmail, listSubscribers, purgeSubscriber, upsertConfirmedSubscriber } from '../db/subscribers.repo.js';
import { createMailTransport } from '../mail/create-transport.js';
import { normalizeAddress } from '../subscribers/address.js';
import { sendNotice } from '../subscribers/notices.js';
import { requestSubscription, unsubscribe, validateSubscription } from '../subscribers/subscription-service.js';
import { createManageNonce } from '../subscribers/tokens.js';
import type { SubscriberStatus } from '../db/schema-digest.js';

export interface SubscribersCommandDeps {
  db: Kysely<Database>;
  config: BantinConfig;
  settings: Settings;
  write(line: string): void;
}

const USAGE = `usage: bantin subscribers add EMAIL --topics a,b [--locale vi|en] [--confirmed]
       bantin subscribers list [--status pending|confirmed|unsubscribed]
       bantin subscribers remove EMAIL [--purge]`;

/** Runs a subscribers subcommand; returns the exit code. */
export async function runSubscribersCommand(args: string[], deps: SubscribersCommandDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      topics: { type: 'string' }, locale: { type: 'string', default: 'vi' }, confirmed: { type: 'boolean' },
      status: { type: 'string' }, purge: { type: 'boolean' }, config: { type: 'string' },
    },
    strict: true,
  });
  const [sub, email] = positionals;
  if (sub === 'add' && email) return addSubscriber(deps, { email, topics: values.topics ?? '', locale: values.locale!, confirmed: values.confirmed === true });
  if (sub === 'list') return listCommand(deps, values.status);
  if (sub === 'remove' && email) return removeSubscriber(deps, email, values.purge === true);
  deps.write(USAGE);
  return 2;
}

async function addSubscriber(deps: SubscribersCommandDeps, input: { email: string; topics: string; locale: string; confirmed: boolean }): Promise<number> {
  const topics = input.topics.split(',').map((t) => t.trim()).filter(Boolean);
  const result = validateSubscription({ email: input.email, topics, locale: input.locale }, deps.config.topics);
  if (!result.ok) {
    deps.write(`subscribers: ${result.errors.map(describeProblem).join('; ')}`);
    return 2;
  }
  const { email, locale } = result.value;
  if (input.confirmed) {
    await upsertConfirmedSubscriber(deps.db, { ...result.value, manageNonce: createManageNonce(), now: new Date() });
    deps.write(`${email}: confirmed (${result.value.topics.join(', ')}; ${locale})`);
    return 0;
  }
  const service = { db: deps.db, topics: deps.config.topics, publicUrl: deps.settings.publicUrl, secret: deps.settings.secret, now: () => new Date() };
  const notice = await requestSubscription(service, result.value);
  if (notice) {
    const transport = createMailTransport(deps.settings, { maxConnections: 1 });
    await sendNotice(transport, notice, deps.config.digest.fromAddress).finally(() => transport.close());
  }
  deps.write(`${email}: ${notice?.kind === 'confirm' ? 'pending; confirmation email sent' : notice ? 'already confirmed; preferences link sent' : 'a notice went out less than 10 minutes ago; nothing sent'}`);
  return 0;
}

async function listCommand(deps: SubscribersCommandDeps, status: string | undefined): Promise<number> {
  if (status !== undefined && !['pending', 'confirmed', 'unsubscribed'].includes(status)) {
    deps.write(`subscribers: unknown status "${status}"`);
    return 2;
  }
  const rows = await listSubscribers(deps.db, status ? { status: status as SubscriberStatus } : {});
  for (const s of rows) deps.write(`${s.id}\t${s.email}\t${s.status}\t${s.locale}\t${s.topics.join(',')}`);
  deps.write(`${rows.length} subscribers`);
  return 0;
}

async function removeSubscriber(deps: SubscribersCommandDeps, input: string, purge: boolean): Promise<number> {
  const address = normalizeAddress(input);
  const subscriber = address.ok ? await findSubscriberByEmail(deps.db, address.email) : null;
  if (!subscriber) {
    deps.write(`subscribers: no subscriber ${JSON.stringify(input)}`);
    return 1;
  }
  if (purge) await purgeSubscriber(deps.db, subscriber.id);
  else await unsubscribe({ db: deps.db, now: () => new Date() }, subscriber);
  deps.write(`${subscriber.email}: ${purge ? 'deleted with its delivery history' : 'unsubscribed'}`);
  return 0;
}

function describeProblem(key: string): string {
  const messages: Record<string, string> = {
    'error.topics.unknown': 'unknown topic (see `topics` in the config)',
    'error.topics.empty': '--topics needs at least one topic',
    'error.locale': '--locale must be vi or en',
  };
  return messages[key] ?? (key.startsWith('error.email.') ? `invalid address (${key.slice('error.email.'.length)})` : key);
}
