import { err, ok, type Result } from 'neverthrow';
import type {
  Archive,
  ArchivedEvent,
  ArchiveOptions,
  BusError,
  BusEvent,
  CompiledRules,
  Replay,
  ReplayOptions,
  ReplayReport,
  RuleCompiler,
} from './event-bus.types.ts';
import type { Scheduler } from './scheduler.ts';

type StoredArchive = { name: string; filter: CompiledRules | undefined; retentionMs: number; events: ArchivedEvent[] };
/** Sends one replayed event to the bus's rules (all of them, or only `onlyRules`). */
export type ReplayRoute = (event: BusEvent, onlyRules: ReadonlySet<string> | undefined) => void;

const DAY_MS = 86_400_000;
const REPLAY_CHUNK = 10;
const epoch = (t: number | Date) => (typeof t === 'number' ? t : t.getTime());

/**
 * Archives record every event the bus accepts (optionally only those matching the archive's pattern)
 * with the time it was archived. A replay re-sends a time window, in archive order, tagged with
 * `replay-name`; replayed events are not archived again.
 */
export const createArchives = ({ compile, scheduler }: { compile: RuleCompiler; scheduler: Scheduler }) => {
  const archives = new Map<string, StoredArchive>();
  const replays = new Set<string>();

  const purge = (a: StoredArchive) => {
    if (a.retentionMs === 0) return; // retention 0 = keep indefinitely
    const cutoff = scheduler.now() - a.retentionMs;
    while (a.events.length > 0 && a.events[0]!.archivedAt <= cutoff) a.events.shift();
  };

  const create = ({ name, eventPattern, retentionDays = 0 }: ArchiveOptions): Result<Archive, BusError> => {
    if (archives.has(name))
      return err({ kind: 'ResourceAlreadyExistsException', message: `Archive ${name} already exists.` });
    if (!(Number.isInteger(retentionDays) && retentionDays >= 0))
      return err({ kind: 'ValidationException', message: 'RetentionDays must be a non-negative integer.' });
    const filter = eventPattern === undefined ? ok(undefined) : compile({ [name]: eventPattern });
    if (filter.isErr()) return err({ kind: 'InvalidEventPatternException', message: filter.error.message });
    const stored: StoredArchive = { name, filter: filter.value, retentionMs: retentionDays * DAY_MS, events: [] };
    archives.set(name, stored);
    return ok({
      name,
      events: () => {
        purge(stored);
        return stored.events.map((e) => ({ ...e }));
      },
    });
  };

  const record = (event: BusEvent) => {
    if (event['replay-name'] !== undefined) return;
    for (const a of archives.values()) {
      if (a.filter && a.filter.matchingRules(event).length === 0) continue;
      a.events.push({ event: structuredClone(event), archivedAt: scheduler.now() });
    }
  };

  const startReplay = (
    { name, archive, from, to, rules }: ReplayOptions,
    knownRules: ReadonlySet<string>,
    route: ReplayRoute,
  ): Result<Replay, BusError> => {
    const source = archives.get(archive);
    if (!source) return err({ kind: 'ResourceNotFoundException', message: `Archive ${archive} does not exist.` });
    if (replays.has(name))
      return err({ kind: 'ResourceAlreadyExistsException', message: `Replay ${name} already exists.` });
    const [start, end] = [epoch(from), epoch(to)];
    if (!(start < end))
      return err({ kind: 'ValidationException', message: 'EventStartTime must be before EventEndTime.' });
    const unknown = (rules ?? []).find((r) => !knownRules.has(r));
    if (unknown !== undefined)
      return err({ kind: 'ResourceNotFoundException', message: `Rule ${unknown} does not exist.` });
    replays.add(name);
    purge(source);

    const pending = source.events.filter((e) => e.archivedAt >= start && e.archivedAt < end);
    const onlyRules = rules === undefined ? undefined : new Set(rules);
    let state: ReturnType<Replay['state']> = 'RUNNING';
    let eventsReplayed = 0;
    let resolveDone: (r: ReplayReport) => void = () => {};
    const done = new Promise<ReplayReport>((resolve) => {
      resolveDone = resolve;
    });
    const finish = (final: ReplayReport['state']) => {
      state = final;
      resolveDone({ name, state: final, eventsReplayed });
    };
    let cancelTick = () => {};
    const tick = () => {
      for (const { event } of pending.splice(0, REPLAY_CHUNK)) {
        route({ ...structuredClone(event), 'replay-name': name }, onlyRules);
        eventsReplayed++;
      }
      if (pending.length === 0) finish('COMPLETED');
      else cancelTick = scheduler.schedule(0, tick);
    };
    cancelTick = scheduler.schedule(0, tick);

    return ok({
      name,
      state: () => state,
      cancel: () => {
        if (state !== 'RUNNING') return;
        cancelTick();
        finish('CANCELLED');
      },
      done,
    });
  };

  return { create, record, startReplay };
};
