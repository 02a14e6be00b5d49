// Reads bantin.yaml, validates it, and reports each problem with its file, line and key path.
import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { BantinError } from '../errors.js';
import { configSchema, type BantinConfig } from './schema.js';

export interface ConfigProblem {
  line: number | null;
  path: (string | number)[];
  message: string;
}

/** Raised for a config that cannot be used; `problems` lists each fault, the message shows them all. */
export class ConfigError extends BantinError {
  readonly problems: ConfigProblem[];
  readonly file: string;

  constructor(file: string, problems: ConfigProblem[]) {
    super('config', 'invalid-config', problems.map((p) => formatProblem(file, p)).join('\n'), { context: { file } });
    // The stage prefix is already on each line; keep the message readable as a list.
    this.message = problems.map((p) => formatProblem(file, p)).join('\n');
    this.file = file;
    this.problems = problems;
  }
}

/** `config/bantin.yaml:14 sources[3].url: expected an http(s) URL` */
export function formatProblem(file: string, problem: ConfigProblem): string {
  const where = problem.line === null ? file : `${file}:${problem.line}`;
  const path = formatPath(problem.path);
  return path ? `${where} ${path}: ${problem.message}` : `${where}: ${problem.message}`;
}

export function formatPath(path: (string | number | symbol)[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** Loads and validates the config file at `file`. Throws ConfigError on any problem. */
export async function loadConfig(file: string): Promise<BantinConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ line: null, path: [], message: `cannot read the file (${(error as Error).message})` }]);
  }
  return parseConfig(text, file);
}

/** Validates config text; `file` is only used in messages. */
export function parseConfig(text: string, file = 'bantin.yaml'): BantinConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.normalize('NFC'), { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((error) => ({
        line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line,
        path: [],
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  const lineOf = (path: (string | number)[]) => findLine(doc, lineCounter, path);
  const result = configSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    throw new ConfigError(file, result.error.issues.map((issue) => describeIssue(issue, lineOf)));
  }
  const problems = checkReferences(result.data).map((p) => ({ ...p, line: lineOf(p.path) }));
  if (problems.length > 0) throw new ConfigError(file, problems);
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue, lineOf: (path: (string | number)[]) => number | null): ConfigProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const keyPath = [...path, issue.keys[0]!];
    return { line: lineOf(keyPath), path: keyPath, message: `unknown key${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''}` };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { line: lineOf(path), path, message: 'is required' };
  }
  return { line: lineOf(path), path, message: issue.message };
}

/** Checks the config as a whole: unique keys, and topics that exist wherever they are named. */
function checkReferences(config: BantinConfig): Omit<ConfigProblem, 'line'>[] {
  const problems: Omit<ConfigProblem, 'line'>[] = [];
  const topicKeys = new Set<string>();
  config.topics.forEach((topic, index) => {
    if (topicKeys.has(topic.key)) problems.push({ path: ['topics', index, 'key'], message: `duplicate topic key "${topic.key}"` });
    topicKeys.add(topic.key);
  });
  const sourceKeys = new Set<string>();
  config.sources.forEach((source, index) => {
    if (sourceKeys.has(source.key)) problems.push({ path: ['sources', index, 'key'], message: `duplicate source key "${source.key}"` });
    sourceKeys.add(source.key);
    source.topics.forEach((topic, topicIndex) => {
      if (!topicKeys.has(topic)) problems.push({ path: ['sources', index, 'topics', topicIndex], message: `unknown topic "${topic}"` });
    });
    if (source.type === 'html' && !source.selectors?.links) {
      problems.push({ path: ['sources', index, 'selectors'], message: 'an html source needs selectors.links (a CSS selector for article links)' });
    }
  });
  for (const [category, topic] of Object.entries(config.categoryMap)) {
    if (!topicKeys.has(topic)) problems.push({ path: ['categoryMap', category], message: `unknown topic "${topic}"` });
  }
  return problems;
}

/** The 1-based line of the deepest node that exists along `path`. */
function findLine(doc: Document, lineCounter: LineCounter, path: (string | number)[]): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    // For a missing/unknown key, the pair's key node carries the position.
    if (depth > 0) {
      const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
      const pair = isNode(parent) && 'items' in parent ? (parent.items as unknown[]).find((item) => isPairWithKey(item, path[depth - 1]!)) : undefined;
      if (pair && isNode((pair as { key: unknown }).key)) {
        const keyNode = (pair as { key: { range?: [number, number, number] } }).key;
        if (keyNode.range) return lineCounter.linePos(keyNode.range[0]).line;
      }
    }
  }
  return null;
}

function isPairWithKey(item: unknown, key: string | number): boolean {
  if (!item || typeof item !== 'object' || !('key' in item)) return false;
  const k = (item as { key: unknown }).key;
  const value = isNode(k) && 'value' in k ? (k as { value: unknown }).value : k;
  return value === key;
}
