// What the digest and the subscription pages hand to a transport.

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Angle-bracketed, e.g. `<bantin.2026-W48.42.x@example.org>`. */
  messageId: string;
  /** Extra headers (List-Unsubscribe, List-Id, ...); values must already be single-line. */
  headers: Record<string, string>;
}

export interface SendResult {
  /** The SMTP server's acceptance line, or the outbox file name. */
  response: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): Promise<void>;
}

/** How a failed send should be treated. */
export type SendFailureKind = 'transient' | 'permanent' | 'unavailable';
