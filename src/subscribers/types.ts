// Subscriber domain types shared by the service, the pages and the digest sender.
import type { SubscriberStatus } from '../db/schema-digest.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Subscriber {
  id: number;
  email: string;
  locale: Locale;
  topics: string[];
  status: SubscriberStatus;
  manageNonce: string;
  confirmExpiresAt: Date | null;
  confirmSentAt: Date | null;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  createdAt: Date;
}

/** True for a supported locale code. */
export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}
