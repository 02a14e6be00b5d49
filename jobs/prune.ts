// Thin entry for a system cron: delete stored content older than `retention.maxAge` (what `bantin start` does daily).
// Usage: node --import tsx jobs/prune.ts [--config PATH]
import { takeConfigOption } from '../src/cli/feature-commands.js';
import { openRuntime } from '../src/cli/runtime.js';
import { pruneOldItems } from '../src/retention/prune.js';

const runtime = await openRuntime(takeConfigOption(process.argv.slice(2)).configPath);
try {
  const result = await pruneOldItems(runtime.database.db, { maxAgeMs: runtime.config.retention.maxAge, now: new Date() });
  process.stdout.write(`prune: deleted ${result.deleted} items older than ${result.cutoff.toISOString()} in ${result.batches} batches\n`);
} finally {
  await runtime.database.close();
}
