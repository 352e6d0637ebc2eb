import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { EventBridgeEvent } from 'aws-lambda';
import type { Result } from 'neverthrow';

/** The event as EventBridge hands it to targets (`detail` is the parsed Detail object). */
export type BusEvent = EventBridgeEvent<string, unknown>;

/** Structural view of the pattern compiler (adapters/eventbridge/patterns): rule name → pattern. */
export type CompiledRules = { matchingRules: (event: unknown) => string[] };
export type RuleCompiler = (rules: Record<string, unknown>) => Result<CompiledRules, { message: string }>;

export type RetryPolicy = { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
export type ExhaustedRetryCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

/** What a target's dead-letter queue receives: the event plus EventBridge's failure attributes. */
export type DeadLetterMessage = {
  event: BusEvent;
  errorCode: string;
  errorMessage: string;
  ruleName: string;
  targetId: string;
  /** Invocation attempts made, the first one included. */
  attempts: number;
  /** Absent when the error was not retryable (sent to the DLQ without retrying, as EventBridge does). */
  exhaustedRetryCondition?: ExhaustedRetryCondition;
};

export type BusTarget = {
  id: string;
  /** Delivers the (transformed) event; a rejection is a failed delivery, retried per the retry policy. */
  invoke: (input: unknown) => Promise<void>;
  inputTransform?: (event: BusEvent) => unknown;
  retryPolicy?: RetryPolicy;
  deadLetter?: (message: DeadLetterMessage) => Promise<void> | void;
};

export type BusRule = {
  name: string;
  /** Raw EventBridge pattern JSON, as PutRule takes it. */
  pattern: Record<string, unknown>;
  targets: readonly BusTarget[];
  state?: 'ENABLED' | 'DISABLED';
};

export type BusErrorKind =
  | 'ValidationException'
  | 'InvalidEventPatternException'
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'LimitExceededException';
export type BusError = { kind: BusErrorKind; message: string };

/** PutEvents' response shape (PutEventsResponse), entries in request order. */
export type PutEventsOutput = { FailedEntryCount: number; Entries: PutEventsResultEntry[] };

export type BusStats = {
  /** Entries accepted by PutEvents (each became an event). */
  eventsAccepted: number;
  failedEntries: number;
  /** (event, target) deliveries started: for each matching rule, one per target. */
  matched: number;
  delivered: number;
  /** Retry attempts scheduled after a failed invocation. */
  retried: number;
  deadLettered: number;
  /** Deliveries given up without a dead-letter queue (or whose dead-letter send failed). */
  dropped: number;
};

export type DroppedDelivery = Omit<DeadLetterMessage, 'event'> & {
  event: BusEvent;
  reason: 'NoDeadLetterQueue' | 'DeadLetterFailed';
};

export type ArchiveOptions = { name: string; eventPattern?: Record<string, unknown>; retentionDays?: number };
export type ArchivedEvent = { event: BusEvent; archivedAt: number };
export type Archive = { name: string; events: () => readonly ArchivedEvent[] };

export type ReplayOptions = {
  name: string;
  archive: string;
  /** Window on the archive time, start inclusive, end exclusive (epoch ms or Date). */
  from: number | Date;
  to: number | Date;
  /** Only these rules receive the replayed events (EventBridge's Destination.FilterArns). */
  rules?: readonly string[];
};
export type ReplayReport = { name: string; state: 'COMPLETED' | 'CANCELLED'; eventsReplayed: number };
export type Replay = {
  name: string;
  state: () => 'RUNNING' | 'COMPLETED' | 'CANCELLED';
  cancel: () => void;
  /** Resolves once every event of the window was sent to the rules (deliveries may still be retrying). */
  done: Promise<ReplayReport>;
};

export type MemoryEventBus = {
  name: string;
  arn: string;
  putEvents: (entries: readonly PutEventsRequestEntry[]) => Result<PutEventsOutput, BusError>;
  /** Creates or replaces a rule (PutRule + PutTargets); the whole rule set is recompiled. */
  putRule: (rule: BusRule) => Result<void, BusError>;
  removeRule: (name: string) => Result<void, BusError>;
  ruleNames: () => string[];
  createArchive: (options: ArchiveOptions) => Result<Archive, BusError>;
  startReplay: (options: ReplayOptions) => Result<Replay, BusError>;
  stats: () => BusStats;
  dropped: () => readonly DroppedDelivery[];
};
