// A strict reader of the Prometheus text exposition format (0.0.4), enough to prove /metrics parses.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE_LINE = new RegExp(`^(${NAME})(\\{(?:${LABEL}(?:,${LABEL})*,?)?\\})? (\\S+)(?: (-?\\d+))?$`);
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Parses exposition text, throwing on the first line that breaks the grammar. */
export function parsePrometheusText(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  if (!text.endsWith('\n')) throw new Error('exposition must end with a newline');
  text.split('\n').slice(0, -1).forEach((line, index) => {
    const where = `line ${index + 1}: ${line}`;
    if (line === '') return;
    if (line.startsWith('#')) return readComment(line, types, where);
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`bad sample, ${where}`);
    const name = match[1]!;
    if (!types.has(familyOf(name, types))) throw new Error(`sample before its # TYPE, ${where}`);
    samples.push({ name, labels: readLabels(match[2] ?? ''), value: readValue(match[3]!, where) });
  });
  return { types, samples };
}

function readComment(line: string, types: Map<string, string>, where: string): void {
  const type = new RegExp(`^# TYPE (${NAME}) (\\w+)$`).exec(line);
  if (type) {
    if (!TYPES.has(type[2]!)) throw new Error(`unknown type, ${where}`);
    if (types.has(type[1]!)) throw new Error(`type declared twice, ${where}`);
    types.set(type[1]!, type[2]!);
    return;
  }
  if (line.startsWith('# HELP ') && new RegExp(`^# HELP ${NAME}( .*)?$`).test(line)) return;
  if (line.startsWith('# TYPE') || line.startsWith('# HELP')) throw new Error(`bad comment, ${where}`);
}

function familyOf(name: string, types: Map<string, string>): string {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return types.get(base) === 'histogram' || types.get(base) === 'summary' ? base : name;
}

function readLabels(block: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of block.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    labels[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return labels;
}

function readValue(text: string, where: string): number {
  // Prometheus reads values with Go's ParseFloat, which takes Inf and NaN in any letter case.
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value, ${where}`);
  return Number(text);
}
