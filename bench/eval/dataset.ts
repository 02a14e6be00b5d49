// Loads the labeled evaluation set: stories told by one or more outlets, each with its true topic; look-alike
// stories share a `family`. Variants ("nfd", "nodiac", "suffix", "caps") are derived from another version of the
// same story, the way aggregators, old CMSs and syndication sites deform a text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { hashString } from '../../src/text/signature.js';

export const EVAL_TOPICS = ['chinh-tri', 'kinh-te', 'phap-luat', 'xa-hoi', 'the-gioi', 'giao-duc', 'suc-khoe', 'van-hoa', 'the-thao', 'cong-nghe'] as const;

export interface EvalItem {
  id: string;
  storyId: string;
  family: string | null;
  topic: string;
  outlet: string;
  isGovernment: boolean;
  title: string;
  summary: string;
  publishedAt: Date;
  split: 'train' | 'test';
  /** Id of the item this one is a mechanical variant of (NFD, no diacritics, suffix, capitals), or null. */
  derivedFrom: string | null;
  /** Which writing round the item comes from: "set 1" (<topic>.json), "set N" (<topic>.setN.json). */
  set: string;
}

const topicKey = z.enum(EVAL_TOPICS);
const versionSchema = z
  .strictObject({
    /** Outlet name ("VnExpress", "Báo Chính phủ"). */
    o: z.string().min(1),
    gov: z.boolean().optional(),
    /** Hours after the story's `at` (may be fractional). */
    h: z.number().min(0).max(72).optional(),
    t: z.string().min(1).optional(),
    s: z.string().min(1).optional(),
    v: z.array(z.enum(['nfd', 'nodiac', 'suffix', 'caps'])).min(1).optional(),
    /** Index of an earlier version of this story that this one deforms. */
    of: z.number().int().min(0).optional(),
  })
  .refine((v) => (v.of === undefined ? v.t !== undefined && v.s !== undefined : v.v !== undefined && v.t === undefined && v.s === undefined), {
    message: 'a version has either t and s, or of and v',
  });
const storySchema = z.strictObject({
  id: z.string().min(1),
  topic: topicKey.optional(),
  family: z.string().min(1).optional(),
  at: z.iso.datetime({ offset: true }),
  items: z.array(versionSchema).min(1),
});
const fileSchema = z.strictObject({ topic: topicKey, stories: z.array(storySchema).min(1) });
type RawStory = z.output<typeof storySchema>;

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** Reads every data file into items; the split is fixed by a hash of the family (or story), 50/50. Throws on a
 * malformed file, naming the file and the field. */
export function loadEvalItems(dir = DATA_DIR, only?: string[]): EvalItem[] {
  const items: EvalItem[] = [];
  const storyIds = new Set<string>();
  const files = only ?? readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    for (const story of parsed.data.stories) {
      if (storyIds.has(story.id)) throw new Error(`${file}: story id ${story.id} is used twice`);
      storyIds.add(story.id);
      story.items.forEach((v, i) => {
        if (v.of !== undefined && v.of >= i) throw new Error(`${file}: ${story.id} item ${i}: "of" must name an earlier item`);
      });
      items.push(...expandStory(story, story.topic ?? parsed.data.topic, setOfFile(file)));
    }
  }
  return items;
}

/** Which half an item is in: by family, so look-alikes and rewrites of one story never straddle the split. */
export function splitOf(group: string): 'train' | 'test' {
  return hashString(group) % 2 === 0 ? 'train' : 'test';
}

function setOfFile(file: string): string {
  const match = /\.set(\d+)\.json$/.exec(file);
  return `set ${match ? match[1] : '1'}`;
}

function expandStory(story: RawStory, topic: string, set: string): EvalItem[] {
  const split = splitOf(story.family ?? story.id);
  const base = new Date(story.at);
  const built: EvalItem[] = [];
  story.items.forEach((version, index) => {
    const origin = version.of === undefined ? null : built[version.of];
    const title = origin ? deformText(origin.title, version.v ?? [], version.o, 'title') : (version.t ?? '');
    const summary = origin ? deformText(origin.summary, version.v ?? [], version.o, 'summary') : (version.s ?? '');
    built.push({
      id: `${story.id}#${index}`,
      storyId: story.id,
      family: story.family ?? null,
      topic,
      outlet: version.o,
      isGovernment: version.gov === true,
      title: title.normalize(version.v?.includes('nfd') ? 'NFD' : 'NFC'),
      summary: summary.normalize(version.v?.includes('nfd') ? 'NFD' : 'NFC'),
      publishedAt: new Date(base.getTime() + (version.h ?? 0) * 3_600_000),
      split,
      derivedFrom: origin ? origin.id : null,
      set,
    });
  });
  return built;
}

function deformText(text: string, kinds: string[], outlet: string, field: 'title' | 'summary'): string {
  let out = text;
  for (const kind of kinds) {
    if (kind === 'nfd') out = out.normalize('NFD');
    if (kind === 'nodiac') out = out.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    if (kind === 'suffix') out = field === 'title' ? `${out} - ${outlet}` : `(${outlet}) - ${out.replace(/^\([^)]*\)\s*-\s*/, '')}`;
    if (kind === 'caps' && field === 'title') out = out.toUpperCase();
  }
  return out;
}

/**
 * The same items as a busy stream. The written sets spread ~400 stories over two or three months, so unrelated
 * stories rarely meet inside the 72-hour window; a real stream puts hundreds of unrelated items in every window,
 * all candidates for one another. Within each writing set, every family of look-alikes (or story outside one) is
 * moved as a whole to start at a time drawn by a hash of its name from one window after the set's earliest story:
 * look-alikes keep their days apart, versions their hours, and unrelated stories land side by side. Sets stay
 * apart: writers of different sets chose some of the same events (the 2027 exam calendar) as different stories.
 * `arrangement` picks another draw of start times (0 is the one run.ts has always printed): which unrelated stories
 * land side by side is chance, so busy-stream precision is measured over several arrangements.
 */
export function packIntoOneWindow(items: EvalItem[], windowMs: number, arrangement = 0): EvalItem[] {
  const groupOf = (item: EvalItem) => `${item.set}|${item.family ?? item.storyId}`;
  const setStart = new Map<string, number>();
  const groupStart = new Map<string, number>();
  for (const item of items) {
    const t = item.publishedAt.getTime();
    setStart.set(item.set, Math.min(setStart.get(item.set) ?? Infinity, t));
    groupStart.set(groupOf(item), Math.min(groupStart.get(groupOf(item)) ?? Infinity, t));
  }
  return items.map((item) => {
    const offset = item.publishedAt.getTime() - groupStart.get(groupOf(item))!;
    const key = arrangement === 0 ? `pack:${groupOf(item)}` : `pack:${arrangement}:${groupOf(item)}`;
    const newStart = setStart.get(item.set)! + ((hashString(key) % 1000) / 1000) * windowMs;
    return { ...item, publishedAt: new Date(newStart + offset) };
  });
}
