// Table-driven: each test/fixtures/feeds/NAME.{xml,json} through parse + normalize must give
// exactly the reviewed NAME.expected.json (see test/fixtures/feeds/README.md).
import { describe, expect, it } from 'vitest';
import { listFeedFixtures, readExpected, runFeedFixture } from '../fixtures/feeds/load-fixtures.js';

const fixtures = listFeedFixtures();

describe('feed fixtures: parse + normalize', () => {
  it('covers every format and has an expected file for each feed', () => {
    expect(fixtures.map((fixture) => fixture.name)).toEqual(
      expect.arrayContaining(['atom', 'jsonfeed-1.0', 'jsonfeed-1.1', 'rss091', 'rss1-rdf', 'vnexpress-2026']),
    );
    expect(fixtures.filter((fixture) => readExpected(fixture) === undefined).map((fixture) => fixture.name)).toEqual([]);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const expected = readExpected(fixture);
    expect(expected?.length).toBeGreaterThan(0);
    expect(await runFeedFixture(fixture)).toEqual(expected);
  });
});
