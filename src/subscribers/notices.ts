// The two emails a subscription request can cause: "confirm your address" and "you are already subscribed"
// (sent instead of an error, so the page never reveals whether an address is known).
import { compileMjml } from '../digest/render-digest.js';
import { translate } from '../digest/i18n.js';
import { escapeHtml, renderTemplate } from '../digest/template.js';
import type { MailTransport, OutgoingMessage } from '../mail/types.js';
import type { Locale } from './types.js';

export type NoticeKind = 'confirm' | 'already';

export interface Notice {
  kind: NoticeKind;
  email: string;
  locale: Locale;
  /** The confirmation link or the preferences link. */
  actionUrl: string;
}

const ACTION_PLACEHOLDER = '%%bantin-action-url%%';
const compiled = new Map<string, Promise<string>>();

/** Builds the notice message; the MJML is compiled once per (kind, locale) and cached. */
export async function composeNotice(notice: Notice, fromAddress: string): Promise<OutgoingMessage> {
  const html = (await compileNotice(notice.kind, notice.locale)).replaceAll(ACTION_PLACEHOLDER, escapeHtml(notice.actionUrl));
  const t = (key: string) => translate(notice.locale, `mail.${notice.kind}.${key}`);
  return {
    from: fromAddress,
    to: notice.email,
    subject: t('subject'),
    html,
    text: `${t('body')}\n\n${t('button')}: ${notice.actionUrl}\n`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** Composes and sends a notice. */
export async function sendNotice(transport: MailTransport, notice: Notice, fromAddress: string): Promise<void> {
  const message = await composeNotice(notice, fromAddress);
  await transport.send(message);
}

function compileNotice(kind: NoticeKind, locale: Locale): Promise<string> {
  const key = `${kind}|${locale}`;
  let html = compiled.get(key);
  if (!html) {
    const t = (name: string) => translate(locale, `mail.${kind}.${name}`);
    html = compileMjml(
      renderTemplate('email/notice.mjml', { lang: locale, subject: t('subject'), body: t('body'), button: t('button'), actionUrl: ACTION_PLACEHOLDER }),
    );
    html.catch(() => compiled.delete(key));
    compiled.set(key, html);
  }
  return html;
}
