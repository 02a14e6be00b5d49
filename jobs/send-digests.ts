// Thin entry: send the last complete week's digest (or `--week`), e.g. from a system cron.
// Usage: node --import tsx jobs/send-digests.ts [--week 2026-W48] [--config PATH]
import { runDigestCommand } from '../src/cli/digest.js';
import { openRuntime } from '../src/cli/runtime.js';

const configIndex = process.argv.indexOf('--config');
const runtime = await openRuntime(configIndex > 0 ? process.argv[configIndex + 1] : undefined);
try {
  const args = process.argv.slice(2).filter((_, i, all) => all[i] !== '--config' && all[i - 1] !== '--config');
  process.exitCode = await runDigestCommand(['send', ...args], {
    db: runtime.database.db,
    config: runtime.config,
    settings: runtime.settings,
    write: (line) => process.stdout.write(`${line}\n`),
  });
} finally {
  await runtime.database.close();
}
