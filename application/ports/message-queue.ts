import type { ResultAsync } from 'neverthrow';
import type { Unavailable } from '../errors.ts';

export type OutgoingMessage = Readonly<{
  /** Names the message in a failure report; defaults to its position in the call. */
  id?: string;
  /** Sent as JSON. */
  body: unknown;
  correlationId: string;
  causationId: string;
  /** Extra string attributes; correlationId and causationId are always sent as attributes too. */
  attributes?: Readonly<Record<string, string>>;
}>;

export type UnsentMessage = Readonly<{ id: string; code: string; message: string; retryable: boolean }>;

/** Some messages were not sent, after retries; the others were. Still an Unavailable for callers that only retry. */
export type MessagesNotSent = Unavailable & Readonly<{ unsent: readonly UnsentMessage[] }>;

/** A work queue: messages go out in batches; a message is sent at least once or reported as unsent. */
export type MessageQueue = Readonly<{
  sendBatch: (messages: readonly OutgoingMessage[]) => ResultAsync<void, MessagesNotSent>;
}>;
