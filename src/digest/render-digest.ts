// The digest email: MJML built from templates/email/ and personalised per recipient by replacing two placeholders
// (preferences and unsubscribe links). MJML renders each top-level section as a self-contained block (its own
// Outlook table), so one compilation of every topic's section, cut at marker comments, serves every topic set:
// compiling per (edition, locale) is fewer compilations than the "at most once per (edition, locale, topic set)" asked.
import { randomBytes } from 'node:crypto';
import mjml2html from 'mjml';
import type { TopicConfig } from '../config/schema.js';
import { BantinError } from '../errors.js';
import type { Locale } from '../subscribers/types.js';
import { formatDate, translate } from './i18n.js';
import { escapeHtml, isSafeHttpUrl, renderTemplate } from './template.js';
import type { EditionContent, EditionStory } from './types.js';

// Random per process so text from a source can never collide with (and be replaced as) a placeholder.
const NONCE = randomBytes(6).toString('hex');
const PREFERENCES_PLACEHOLDER = `%%preferences-${NONCE}%%`;
const UNSUBSCRIBE_PLACEHOLDER = `%%unsubscribe-${NONCE}%%`;
const SECTION_MARK = `bantin-section-${NONCE}`;
const SECTION_PATTERN = new RegExp(`<!-- ${SECTION_MARK}:([a-z0-9-]+) -->`, 'g');

export interface CompiledDigest {
  subject: string;
  /** HTML and text with placeholders for the recipient's links. */
  html: string;
  text: string;
}

