// Just enough Python to read feedparser's Expect lines: string literals (u'' prefixes, \x, \u,
// \U and the usual escapes), `+` concatenation, and splitting on a keyword outside of strings.

/** Splits `text` on `separator` where it occurs outside string literals and brackets. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') depth -= 1;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Decodes `'a' + u"b\u00e1"` into its value, or null when the expression is anything else. */
export function decodePythonStrings(expression: string): string | null {
  const pieces = splitTopLevel(expression.trim(), '+').map((piece) => decodeLiteral(piece.trim()));
  return pieces.some((piece) => piece === null) ? null : pieces.join('');
}

function decodeLiteral(literal: string): string | null {
  const match = /^([uUbB]?)(['"])([\s\S]*)\2$/.exec(literal);
  if (match === null || literal.startsWith("'''") || literal.startsWith('"""')) return null;
  return decodeEscapes(match[3] ?? '');
}

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

function decodeEscapes(body: string): string | null {
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1] ?? '';
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = body.slice(i + 2, i + 2 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return null;
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += 1 + width;
    } else if (Object.hasOwn(simpleEscapes, next)) {
      out += simpleEscapes[next];
      i += 1;
    } else if (next === 'N') {
      return null;
    } else {
      out += c;
    }
  }
  return out;
}
