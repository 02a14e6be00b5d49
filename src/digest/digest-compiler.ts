// The compile cache: one MJML compilation per (edition, locale), shared by every worker; each topic set's digest
// is then assembled from it once and cached too.
import type { TopicConfig } from '../config/schema.js';
import type { Locale } from '../subscribers/types.js';
import { assembleDigest, compileEdition, type CompiledDigest, type CompiledEdition } from './render-digest.js';
import type { EditionContent } from './types.js';

export interface DigestCompiler {
  /** The digest for this locale and topic set (compiled or assembled on first use, then cached). */
  compile(content: EditionContent, locale: Locale, topicKeys: readonly string[]): Promise<CompiledDigest>;
  /** How many MJML compilations ran. */
  readonly compileCount: number;
}

/** Creates a compiler with an empty cache. */
export function createDigestCompiler(options: { topics: readonly TopicConfig[]; publicUrl: string }): DigestCompiler {
  const editions = new Map<string, Promise<CompiledEdition>>();
  const digests = new Map<string, Promise<CompiledDigest>>();
  let compileCount = 0;
  const compileOnce = (content: EditionContent, locale: Locale): Promise<CompiledEdition> => {
    const key = `${content.edition.id}|${locale}`;
    let compiled = editions.get(key);
    if (!compiled) {
      compileCount += 1;
      // The promise is cached, so concurrent workers wait for one compilation instead of starting their own.
      compiled = compileEdition({ content, locale, topics: options.topics, publicUrl: options.publicUrl });
      compiled.catch(() => editions.delete(key));
      editions.set(key, compiled);
    }
    return compiled;
  };
  return {
    compile(content, locale, topicKeys) {
      const ordered = options.topics.map((t) => t.key).filter((key) => topicKeys.includes(key));
      const key = `${content.edition.id}|${locale}|${ordered.join(',')}`;
      let digest = digests.get(key);
      if (!digest) {
        const view = { content, locale, topicKeys: ordered, topics: options.topics, publicUrl: options.publicUrl };
        digest = compileOnce(content, locale).then((edition) => assembleDigest(edition, view));
        digest.catch(() => digests.delete(key));
        digests.set(key, digest);
      }
      return digest;
    },
    get compileCount() {
      return compileCount;
    },
  };
}