export interface RecipientLinks {
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/** One compilation of an edition in one locale: the HTML cut into head, one block per topic, and tail. */
export interface CompiledEdition {
  subject: string;
  head: string;
  sections: Map<string, string>;
  tail: string;
}

export interface DigestView {
  content: EditionContent;
  locale: Locale;
  topicKeys: string[];
  topics: readonly TopicConfig[];
  publicUrl: string;
}

/** The topics (in config order) of a subscriber that have stories in the edition. */
export function selectDigestTopics(subscriberTopics: readonly string[], stories: readonly EditionStory[], topics: readonly TopicConfig[]): string[] {
  const withStories = new Set(stories.map((s) => s.topicKey));
  return topics.map((t) => t.key).filter((key) => subscriberTopics.includes(key) && withStories.has(key));
}

/** The MJML source of one digest (with link placeholders). */
export function buildDigestMjml(view: DigestView): string {
  const { locale } = view;
  const marker = (key: string) => `    <mj-raw><!-- ${SECTION_MARK}:${key} --></mj-raw>`;
  const sections = [...view.topicKeys.map((key) => `${marker(key)}\n${buildSectionMjml(view, key)}`), marker('end')].join('\n');
  return renderTemplate('email/digest.mjml', {
    lang: locale,
    subject: buildDigestSubject(view),
    preview: translate(locale, 'digest.dates', readDates(view)),
    heading: translate(locale, 'digest.heading', { week: view.content.edition.week }),
    dates: translate(locale, 'digest.dates', readDates(view)),
    sections,
    footer: translate(locale, 'digest.footer'),
    webUrl: buildArchiveUrl(view.publicUrl, view.content.edition.week, locale),
    webLabel: translate(locale, 'digest.webVersion'),
    preferencesUrl: PREFERENCES_PLACEHOLDER,
    preferencesLabel: translate(locale, 'digest.preferences'),
    unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
    unsubscribeLabel: translate(locale, 'digest.unsubscribe'),
  });
}

/** The plain-text part (with link placeholders). */
export function buildDigestText(view: DigestView): string {
  const { locale } = view;
  const lines = [translate(locale, 'digest.heading', { week: view.content.edition.week }), translate(locale, 'digest.dates', readDates(view)), ''];
  for (const key of view.topicKeys) {
    const name = readTopicName(view, key);
    lines.push(name, '='.repeat(name.length), '');
    for (const story of readTopicStories(view, key)) {
      const badge = story.isUpdate ? `[${translate(locale, 'story.updated')}] ` : '';
      lines.push(`* ${badge}${story.title}`);
      if (isSafeHttpUrl(story.url)) lines.push(`  ${story.url}`);
      lines.push(`  ${translate(locale, 'story.outlets', { outlets: story.outlets.map((o) => o.name).join(', ') })}`);
      if (story.summary) lines.push(`  ${story.summary}`);
      lines.push('');
    }
  }
  lines.push('--', translate(locale, 'digest.footer'));
  lines.push(`${translate(locale, 'digest.webVersion')}: ${buildArchiveUrl(view.publicUrl, view.content.edition.week, locale)}`);
  lines.push(`${translate(locale, 'digest.preferences')}: ${PREFERENCES_PLACEHOLDER}`);
  lines.push(`${translate(locale, 'digest.unsubscribe')}: ${UNSUBSCRIBE_PLACEHOLDER}`);
  return `${lines.join('\n')}\n`;
}

/** The subject line. */
export function buildDigestSubject(view: Pick<DigestView, 'content' | 'locale'>): string {
  return translate(view.locale, 'digest.subject', { week: view.content.edition.week, ...readDates(view) });
}

/** Compiles every topic section of an edition in one locale (MJML 5 is async; no minify: slow, breaks Outlook comments). */
export async function compileEdition(view: Omit<DigestView, 'topicKeys'>): Promise<CompiledEdition> {
  const withStories = new Set(view.content.stories.map((s) => s.topicKey));
  const topicKeys = view.topics.map((t) => t.key).filter((key) => withStories.has(key));
  const html = collapseIndentation(await compileMjml(buildDigestMjml({ ...view, topicKeys })));
  const pieces = html.split(SECTION_PATTERN);
  // split() with one capture group: [head, key1, block1, key2, block2, ..., 'end', tail]
  const sections = new Map<string, string>();
  for (let i = 1; i < pieces.length - 2; i += 2) sections.set(pieces[i]!, pieces[i + 1]!);
  if (pieces[pieces.length - 2] !== 'end') throw new BantinError('digest', 'mjml', 'digest template lost its section markers');
  return { subject: buildDigestSubject(view), head: pieces[0]!, sections, tail: pieces[pieces.length - 1]! };
}

/** The digest for one topic set, put together from a compiled edition (no MJML work). */
export function assembleDigest(edition: CompiledEdition, view: DigestView): CompiledDigest {
  const blocks = view.topicKeys.map((key) => edition.sections.get(key) ?? '');
  return { subject: edition.subject, html: `${edition.head}${blocks.join('')}${edition.tail}`, text: buildDigestText(view) };
}

/** Compiles one digest directly (previews): same output as assembling from the compiled edition. */
export async function compileDigest(view: DigestView): Promise<CompiledDigest> {
  return assembleDigest(await compileEdition(view), view);
}

/** Compiles MJML with no web fonts (no assets from other hosts); throws on any validation error. */
export async function compileMjml(source: string): Promise<string> {
  const result = await mjml2html(source, { validationLevel: 'strict', fonts: {}, keepComments: true });
  if (result.errors.length > 0) {
    throw new BantinError('digest', 'mjml', `MJML template error: ${result.errors[0]!.formattedMessage}`);
  }
  return result.html;
}

/**
 * Drops MJML's indentation (a third of its output, sent 10,000 times). Safe because a run of whitespace renders as
 * one space anyway and the templates have no <pre>; not a minifier (MJML's own minify is slow and is not used).
 */
export function collapseIndentation(html: string): string {
  return html.replace(/\n[ \t]+/g, '\n').replace(/\n{2,}/g, '\n');
}

/** Puts one recipient's links into a compiled digest (URLs are escaped for HTML; the text part gets them as is). */
export function personalizeDigest(compiled: CompiledDigest, links: RecipientLinks): { html: string; text: string } {
  return {
    html: compiled.html
      .replaceAll(PREFERENCES_PLACEHOLDER, escapeHtml(links.preferencesUrl))
      .replaceAll(UNSUBSCRIBE_PLACEHOLDER, escapeHtml(links.unsubscribeUrl)),
    text: compiled.text.replaceAll(PREFERENCES_PLACEHOLDER, links.preferencesUrl).replaceAll(UNSUBSCRIBE_PLACEHOLDER, links.unsubscribeUrl),
  };
}

/** `/archive/2026-W48?lang=en` on the public URL. */
export function buildArchiveUrl(publicUrl: string, week: string, locale: Locale): string {
  return `${publicUrl}/archive/${week}?lang=${locale}`;
}

function buildSectionMjml(view: DigestView, key: string): string {
  const stories = readTopicStories(view, key)
    .map((story) =>
      renderTemplate('email/digest-story.mjml', {
        badge: story.isUpdate ? `<span style="color:#b45309">[${escapeHtml(translate(view.locale, 'story.updated'))}]</span> ` : '',
        url: isSafeHttpUrl(story.url) ? story.url : buildArchiveUrl(view.publicUrl, view.content.edition.week, view.locale),
        title: story.title,
        outlets: translate(view.locale, 'story.outlets', { outlets: story.outlets.map((o) => o.name).join(', ') }),
        summary: story.summary,
      }),
    )
    .join('\n');
  return renderTemplate('email/digest-section.mjml', { topicName: readTopicName(view, key), stories });
}

function readTopicStories(view: DigestView, key: string): EditionStory[] {
  return view.content.stories.filter((s) => s.topicKey === key).sort((a, b) => a.rank - b.rank);
}

function readTopicName(view: Pick<DigestView, 'topics' | 'locale'>, key: string): string {
  return view.topics.find((t) => t.key === key)?.name[view.locale] ?? key;
}

function readDates(view: Pick<DigestView, 'content' | 'locale'>): { from: string; to: string } {
  const { edition } = view.content;
  const lastDay = new Date(edition.to.getTime() - 1);
  return { from: formatDate(view.locale, edition.from, edition.timezone), to: formatDate(view.locale, lastDay, edition.timezone) };
}
