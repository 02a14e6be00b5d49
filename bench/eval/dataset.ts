// Loads the labeled evaluation set: stories told by one or more outlets, each with its true topic; look-alike
// stories share a `family`. Variants ("nfd", "nodiac", "suffix", "caps") are derived from another version of the
// same story, the way aggregators, old CMSs and syndication sites deform a text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashString } from '../../src/text/signature.js';

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
}

interface RawVersion {
  o: string;
  gov?: boolean;
  h?: number;
  t?: string;
  s?: string;
  v?: string[];
  of?: number;
}

interface RawStory {
  id: string;
  topic?: string;
  family?: string;
  at: string;
  items: RawVersion[];
}

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** Reads every data file into items; the split is fixed by a hash of the family (or story), 50/50. */
export function loadEvalItems(dir = DATA_DIR): EvalItem[] {
  const items: EvalItem[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { topic: string; stories: RawStory[] };
    for (const story of data.stories) items.push(...expandStory(story, story.topic ?? data.topic));
  }
  return items;
}

function expandStory(story: RawStory, topic: string): EvalItem[] {
  const group = story.family ?? story.id;
  const split = hashString(group) % 2 === 0 ? 'train' : 'test';
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
      title,
      summary,
      publishedAt: new Date(base.getTime() + (version.h ?? 0) * 3_600_000),
      split,
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
