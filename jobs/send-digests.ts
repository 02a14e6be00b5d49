// Thin entry for a system cron: send the last complete week's digest (or `--week`), as `bantin digest send` does.
// Usage: node --import tsx jobs/send-digests.ts [--week 2026-W48] [--config PATH]
import { main } from '../src/cli/main.js';

process.exitCode = await main(['digest', 'send', ...process.argv.slice(2)]);
