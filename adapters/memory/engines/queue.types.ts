import type { Message, MessageAttributeValue, SendMessageBatchResult } from '@aws-sdk/client-sqs';
import type { Result } from 'neverthrow';

/** SQS error codes, as the service names them; `message` mirrors the service's text where known. */
export type QueueErrorKind =
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'InvalidMessageContents'
  | 'ReceiptHandleIsInvalid'
  | 'MessageNotInflight'
  | 'EmptyBatchRequest'
  | 'TooManyEntriesInBatchRequest'
  | 'BatchEntryIdsNotDistinct'
  | 'InvalidBatchEntryId'
  | 'BatchRequestTooLong'
  | 'UnsupportedOperation'
  | 'MoveTaskAlreadyRunning';
export type QueueError = { kind: QueueErrorKind; message: string };

export type SendMessageInput = {
  body: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
  delaySeconds?: number;
};
export type SendMessageBatchEntry = SendMessageInput & { id: string };
export type SendMessageOutput = { MessageId: string; MD5OfMessageBody: string; MD5OfMessageAttributes?: string };

export type ReceiveMessagesInput = { maxNumberOfMessages?: number; visibilityTimeout?: number };

/** Why and from where a message reached a dead-letter queue (SQS itself only keeps the source ARN). */
export type DeadLetterRecord = {
  sourceQueue: string;
  sourceQueueArn: string;
  reason: 'maxReceiveCountExceeded';
  receiveCount: number;
  movedAt: number;
  lastError?: string;
};

export type MessageState = 'visible' | 'inFlight' | 'delayed';
export type QueueMessageView = {
  messageId: string;
  body: string;
  state: MessageState;
  receiveCount: number;
  deadLetter?: DeadLetterRecord;
};

export type QueueCounts = { visible: number; inFlight: number; delayed: number };
export type QueueStats = {
  sent: number;
  received: number;
  deleted: number;
  staleDeletes: number;
  movedToDeadLetter: number;
  expired: number;
};

export type MoveTaskStatus = {
  status: 'RUNNING' | 'COMPLETED' | 'CANCELLED';
  approximateNumberOfMessagesMoved: number;
  approximateNumberOfMessagesToMove: number;
};
export type MoveTask = {
  taskHandle: string;
  status: () => MoveTaskStatus;
  cancel: () => void;
  /** Resolves when every message counted at the start was moved (or the task was cancelled). */
  done: Promise<MoveTaskStatus>;
};
export type StartMoveTaskInput = { destination?: MemoryQueue; maxNumberOfMessagesPerSecond?: number };

export type MemoryQueue = {
  name: string;
  arn: string;
  url: string;
  sendMessage: (input: SendMessageInput) => Result<SendMessageOutput, QueueError>;
  sendMessageBatch: (entries: readonly SendMessageBatchEntry[]) => Result<SendMessageBatchResult, QueueError>;
  receiveMessages: (input?: ReceiveMessagesInput) => Result<Message[], QueueError>;
  /** SQS semantics: an outdated handle "succeeds" without deleting; `deleted` says what happened. */
  deleteMessage: (receiptHandle: string) => Result<{ deleted: boolean }, QueueError>;
  changeMessageVisibility: (receiptHandle: string, visibilityTimeoutSeconds: number) => Result<void, QueueError>;
  /** Remembers a consumer's failure on the message so a later dead-letter record can say why. */
  noteFailure: (receiptHandle: string, error: string) => void;
  /** Moves this dead-letter queue's messages back to their source queue (or `destination`). */
  startMessageMoveTask: (input?: StartMoveTaskInput) => Result<MoveTask, QueueError>;
  approximateNumberOfMessages: () => number;
  counts: () => QueueCounts;
  stats: () => QueueStats;
  messages: () => QueueMessageView[];
  /** Earliest future time a delayed or in-flight message becomes receivable; undefined if none. */
  nextVisibleAt: () => number | undefined;
  /** Called whenever a message enters the queue or is made visible early; returns an unsubscribe. */
  onAvailable: (listener: () => void) => () => void;
};
