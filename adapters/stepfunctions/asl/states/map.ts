import { ok } from 'neverthrow';
import { errorOutput, type Failure, failure, States } from '../errors.ts';
import type { CancelScope } from '../runtime/cancel.ts';
import type { BranchOutcome } from '../runtime/exec.ts';
import { fanOut } from '../runtime/fan-out.ts';
import { processResult } from '../runtime/result-output.ts';
import { withRetryAndCatch } from '../runtime/retry-catch-loop.ts';
import {
  applyTemplate,
  evalJsonata,
  failed,
  runtimeFailure,
  type StateCtx,
  type StepResult,
  selectPath,
} from '../runtime/state-io.ts';
import { childScope } from '../runtime/variables.ts';
import type { Json, SubMachine } from '../types.ts';
import { exceedsTolerance, type MapConfig, mapConfig } from './map-config.ts';

// Map: runs the ItemProcessor (or legacy Iterator) once per item, ItemSelector (or legacy
// Parameters) shaping each iteration's input with $$.Map.Item.Index/Value. The result is the
// array of iteration outputs in item order. Inline: the first failing iteration fails the state.
// Distributed (ProcessorConfig.Mode DISTRIBUTED, items from the input): failures up to the
// ToleratedFailureCount/Percentage are kept as `{ Error, Cause }` in the result array.

const UNSUPPORTED = ['ItemReader', 'ItemBatcher', 'ResultWriter'] as const;

const failureDetails = (f: Failure) =>
  f.cause === undefined ? { error: f.error } : { error: f.error, cause: f.cause };

const iterationInput = async (ctx: StateCtx, effective: Json, index: number, value: Json) => {
  const selector = ctx.def.ItemSelector ?? ctx.def.Parameters;
  const mapItem = { Index: index, Value: value };
  if (selector === undefined) return ok<Json, Failure>(value);
  return ctx.ql === 'JSONata'
    ? evalJsonata(ctx, selector, 'ItemSelector', { input: ctx.rawInput }, { mapItem })
    : applyTemplate(ctx, selector, effective, { mapItem });
};

const runIteration = async (
  ctx: StateCtx,
  config: MapConfig,
  effective: Json,
  index: number,
  group: CancelScope,
  mapStarted: number,
): Promise<BranchOutcome> => {
  const { exec, frame, def } = ctx;
  const processor = (def.ItemProcessor ?? def.Iterator) as SubMachine;
  const distributed = processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
  const input = await iterationInput(ctx, effective, index, config.items[index] as Json);
  if (input.isErr()) return { kind: 'failed', failure: input.error };
  // Each iteration's events chain from MapStateStarted through its own states.
  const iteration = { ...frame, thread: { last: mapStarted } };
  if (exec.emit(iteration, 'MapIterationStarted', { name: ctx.name, index }) === undefined)
    return { kind: 'cancelled' };
  const cancel = group.child();
  const outcome = await exec.runBranch(
    {
      states: processor.States,
      startAt: processor.StartAt,
      scope: childScope(distributed ? undefined : frame.scope),
      cancel,
      thread: iteration.thread,
    },
    input.value,
  );
  cancel.detach();
  if (outcome.kind === 'succeeded') exec.emit(iteration, 'MapIterationSucceeded', { name: ctx.name, index });
  else if (outcome.kind === 'failed')
    exec.emit(iteration, 'MapIterationFailed', { name: ctx.name, index, ...failureDetails(outcome.failure) });
  else exec.emit(iteration, 'MapIterationAborted', { name: ctx.name, index });
  return outcome;
};

const attempt = async (ctx: StateCtx, effective: Json): Promise<StepResult> => {
  const { exec, frame, def } = ctx;
  const config = await mapConfig(ctx, effective);
  if (config.isErr()) return failed(config.error);
  const distributed = (def.ItemProcessor ?? def.Iterator)?.ProcessorConfig?.Mode === 'DISTRIBUTED';
  const started = exec.emit(frame, 'MapStateStarted', { length: config.value.items.length });
  if (started === undefined) return { kind: 'cancelled' };
  let failures = 0;
  const { outcomes, stoppedBy } = await fanOut(
    ctx,
    config.value.items.length,
    config.value.maxConcurrency,
    (i, group) => runIteration(ctx, config.value, effective, i, group, started),
    (o) => o.kind === 'failed' && (!distributed || exceedsTolerance(config.value, ++failures)),
  );
  const stop = stoppedBy === undefined ? undefined : outcomes[stoppedBy];
  if (stop?.kind === 'failed') {
    const f = distributed
      ? failure(
          States.ExceedToleratedFailureThreshold,
          `The number of failed items in Map state '${ctx.name}' exceeded the tolerated failure threshold.`,
        )
      : stop.failure;
    exec.emit(frame, 'MapStateFailed', failureDetails(f));
    return failed(f);
  }
  if (outcomes.some((o) => o === undefined || o.kind === 'cancelled')) return { kind: 'cancelled' };
  exec.emit(frame, 'MapStateSucceeded');
  const results = outcomes.map(
    (o): Json => (o?.kind === 'succeeded' ? o.output : o?.kind === 'failed' ? errorOutput(o.failure) : null),
  );
  return processResult(ctx, results);
};

export const runMap = async (ctx: StateCtx): Promise<StepResult> => {
  const unsupported = UNSUPPORTED.find((f) => ctx.def[f as keyof typeof ctx.def] !== undefined);
  if (unsupported !== undefined)
    return failed(runtimeFailure(ctx, `${unsupported} is not supported by the local interpreter`));
  const effective =
    ctx.ql === 'JSONata' ? ok<Json, Failure>(ctx.rawInput) : selectPath(ctx, ctx.def.InputPath, ctx.rawInput);
  if (effective.isErr()) return failed(effective.error);
  return withRetryAndCatch(ctx, () => attempt(ctx, effective.value));
};
