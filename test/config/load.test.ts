import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.js';

const VALID = `timezone: Asia/Ho_Chi_Minh
topics:
  - key: chinh-tri
    name: { vi: "Chính trị", en: "Politics" }
    keywords: ["quốc hội"]
sources:
  - key: a
    name: "A"
    url: https://a.example/rss
    topics: [chinh-tri]
  - key: b
    name: "B"
    url: https://b.example/rss
    interval: 15m
    timezone: Asia/Bangkok
`;

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, 'config/bantin.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n');
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('reads a valid file and fills defaults', () => {
    const config = parseConfig(VALID);
    expect(config.sources.map((s) => s.key)).toEqual(['a', 'b']);
    expect(config.sources[0]).toMatchObject({ kind: 'press', type: 'feed', enabled: true, topics: ['chinh-tri'] });
    expect(config.sources[1]?.interval).toBe(15 * 60_000);
    expect(config.poll).toMatchObject({ interval: 30 * 60_000, timeout: 20_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 });
    expect(config.stories.window).toBe(72 * 3_600_000);
  });

  it('names file, line and key of a bad URL', () => {
    const text = VALID.replace('url: https://b.example/rss', 'url: ftp://b.example/rss');
    expect(problemsOf(text)).toEqual(['config/bantin.yaml:13 sources[1].url: expected an http(s) URL']);
  });

  it('rejects duplicate source keys at the second one', () => {
    const text = VALID.replace('key: b', 'key: a');
    expect(problemsOf(text)).toEqual(['config/bantin.yaml:11 sources[1].key: duplicate source key "a"']);
  });

  it('rejects unknown keys where they are written', () => {
    const text = VALID.replace('    interval: 15m', '    intervall: 15m');
    expect(problemsOf(text)).toEqual(['config/bantin.yaml:14 sources[1].intervall: unknown key']);
  });

  it('rejects a reference to a topic that does not exist', () => {
    const text = VALID.replace('topics: [chinh-tri]', 'topics: [chinh-tri, kinh-te]');
    expect(problemsOf(text)).toEqual(['config/bantin.yaml:10 sources[0].topics[1]: unknown topic "kinh-te"']);
  });

  it('reports a missing required key at its parent', () => {
    const text = VALID.replace('    name: "A"\n', '');
    expect(problemsOf(text)).toEqual(['config/bantin.yaml:7 sources[0].name: is required']);
  });

  it('reports bad durations, time zones and YAML syntax', () => {
    expect(problemsOf(VALID.replace('interval: 15m', 'interval: soon'))[0]).toMatch(/^config\/bantin.yaml:14 sources\[1\].interval: expected a duration/);
    expect(problemsOf(VALID.replace('Asia/Bangkok', 'Mars/Olympus'))[0]).toBe(
      'config/bantin.yaml:15 sources[1].timezone: expected an IANA time zone such as Asia/Ho_Chi_Minh',
    );
    expect(problemsOf('sources: [\n')[0]).toMatch(/^config\/bantin.yaml:\d+: YAML syntax:/);
  });

  it('lists every problem, not only the first', () => {
    const text = VALID.replace('url: https://a.example/rss', 'url: nope').replace('key: b', 'key: B!');
    expect(problemsOf(text)).toHaveLength(2);
  });

  it('ships a valid default config with at least 20 sources and the ten default topics', async () => {
    const config = await loadConfig('config/bantin.yaml');
    expect(config.sources.length).toBeGreaterThanOrEqual(20);
    expect(config.topics.map((t) => t.key).sort()).toEqual(
      ['chinh-tri', 'cong-nghe', 'giao-duc', 'kinh-te', 'phap-luat', 'suc-khoe', 'the-gioi', 'the-thao', 'van-hoa', 'xa-hoi'].sort(),
    );
  });

  it('fails clearly on a missing file', async () => {
    await expect(loadConfig('config/nope.yaml')).rejects.toThrow(/^config\/nope.yaml: cannot read the file/);
  });
});
