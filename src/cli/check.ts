// `bantin check [--fetch]`: validate the config; with --fetch, fetch each source once and show what it would
// produce, storing nothing.
import { parseArgs } from 'node:util';
import { describeError } from '../errors.js';
import { collectSourceItems } from '../ingest/collect.js';
import type { Source } from '../ingest/types.js';
import type { BantinConfig, SourceConfig } from '../config/schema.js';
import { createConfiguredFetcher, loadSettingsAndConfig, type CliIO } from './runtime.js';

/** Runs the check command; exit 1 when the config is invalid or (with --fetch) a source failed. */
export async function runCheckCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { fetch: { type: 'boolean' }, config: { type: 'string' }, source: { type: 'string', multiple: true } }, strict: true });
  const { settings, config } = await loadSettingsAndConfig(values.config);
  const enabled = config.sources.filter((s) => s.enabled).length;
  io.out(`${settings.configPath}: valid — ${config.sources.length} sources (${enabled} enabled), ${config.topics.length} topics`);
  if (!values.fetch) return 0;
  const fetcher = createConfiguredFetcher(settings, config);
  let failures = 0;
  try {
    const chosen = config.sources.filter((s) => !values.source || values.source.includes(s.key));
    await Promise.all(
      chosen.map(async (entry) => {
        const lines = await describeSourcePreview(entry, config, fetcher);
        if (lines[0]?.startsWith('error')) failures += 1;
        io.out(lines.join('\n'));
      }),
    );
  } finally {
    await fetcher.close();
  }
  io.out(`checked ${config.sources.length} sources: ${failures} failed`);
  return failures > 0 ? 1 : 0;
}

async function describeSourcePreview(entry: SourceConfig, config: BantinConfig, fetcher: ReturnType<typeof createConfiguredFetcher>): Promise<string[]> {
  const source = toPreviewSource(entry, config);
  try {
    const result = await collectSourceItems({ source, fetcher, now: new Date(), findKnownUrls: async () => new Set() });
    if (result.kind === 'not-modified') return [`ok    ${entry.key}: not modified`];
    const dated = result.items.filter((item) => !item.dateMissing).length;
    return [
      `ok    ${entry.key}: ${result.items.length} items (${dated} dated) from ${result.fetchState.finalUrl}`,
      ...result.items.slice(0, 3).map((item) => `      ${item.publishedAt.toISOString()}  ${item.title}`),
    ];
  } catch (error) {
    const { code, message } = describeError(error);
    return [`error ${entry.key}: ${message} [${code}]`];
  }
}

function toPreviewSource(entry: SourceConfig, config: BantinConfig): Source {
  return {
    id: 0,
    key: entry.key,
    name: entry.name,
    url: entry.url,
    kind: entry.kind,
    type: entry.type,
    topics: entry.topics,
    timezone: entry.timezone ?? config.timezone,
    intervalMs: entry.interval ?? config.poll.interval,
    enabled: entry.enabled,
    etag: null,
    lastModified: null,
    settings: entry as unknown as Record<string, unknown>,
  };
}
