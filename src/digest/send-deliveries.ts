// The sender: claims ledger rows in batches, sends each with the configured concurrency and rate, and records
// the outcome. Several senders (processes or instances) can run at once; the claims split the work.
//
// The one window SMTP leaves open: a row is `sending` from just before its message is handed over until the
// server's answer is recorded. If the process dies in between, nobody knows whether the server accepted the
// message. Such a row (its lease expired) is marked `failed` with INTERRUPTED_ERROR and is NOT resent
// automatically: bantin prefers never sending twice over never skipping, for that window only. Every other row
// (pending, claimed but not started, or retrying) is sent by the next run.
import type { Kysely } from 'kysely';
import {
  claimDeliveries,
  failInterruptedDeliveries,
  findNextDeliveryWake,
  markDeliveryFinal,
  markDeliveriesSending,
  markDeliveriesSent,
  markDeliveryRetry,
  releaseDeliveryClaims,
  type ClaimedDelivery,
} from '../db/deliveries.repo.js';
import type { Database } from '../db/schema.js';
import { classifySendError, describeSendError } from '../mail/classify-error.js';
import { createRateLimiter, type RateLimiter } from '../mail/rate-limiter.js';
import type { MailTransport, SendResult } from '../mail/types.js';
import { isLocale } from '../subscribers/types.js';
import { composeDigestMessage, type ComposeSettings } from './compose-message.js';
import type { DigestCompiler } from './digest-compiler.js';
import type { EditionContent } from './types.js';
import { createWriteBatcher, type WriteBatcher } from './write-batcher.js';

export interface SendDeps {
  db: Kysely<Database>;
  transport: MailTransport;
  compiler: DigestCompiler;
  compose: ComposeSettings;
  workerId: string;
  now?: () => Date;
}

export interface SendOptions {
  concurrency: number;
  /** Messages per second, at most. */
  rate: number;
  maxAttempts: number;
  /** How long a claim or a `sending` row is held; longer than any single send can take. */
  leaseMs?: number;
  /** First retry delay; doubled (×4) per attempt. */
  backoffMs?: number;
  batchSize?: number;
  /** Consecutive "server unreachable" errors that end the run (rows stay pending). */
  maxUnavailable?: number;
  /** Longest sleep between two looks at the ledger while rows wait for a retry or another sender. */
  pollMs?: number;
}

export interface SendSummary {
  sent: number;
  failed: number;
  skipped: number;
  retried: number;
  interrupted: number;
  /** Set when the run stopped because the mail server (or outbox disk) was unavailable. */
  aborted: string | null;
}

const DEFAULT_LEASE_MS = 10 * 60_000;

interface RunState {
  deps: SendDeps;
  options: Required<SendOptions>;
  content: EditionContent;
  limiter: RateLimiter;
  summary: SendSummary;
  unavailableStreak: number;
  /** Turns rows `sending`; resolves true when this worker still held the row. */
  sending: WriteBatcher<number, boolean>;
  sent: WriteBatcher<{ id: number; response: string }, void>;
}

/** Sends every pending delivery of an edition; returns when none is left (or the server is unreachable). */
export async function sendDeliveries(deps: SendDeps, content: EditionContent, options: SendOptions): Promise<SendSummary> {
  const state: RunState = {
    deps,
    options: withDefaults(options),
    content,
    limiter: createRateLimiter(options.rate),
    summary: { sent: 0, failed: 0, skipped: 0, retried: 0, interrupted: 0, aborted: null },
    unavailableStreak: 0,
    ...createLedgerBatchers(deps, options.leaseMs ?? DEFAULT_LEASE_MS),
  };
  const editionId = content.edition.id;
  for (;;) {
    state.summary.interrupted += await failInterruptedDeliveries(deps.db, editionId, readNow(deps));
    const batch = await claimDeliveries(deps.db, {
      editionId,
      workerId: deps.workerId,
      limit: state.options.batchSize,
      now: readNow(deps),
      leaseUntil: new Date(readNow(deps).getTime() + state.options.leaseMs),
    });
    if (batch.length > 0) {
      await processBatch(state, batch);
      if (state.summary.aborted) {
        await releaseDeliveryClaims(deps.db, editionId, deps.workerId, readNow(deps));
        return state.summary;
      }
      continue;
    }
    const wake = await findNextDeliveryWake(deps.db, editionId);
    if (!wake) return state.summary;
    await sleep(Math.min(Math.max(wake.getTime() - readNow(deps).getTime(), 10), state.options.pollMs));
  }
}

