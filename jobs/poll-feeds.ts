// Thin entry for a system cron: poll every due source once, as `bantin poll --once` does.
// Usage: node --import tsx jobs/poll-feeds.ts [--source KEY] [--config PATH]
import { main } from '../src/cli/main.js';

process.exitCode = await main(['poll', '--once', ...process.argv.slice(2)]);
