import { describe, expect, it } from 'vitest';
import { createVirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';
import { createInProcessSagaFlow } from '#adapters/memory/order-flow.saga.ts';
import { PENDING } from '#adapters/stepfunctions/asl/state-machines.ts';

const RESOURCE = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
// One task parked on a callback for up to an hour of real time (scale 1): the shape of the approval step.
const definition = {
  StartAt: 'WaitForApproval',
  States: {
    WaitForApproval: {
      Type: 'Task',
      Resource: RESOURCE,
      Parameters: { 'token.$': '$$.Task.Token' },
      TimeoutSeconds: 3_600,
      End: true,
    },
  },
};
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const placed = (orderId: string) => ({ data: { orderId }, correlationId: 'c-1', id: `evt-${orderId}` }) as never;

describe('the in-process saga flow at shutdown', () => {
  it('aborts parked executions and clears their timers, so a stopped system is not kept alive', async () => {
    const saga = createInProcessSagaFlow({
      definition,
      taskHandlers: { WaitForApproval: async () => PENDING },
      scheduler: createVirtualScheduler(0),
      waitTimeScale: 1,
      approvalTimeoutSeconds: 3_600,
    });
    const before = timers();
    for (const id of ['o-1', 'o-2', 'o-3']) expect((await saga.flow.start(placed(id))).isOk()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the tasks park
    expect(timers()).toBeGreaterThanOrEqual(before + 3);
    expect(saga.quiet()).toBe(true); // parked on humans, not running

    saga.stop();
    const results = await Promise.all([...saga.executions().values()].map((e) => e.handle.result));
    expect(results.map((r) => r.status)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
    expect(timers()).toBe(before);
  });
});

describe('the in-process saga flow on a long run', () => {
  it('keeps a window of finished executions, and still runs each order once after letting its details go', async () => {
    let runs = 0;
    const saga = createInProcessSagaFlow({
      definition: {
        StartAt: 'Work',
        States: { Work: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:work', End: true } },
      },
      taskHandlers: {
        Work: async () => {
          runs++;
          return {};
        },
      },
      scheduler: createVirtualScheduler(0),
      waitTimeScale: 0,
      approvalTimeoutSeconds: 60,
      retainFinished: 2,
    });
    const ids = ['o-1', 'o-2', 'o-3', 'o-4'];
    for (const id of ids) {
      await saga.flow.start(placed(id));
      await saga.executions().get(id)?.handle.result;
    }
    expect([...saga.executions().keys()]).toEqual(['o-3', 'o-4']);
    for (const id of ids) expect((await saga.flow.start(placed(id))).isOk()).toBe(true);
    expect(runs).toBe(4); // ExecutionAlreadyExists for all four, retained or not
  });
});
