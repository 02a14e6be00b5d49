// The compile cache: at most one MJML compilation per (edition, locale, topic set), shared by every worker.
import type { TopicConfig } from '../config/schema.js';
import type { Locale } from '../subscribers/types.js';
import { compileDigest, type CompiledDigest } from './render-digest.js';
import type { EditionContent } from './types.js';

export interface DigestCompiler {
  /** The compiled digest for this locale and topic set (compiled on first use, then cached). */
  compile(content: EditionContent, locale: Locale, topicKeys: readonly string[]): Promise<CompiledDigest>;
  /** How many MJML compilations ran. */
  readonly compileCount: number;
}

/** Creates a compiler with an empty cache. */
export function createDigestCompiler(options: { topics: readonly TopicConfig[]; publicUrl: string }): DigestCompiler {
  const cache = new Map<string, Promise<CompiledDigest>>();
  let compileCount = 0;
  return {
    compile(content, locale, topicKeys) {
      const key = `${content.edition.id}|${locale}|${[...topicKeys].sort().join(',')}`;
      let compiled = cache.get(key);
      if (!compiled) {
        compileCount += 1;
        // The promise is cached, so concurrent workers wait for one compilation instead of starting their own.
        compiled = compileDigest({ content, locale, topicKeys: [...topicKeys], topics: options.topics, publicUrl: options.publicUrl });
        compiled.catch(() => cache.delete(key));
        cache.set(key, compiled);
      }
      return compiled;
    },
    get compileCount() {
      return compileCount;
    },
  };
}
