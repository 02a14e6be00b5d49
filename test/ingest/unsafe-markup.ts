// Shared by the sanitize and normalize tests: what must never survive sanitization.
// Sanitized output always quotes attributes and escapes quotes in text, so attribute patterns are exact on it.

const FORBIDDEN_TAGS = /<\/?(?:script|style|iframe|object|embed|applet|frame|frameset|form|input|button|meta|link|base|svg|math|noscript|textarea)\b/i;

/** Every way sanitized HTML could still run code or load something unsafe. */
export function findUnsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  if (FORBIDDEN_TAGS.test(html)) problems.push('forbidden tag');
  if (/<[^>]*\son[a-z]+\s*=/i.test(html)) problems.push('event handler attribute');
  if (/<[^>]*\sstyle\s*=/i.test(html)) problems.push('style attribute');
  for (const match of html.matchAll(/\s(?:href|src|srcset|action|formaction|data|cite|background|poster)\s*=\s*"([^"]*)"/gi)) {
    if (!/^(?:https?:\/\/|mailto:)/i.test(match[1] ?? '')) problems.push(`unsafe URL ${match[1]}`);
  }
  for (const tag of html.match(/<a\s[^>]*>/gi) ?? []) {
    if (!tag.includes('rel="noopener noreferrer"')) problems.push(`link without rel: ${tag}`);
  }
  return problems;
}
