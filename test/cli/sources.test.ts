import { afterEach, describe, expect, it } from 'vitest';
import { runSourcesCommand } from '../../src/cli/sources.js';
import { configSchema } from '../../src/config/schema.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { HEALTH_NOW, seedHealthFixture } from '../support/health-fixture.js';

describe.each(dbKinds)('bantin sources on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  async function run(args: string[]): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const code = await runSourcesCommand(args, { db: testDb!.db, config: configSchema.parse({}), write: (l) => lines.push(l), now: () => HEALTH_NOW });
    return { code, lines };
  }

  it('prints one aligned row per source, a summary, and the reasons behind bad states', async () => {
    testDb = await createTestDb(kind);
    await seedHealthFixture(testDb.db);
    const { code, lines } = await run([]);
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^KEY\s+STATE\s+LAST SUCCESS\s+LAST ERROR\s+STREAK\s+ITEMS 7D\s+NEXT CHECK$/);
    const row = (key: string) => lines.find((l) => l.startsWith(`${key} `))!.split(/\s{2,}/);
    expect(row('fresh')).toEqual(['fresh', 'ok', '10 min ago', '—', '0', '3', 'in 20 min']);
    expect(row('broken')).toEqual(['broken', 'failing', '3 d ago', '5 min ago', '4', '0', 'now']);
    expect(row('quiet')[1]).toBe('stale');
    expect(row('gone')[1]).toBe('disabled');
    expect(row('gone')[6]).toBe('—');
    // Columns line up: STATE starts at the same offset on every row.
    const offsets = lines.slice(0, 6).map((l) => l.indexOf(l.split(/\s{2,}/)[1]!, l.split(/\s{2,}/)[0]!.length));
    expect(new Set(offsets).size).toBe(1);
    expect(lines).toContain('5 sources: 2 ok, 1 failing, 1 stale, 1 disabled');
    expect(lines).toContain('broken: fetch: 503 Service Unavailable for http://x.test/<feed>');
    expect(lines).toContain('gone: disabled (410 Gone: removed for good)');
    expect(lines).toContain('moved: moved permanently: update the config');
  });

  it('filters stale sources and prints JSON lines on request', async () => {
    testDb = await createTestDb(kind);
    await seedHealthFixture(testDb.db);
    const { lines } = await run(['--stale', '--json']);
    expect(lines.map((l) => JSON.parse(l) as { key: string; state: string })).toMatchObject([{ key: 'quiet', state: 'stale', stale: true }]);
    expect((await run(['--verbose'])).code).toBe(2);
  });
});