async function processBatch(state: RunState, batch: ClaimedDelivery[]): Promise<void> {
  const queue = [...batch];
  const worker = async () => {
    for (let row = queue.shift(); row && !state.summary.aborted; row = queue.shift()) await deliverOne(state, row);
  };
  await Promise.all(Array.from({ length: Math.min(state.options.concurrency, batch.length) }, worker));
}

async function deliverOne(state: RunState, row: ClaimedDelivery): Promise<void> {
  const { deps } = state;
  if (row.subscriberStatus !== 'confirmed' || row.topics.length === 0) {
    await markDeliveryFinal(deps.db, row.id, 'skipped', `digest: subscriber is ${row.subscriberStatus} at send time`, readNow(deps));
    state.summary.skipped += 1;
    return;
  }
  // Compiled before the row turns `sending`: a template fault must not leave rows in doubt.
  const compiled = await deps.compiler.compile(state.content, isLocale(row.locale) ? row.locale : 'vi', row.topics);
  const message = composeDigestMessage(compiled, row, deps.compose);
  await state.limiter.acquire();
  if (!(await state.sending.write(row.id))) return;
  let result: SendResult;
  try {
    result = await deps.transport.send(message);
  } catch (error) {
    await recordFailure(state, row, error);
    return;
  }
  // Outside the try: a failed ledger write must never turn an accepted message into a retry (a second send);
  // the row stays `sending` and ends as interrupted.
  await state.sent.write({ id: row.id, response: result.response });
  state.summary.sent += 1;
  state.unavailableStreak = 0;
}

async function recordFailure(state: RunState, row: ClaimedDelivery, error: unknown): Promise<void> {
  const { deps, options } = state;
  const kind = classifySendError(error);
  const message = describeSendError(error);
  const attempts = row.attempts + 1;
  const now = readNow(deps);
  if (kind === 'permanent' || (kind === 'transient' && attempts >= options.maxAttempts)) {
    await markDeliveryFinal(deps.db, row.id, 'failed', message, now);
    state.summary.failed += 1;
    return;
  }
  // An unreachable server is not the message's fault: it never uses up the row's attempts, and a run that
  // keeps meeting it stops and leaves the rows pending for the next run.
  const delay = kind === 'unavailable' ? options.backoffMs : options.backoffMs * 4 ** (attempts - 1);
  await markDeliveryRetry(deps.db, row.id, message, new Date(now.getTime() + Math.min(delay, 3_600_000)), now);
  state.summary.retried += 1;
  if (kind === 'unavailable') {
    state.unavailableStreak += 1;
    if (state.unavailableStreak >= options.maxUnavailable) state.summary.aborted = message;
  }
}

// The two writes every message needs, coalesced across the workers (see write-batcher.ts).
function createLedgerBatchers(deps: SendDeps, leaseMs: number): Pick<RunState, 'sending' | 'sent'> {
  const sending = createWriteBatcher<number, boolean>(async (ids) => {
    const now = readNow(deps);
    const held = new Set(await markDeliveriesSending(deps.db, ids, deps.workerId, now, new Date(now.getTime() + leaseMs)));
    return ids.map((id) => held.has(id));
  });
  const sent = createWriteBatcher<{ id: number; response: string }, void>(async (results) => {
    await markDeliveriesSent(deps.db, results, readNow(deps));
    return results.map(() => undefined);
  });
  return { sending, sent };
}

function withDefaults(options: SendOptions): Required<SendOptions> {
  return {
    concurrency: options.concurrency,
    rate: options.rate,
    maxAttempts: options.maxAttempts,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    backoffMs: options.backoffMs ?? 5_000,
    // About five seconds of work per claim, so a claim's lease is never the bottleneck.
    batchSize: options.batchSize ?? Math.max(options.concurrency * 4, Math.min(500, Math.ceil(options.rate * 5))),
    maxUnavailable: options.maxUnavailable ?? 3,
    pollMs: options.pollMs ?? 1_000,
  };
}

function readNow(deps: SendDeps): Date {
  return deps.now ? deps.now() : new Date();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
