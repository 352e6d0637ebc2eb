import { randomUUID } from 'node:crypto';
import type { PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { err, ok, type Result } from 'neverthrow';
import { createArchives } from './event-bus.archive.ts';
import { type Backoff, createDelivery, DEFAULT_BACKOFF } from './event-bus.delivery.ts';
import { checkEntry, entrySize, MAX_ENTRIES, MAX_REQUEST_BYTES, toBusEvent } from './event-bus.entries.ts';
import type {
  BusError,
  BusEvent,
  BusRule,
  BusStats,
  CompiledRules,
  DroppedDelivery,
  MemoryEventBus,
  RuleCompiler,
} from './event-bus.types.ts';
import type { Scheduler } from './scheduler.ts';

export type EventBusOptions = {
  name: string;
  compile: RuleCompiler;
  scheduler: Scheduler;
  rules?: readonly BusRule[];
  region?: string;
  accountId?: string;
  /** Jitter source for retry delays; pass a seeded one for reproducible runs. */
  random?: () => number;
  backoff?: Partial<Backoff>;
};

const MAX_TARGETS_PER_RULE = 5;
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

const ruleProblem = (rule: BusRule): BusError | undefined => {
  if (!RULE_NAME.test(rule.name))
    return { kind: 'ValidationException', message: `Rule name '${rule.name}' is not valid.` };
  if (rule.targets.length > MAX_TARGETS_PER_RULE)
    return {
      kind: 'LimitExceededException',
      message: `Rule ${rule.name} has more than ${MAX_TARGETS_PER_RULE} targets.`,
    };
  if (new Set(rule.targets.map((t) => t.id)).size !== rule.targets.length)
    return { kind: 'ValidationException', message: `Rule ${rule.name} has duplicate target ids.` };
  return undefined;
};

/** An in-process EventBridge bus: PutEvents validation, rule routing, retries, DLQs, archive and replay. */
export const createMemoryEventBus = (options: EventBusOptions): Result<MemoryEventBus, BusError> => {
  const { name, compile, scheduler } = options;
  const region = options.region ?? 'us-east-1';
  const account = options.accountId ?? '123456789012';
  const arn = `arn:aws:events:${region}:${account}:event-bus/${name}`;
  const stats: BusStats = {
    eventsAccepted: 0,
    failedEntries: 0,
    matched: 0,
    delivered: 0,
    retried: 0,
    deadLettered: 0,
    dropped: 0,
  };
  const dropped: DroppedDelivery[] = [];
  const rules = new Map<string, BusRule>();
  let compiled: CompiledRules = { matchingRules: () => [] };

  const deliver = createDelivery({
    scheduler,
    stats,
    dropped,
    random: options.random ?? Math.random,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
  });
  const archives = createArchives({ compile, scheduler });

  const install = (next: Map<string, BusRule>): Result<void, BusError> => {
    const result = compile(Object.fromEntries([...next.values()].map((r) => [r.name, r.pattern])));
    if (result.isErr()) return err({ kind: 'InvalidEventPatternException', message: result.error.message });
    compiled = result.value;
    rules.clear();
    for (const [k, v] of next) rules.set(k, v);
    return ok(undefined);
  };

  const route = (event: BusEvent, onlyRules?: ReadonlySet<string>) => {
    for (const ruleName of compiled.matchingRules(event)) {
      const rule = rules.get(ruleName);
      if (!rule || rule.state === 'DISABLED' || (onlyRules && !onlyRules.has(ruleName))) continue;
      for (const target of rule.targets) deliver(event, ruleName, target);
    }
  };

  const putRule = (rule: BusRule): Result<void, BusError> => {
    const problem = ruleProblem(rule);
    if (problem) return err(problem);
    return install(new Map([...rules, [rule.name, rule]]));
  };

  const initial = new Map<string, BusRule>();
  for (const rule of options.rules ?? []) {
    const problem = ruleProblem(rule);
    if (problem) return err(problem);
    initial.set(rule.name, rule);
  }
  const installed = install(initial);
  if (installed.isErr()) return err(installed.error);

  const bus: MemoryEventBus = {
    name,
    arn,
    putEvents: (entries) => {
      if (entries.length < 1 || entries.length > MAX_ENTRIES)
        return err({
          kind: 'ValidationException',
          message: `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
        });
      const total = entries.reduce((sum, e) => sum + entrySize(e), 0);
      if (total > MAX_REQUEST_BYTES)
        return err({
          kind: 'ValidationException',
          message: 'Total size of the entries in the request is over the limit.',
        });
      const results: PutEventsResultEntry[] = entries.map((entry) => {
        const checked = checkEntry(entry, { name, arn });
        if ('failure' in checked) {
          stats.failedEntries++;
          return checked.failure;
        }
        const event = toBusEvent(entry, checked.detail, { id: randomUUID(), account, region, now: scheduler.now() });
        stats.eventsAccepted++;
        archives.record(event);
        route(event);
        return { EventId: event.id };
      });
      return ok({ FailedEntryCount: results.filter((r) => r.ErrorCode !== undefined).length, Entries: results });
    },
    putRule,
    removeRule: (ruleName) => {
      if (!rules.has(ruleName))
        return err({ kind: 'ResourceNotFoundException', message: `Rule ${ruleName} does not exist.` });
      const next = new Map(rules);
      next.delete(ruleName);
      return install(next);
    },
    ruleNames: () => [...rules.keys()],
    createArchive: archives.create,
    startReplay: (replay) => archives.startReplay(replay, new Set(rules.keys()), route),
    stats: () => ({ ...stats }),
    dropped: () => dropped,
  };
  return ok(bus);
};
