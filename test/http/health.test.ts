import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { readSettings } from '../../src/config/settings.js';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '../../src/http/server.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';

describe.each(dbKinds)('/healthz on %s', (kind) => {
  let testDb: TestDb | undefined;
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    await testDb?.dispose();
  });

  it('answers 200 ok while the database answers, 503 with the reason once it is closed', async () => {
    testDb = await createTestDb(kind);
    const app = createHttpApp({ db: testDb.db, config: configSchema.parse({}), settings: readSettings({}) });
    server = await startHttpServer(app, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${server.port}/healthz`;
    const healthy = await fetch(url);
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get('cache-control')).toBe('no-store');
    expect(await healthy.text()).toBe('ok');

    await testDb.close();
    const broken = await fetch(url);
    expect(broken.status).toBe(503);
    expect(await broken.text()).toMatch(/^db: \S/);
  });

  it('answers unknown paths with a plain 404', async () => {
    testDb = await createTestDb(kind);
    server = await startHttpServer(createHttpApp({ db: testDb.db, config: configSchema.parse({}), settings: readSettings({}) }), 0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${server.port}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not found');
  });
});
