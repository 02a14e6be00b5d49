// `bantin sources discover URL`: prints a ready config entry for each feed a page announces, or an HTML source entry.
import { describeError } from '../errors.js';
import { decodeBody } from '../ingest/decode.js';
import { buildSourceEntries, discoverPage, formatSourceEntries } from '../ingest/html/discover.js';
import type { Fetcher } from '../ingest/types.js';

export interface DiscoverDeps {
  fetcher: Fetcher;
  write(line: string): void;
}

/** Fetches the page at `url` and prints config entries; returns the exit code (1 when the page cannot be read). */
export async function runDiscover(url: string, deps: DiscoverDeps): Promise<number> {
  let discovery;
  try {
    // The admin named this URL on the command line, so an intranet address is what they meant.
    const response = await deps.fetcher.fetch({ url, allowPrivateNetwork: true });
    if (response.kind !== 'ok') throw new Error(`unexpected ${response.status} for ${url}`);
    const { text } = decodeBody(response.body, response.contentType, { html: true });
    discovery = discoverPage(text, response.finalUrl);
  } catch (error) {
    deps.write(`error: ${describeError(error).message}`);
    return 1;
  }
  if (discovery.feeds.length > 0) {
    deps.write(`# ${discovery.feeds.length} feed(s) announced by ${discovery.pageUrl}:`);
    for (const feed of discovery.feeds) deps.write(`#   ${feed.format.padEnd(4)} ${feed.url}${feed.title ? `  (${feed.title})` : ''}`);
  } else {
    const guess = discovery.linksSelector === null ? 'no repeated headline links found: set selectors.links by hand' : 'check the guessed selectors.links';
    deps.write(`# no feed announced by ${discovery.pageUrl}; an HTML source instead (${guess}):`);
  }
  deps.write(formatSourceEntries(buildSourceEntries(discovery)).trimEnd());
  return 0;
}
