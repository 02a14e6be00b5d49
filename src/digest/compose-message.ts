// One recipient's digest message: the cached compiled digest plus their links and headers.
import { buildListHeaders, readBareAddress, readMailHost } from '../mail/headers.js';
import type { OutgoingMessage } from '../mail/types.js';
import { buildManageLinks } from '../subscribers/links.js';
import { personalizeDigest, type CompiledDigest } from './render-digest.js';

export interface ComposeSettings {
  publicUrl: string;
  secret: string;
  fromAddress: string;
  /** Where `mailto:` unsubscribe requests go; the From address when unset. */
  adminEmail: string | null;
}

/** Builds the outgoing message for one subscriber from a compiled digest. */
export function composeDigestMessage(
  compiled: CompiledDigest,
  recipient: { subscriberId: number; email: string; manageNonce: string; messageId: string },
  settings: ComposeSettings,
): OutgoingMessage {
  const links = buildManageLinks(settings.publicUrl, settings.secret, { id: recipient.subscriberId, manageNonce: recipient.manageNonce });
  const body = personalizeDigest(compiled, links);
  const headers = buildListHeaders({
    unsubscribeUrl: links.unsubscribeUrl,
    mailto: settings.adminEmail ?? readBareAddress(settings.fromAddress),
    host: readMailHost(settings.publicUrl),
    token: links.token,
  });
  return { from: settings.fromAddress, to: recipient.email, subject: compiled.subject, html: body.html, text: body.text, messageId: recipient.messageId, headers };
}
