// Which corpus files the conformance runner reads, and what each is compared against.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { ConformanceJob } from './types.js';

/** A reference output to compare a file's items with (count, titles, links). */
export interface Reference {
  kind: 'rss-parser' | 'gofeed' | 'jsonfeed' | 'vn';
  path: string;
}

/** The `Description:`/`Expect:`/`Header:` lines at the top of a feedparser test file. */
export interface FeedparserMeta {
  expects: string[];
  contentType: string | null;
}

/** Every job with its feedparser metadata and reference output, when it has them. */
export interface CorpusPlan {
  jobs: ConformanceJob[];
  feedparser: Map<number, FeedparserMeta>;
  references: Map<number, Reference>;
}

interface Input {
  suite: string;
  path: string;
  reference?: Reference;
}

/** Lists the files of every suite under the corpus folder. */
export function planCorpus(corpusDir: string): CorpusPlan {
  const inputs = [...listFeedparser(corpusDir), ...listRssParser(corpusDir), ...listGofeed(corpusDir), ...listVn(corpusDir)];
  const plan: CorpusPlan = { jobs: [], feedparser: new Map(), references: new Map() };
  inputs.forEach((input, id) => {
    const rel = relative(corpusDir, input.path);
    let contentType: string | null = null;
    if (input.suite.startsWith('feedparser')) {
      const meta = readFeedparserMeta(new Uint8Array(readFileSync(input.path)));
      plan.feedparser.set(id, meta);
      contentType = meta.contentType;
    }
    if (input.reference !== undefined) plan.references.set(id, input.reference);
    // feedparser's own harness serves the files from this address; base-URL cases expect it.
    plan.jobs.push({ id, suite: input.suite, path: input.path, rel, contentType, feedUrl: `http://127.0.0.1:8097/tests/${rel}` });
  });
  return plan;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

function listFeedparser(corpusDir: string): Input[] {
  return ['wellformed', 'illformed', 'encoding', 'entities', 'json'].flatMap((part) =>
    listFiles(join(corpusDir, 'feedparser', part))
      .filter((path) => /\.(xml|json|rdf|atom|rss)$/.test(path))
      .map((path) => ({ suite: `feedparser/${part}`, path })),
  );
}

function listRssParser(corpusDir: string): Input[] {
  const dir = join(corpusDir, 'rss-parser');
  return listFiles(join(dir, 'input')).map((path) => {
    const output = join(dir, 'output', `${basename(path).replace(/\.[^.]+$/, '')}.json`);
    return { suite: 'rss-parser', path, reference: existsSync(output) ? { kind: 'rss-parser' as const, path: output } : undefined };
  });
}

function listGofeed(corpusDir: string): Input[] {
  const dir = join(corpusDir, 'gofeed', 'testdata');
  const xmlWithJson = (suite: string, sub: string): Input[] =>
    listFiles(join(dir, sub))
      .filter((path) => path.endsWith('.xml'))
      .map((path) => {
        const expected = path.replace(/\.xml$/, '.json');
        return { suite, path, reference: existsSync(expected) ? { kind: 'gofeed' as const, path: expected } : undefined };
      });
  const jsonWithExpected = (suite: string, sub: string): Input[] =>
    listFiles(join(dir, sub))
      .filter((path) => path.endsWith('.json') && !path.endsWith('_expected.json'))
      .map((path) => {
        const expected = path.replace(/\.json$/, '_expected.json');
        return { suite, path, reference: existsSync(expected) ? { kind: 'jsonfeed' as const, path: expected } : undefined };
      });
  return [
    ...['rss', 'atom'].flatMap((format) => xmlWithJson('gofeed/parser', join('parser', format))),
    ...jsonWithExpected('gofeed/parser', join('parser', 'json')),
    ...listFiles(join(dir, 'parser', 'universal')).map((path) => ({ suite: 'gofeed/parser', path })),
    ...['rss', 'atom'].flatMap((format) => xmlWithJson('gofeed/translator', join('translator', format))),
    ...jsonWithExpected('gofeed/translator', join('translator', 'json')),
    ...listFiles(join(dir, 'extensions')).filter((path) => path.endsWith('.xml')).map((path) => ({ suite: 'gofeed/extensions', path })),
  ];
}

function listVn(corpusDir: string): Input[] {
  return listFiles(join(corpusDir, 'vn'))
    .filter((path) => path.endsWith('.xml'))
    .map((path) => {
      const expected = path.replace(/\.xml$/, '.expected.json');
      return { suite: 'vn', path, reference: existsSync(expected) ? { kind: 'vn' as const, path: expected } : undefined };
    });
}

/** Reads the leading comment of a feedparser file, whatever its encoding (UTF-8/16/32, with or without BOM). */
export function readFeedparserMeta(bytes: Uint8Array): FeedparserMeta {
  const text = decodeForComment(bytes.subarray(0, 65_536));
  const start = text.indexOf('<!--');
  const end = text.indexOf('-->', start);
  const comment = start < 0 || end < 0 ? '' : text.slice(start + 4, end);
  const expects: string[] = [];
  let contentType: string | null = null;
  for (const line of comment.split(/\r?\n/)) {
    const match = /^\s*(Expect|Header):\s*(.*?)\s*$/.exec(line);
    if (match?.[1] === 'Expect') expects.push(match[2] ?? '');
    const header = match?.[1] === 'Header' ? /^content-type:\s*(.*)$/i.exec(match[2] ?? '') : null;
    if (header) contentType = header[1] ?? null;
  }
  return { expects, contentType };
}

function decodeForComment(bytes: Uint8Array): string {
  const [b0, b1, b2, b3] = bytes;
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0x3c && b1 === 0 && b2 === 0 && b3 === 0)) return decodeUtf32(bytes, true);
  if ((b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) || (b0 === 0 && b1 === 0 && b2 === 0 && b3 === 0x3c)) return decodeUtf32(bytes, false);
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0)) return new TextDecoder('utf-16le').decode(bytes);
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0 && b1 === 0x3c)) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let offset = 0; offset + 4 <= bytes.byteLength; offset += 4) {
    const code = view.getUint32(offset, littleEndian);
    if (code <= 0x10ffff && code !== 0xfeff) out += String.fromCodePoint(code);
  }
  return out;
}
