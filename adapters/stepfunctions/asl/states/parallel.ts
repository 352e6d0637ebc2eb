import { ok } from 'neverthrow';
import type { Failure } from '../errors.ts';
import { fanOut } from '../runtime/fan-out.ts';
import { processResult } from '../runtime/result-output.ts';
import { withRetryAndCatch } from '../runtime/retry-catch-loop.ts';
import { applyTemplate, evalJsonata, failed, type StateCtx, type StepResult, selectPath } from '../runtime/state-io.ts';
import { childScope } from '../runtime/variables.ts';
import type { Json, SubMachine } from '../types.ts';

// Parallel: every branch gets the same effective input; the result is the array of branch outputs
// in branch order. The first branch to fail stops the others and fails the state with its error.

export const runParallel = async (ctx: StateCtx): Promise<StepResult> => {
  const { def, exec, frame } = ctx;
  const branches = def.Branches as SubMachine[];
  const effective =
    ctx.ql === 'JSONata' ? ok<Json, Failure>(ctx.rawInput) : selectPath(ctx, def.InputPath, ctx.rawInput);
  if (effective.isErr()) return failed(effective.error);
  return withRetryAndCatch(ctx, async () => {
    const args =
      ctx.ql === 'JSONata'
        ? def.Arguments === undefined
          ? ok<Json, Failure>(ctx.rawInput)
          : await evalJsonata(ctx, def.Arguments, 'Arguments', { input: ctx.rawInput })
        : applyTemplate(ctx, def.Parameters, effective.value);
    if (args.isErr()) return failed(args.error);
    const started = exec.emit(frame, 'ParallelStateStarted');
    if (started === undefined) return { kind: 'cancelled' };
    const { outcomes, stoppedBy } = await fanOut(
      ctx,
      branches.length,
      0,
      (i, group) => {
        const branch = branches[i] as SubMachine;
        return exec.runBranch(
          {
            states: branch.States,
            startAt: branch.StartAt,
            scope: childScope(frame.scope),
            cancel: group.child(),
            thread: { last: started },
          },
          args.value,
        );
      },
      (o) => o.kind === 'failed',
    );
    const stop = stoppedBy === undefined ? undefined : outcomes[stoppedBy];
    if (stop?.kind === 'failed') {
      exec.emit(
        frame,
        'ParallelStateFailed',
        stop.failure.cause === undefined
          ? { error: stop.failure.error }
          : { error: stop.failure.error, cause: stop.failure.cause },
      );
      return failed(stop.failure);
    }
    if (outcomes.some((o) => o?.kind !== 'succeeded')) return { kind: 'cancelled' };
    exec.emit(frame, 'ParallelStateSucceeded');
    return processResult(
      ctx,
      outcomes.map((o) => (o?.kind === 'succeeded' ? o.output : null)),
    );
  });
};
