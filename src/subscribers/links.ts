// The links in emails and pages that carry a subscriber's tokens.
import { signManageToken } from './tokens.js';

/** `${publicUrl}/confirm?token=…` */
export function buildConfirmUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/confirm?token=${encodeURIComponent(token)}`;
}

/** The preferences and unsubscribe links of one subscriber, plus the token they carry. */
export function buildManageLinks(publicUrl: string, secret: string, subscriber: { id: number; manageNonce: string }): { token: string; preferencesUrl: string; unsubscribeUrl: string } {
  const token = signManageToken(secret, subscriber.id, subscriber.manageNonce);
  return {
    token,
    preferencesUrl: `${publicUrl}/preferences?token=${encodeURIComponent(token)}`,
    unsubscribeUrl: `${publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`,
  };
}
