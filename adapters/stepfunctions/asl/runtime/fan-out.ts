import type { CancelScope } from './cancel.ts';
import type { BranchOutcome } from './exec.ts';
import type { StateCtx } from './state-io.ts';

export type FanOutResult = { outcomes: (BranchOutcome | undefined)[]; stoppedBy: number | undefined };

/**
 * Runs `count` jobs with at most `limit` in flight (0 = no limit), in index order. When `stopOn`
 * says an outcome must stop the whole state, the other jobs are cancelled and no new ones start.
 */
export const fanOut = async (
  ctx: StateCtx,
  count: number,
  limit: number,
  run: (index: number, group: CancelScope) => Promise<BranchOutcome>,
  stopOn: (outcome: BranchOutcome, index: number) => boolean,
): Promise<FanOutResult> => {
  const group = ctx.frame.cancel.child();
  const outcomes: (BranchOutcome | undefined)[] = new Array(count).fill(undefined);
  let next = 0;
  let stoppedBy: number | undefined;
  const worker = async (): Promise<void> => {
    while (stoppedBy === undefined && !group.isCancelled() && next < count) {
      const index = next++;
      const outcome = await run(index, group);
      outcomes[index] = outcome;
      if (stoppedBy === undefined && stopOn(outcome, index)) {
        stoppedBy = index;
        group.cancel();
      }
    }
  };
  const workers = Math.min(limit > 0 ? limit : count, count);
  await Promise.all(Array.from({ length: workers }, worker));
  group.detach();
  // Later events of this state follow the most recent event of any branch.
  ctx.frame.thread.last = Math.max(ctx.frame.thread.last, ctx.exec.history.size());
  return { outcomes, stoppedBy };
};
