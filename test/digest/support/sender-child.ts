// A sender in its own process, for the crash test: `node --import tsx sender-child.ts` with BANTIN_TEST_SENDER set
// to JSON { databaseUrl, dataDir, smtpUrl, leaseMs }. The parent kills it with SIGKILL mid-edition.
import { createDb } from '../../../src/db/create-db.js';
import { createSmtpTransport } from '../../../src/mail/smtp-transport.js';
import { createDigestConfig } from './fixtures.js';
import { crashTestStories } from './crash-stories.js';
import { runSend } from './run.js';

const options = JSON.parse(process.env.BANTIN_TEST_SENDER ?? '{}') as { databaseUrl: string | null; dataDir: string; smtpUrl: string; leaseMs: number };
const handle = createDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
const transport = createSmtpTransport({ url: options.smtpUrl, maxConnections: 1 });
const config = createDigestConfig({ concurrency: 1 });
const result = await runSend(handle.db, config, transport, crashTestStories, { workerId: `child-${process.pid}`, leaseMs: options.leaseMs, batchSize: 5 });
process.stdout.write(`${JSON.stringify(result.summary)}\n`);
await transport.close();
await handle.close();
