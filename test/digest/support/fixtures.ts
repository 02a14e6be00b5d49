// Plain-value fixtures for digest tests: a config with three topics and a week of stories.
import { parseConfig } from '../../../src/config/load.js';
import type { BantinConfig } from '../../../src/config/schema.js';
import type { StoryCandidate } from '../../../src/digest/types.js';

/** A config with the topics the tests use and fast digest settings. */
export function createDigestConfig(digest: Record<string, unknown> = {}): BantinConfig {
  const config = parseConfig(`
timezone: Asia/Ho_Chi_Minh
topics:
  - key: chinh-tri
    name: { vi: "Chính trị", en: "Politics & government" }
  - key: kinh-te
    name: { vi: "Kinh tế", en: "Economy" }
  - key: the-thao
    name: { vi: "Thể thao", en: "Sport" }
`);
  return { ...config, digest: { ...config.digest, rate: 1000, concurrency: 4, fromAddress: 'bantin <digest@bantin.test>', ...digest } };
}

/** Settings as the digest needs them. */
export const digestSettings = { publicUrl: 'https://bantin.test', secret: 'test-secret-0123456789', adminEmail: null };

/** A story of week 2026-W48 (Mon 23 Nov – Sun 29 Nov 2026, Asia/Ho_Chi_Minh). */
export function createStory(id: number, topics: string[], outlets: number, options: { government?: boolean; day?: number; title?: string } = {}): StoryCandidate {
  const day = options.day ?? 25;
  return {
    storyId: id,
    title: options.title ?? `Câu chuyện số ${id}`,
    url: `https://news.example/${id}`,
    summary: `Tóm tắt câu chuyện ${id} & chi tiết <quan trọng>.`,
    outlets: Array.from({ length: outlets }, (_, i) => ({
      sourceKey: `source-${i}`,
      name: i === 0 && options.government ? 'Báo Chính phủ' : `Báo ${i}`,
      url: `https://news.example/${id}/${i}`,
      kind: i === 0 && options.government ? ('government' as const) : ('press' as const),
    })),
    firstSeenAt: new Date(`2026-11-${String(day).padStart(2, '0')}T03:00:00Z`),
    lastSeenAt: new Date(`2026-11-${String(day).padStart(2, '0')}T05:00:00Z`),
    topics,
  };
}

/** A loader that serves fixed candidates (stands in for the stories tables). */
export function serveCandidates(candidates: StoryCandidate[]) {
  return async () => candidates;
}
