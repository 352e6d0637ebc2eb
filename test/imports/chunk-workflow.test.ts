import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TaskContext } from '#adapters/stepfunctions/asl/state-machines.ts';
import { validateDefinition } from '#adapters/stepfunctions/asl/state-machines.ts';
import { createInterpretedChunkWorkflow } from '#adapters/stepfunctions/chunk-workflow.interpreted.ts';
import { reasonOf } from '#adapters/stepfunctions/chunk-workflow.output.ts';
import { createStepFunctionsChunkWorkflow } from '#adapters/stepfunctions/chunk-workflow.stepfunctions.ts';
import type { ImportChunk } from '#app/imports/import-chunk.ts';
import { functionNameOf, placeholdersOf, readDefinition, substitute } from '#infra/workflows/definitions.ts';
import { fakeAws } from '#test/adapters/aws/fixtures.ts';
import { ctx } from './unit-fixture.ts';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:orderly-place-imported-order';
const definition = substitute(readDefinition('import-chunk'), { PlaceImportedOrderArn: ARN });
const chunk = (n: number): ImportChunk => ({
  type: 'chunk',
  importId: 'imp',
  objectKey: 'imports/imp.csv',
  chunk: 0,
  rows: Array.from({ length: n }, (_, i) => ({ row: i + 1, fields: { k: String(i + 1) } })),
});
const named = (name: string, message: string) => Object.assign(new Error(message), { name });
type Item = { importId: string; meta: unknown; row: { row: number } };

const workflowWith = (task: (input: Item, context: TaskContext) => unknown) =>
  createInterpretedChunkWorkflow({
    definition,
    taskHandlers: { [ARN]: (input, context) => task(input as unknown as Item, context) },
    random: () => 0.5,
  });

describe('import-chunk ASL', () => {
  it('is a valid Express definition with one task placeholder, bound by the shared naming rule', () => {
    expect(validateDefinition(definition, { type: 'EXPRESS' }).isOk()).toBe(true);
    expect(placeholdersOf(readDefinition('import-chunk'))).toStrictEqual(['PlaceImportedOrderArn']);
    expect(functionNameOf('PlaceImportedOrderArn')).toBe('place-imported-order');
  });

  it('runs at most 10 rows at a time, each with the import id and correlation, results in row order', async () => {
    let running = 0;
    let peak = 0;
    const seen: Item[] = [];
    const out = await workflowWith(async (input, context) => {
      seen.push(input);
      running++;
      peak = Math.max(peak, running);
      await context.sleep(1);
      running--;
      return { row: input.row.row, orderId: `o-${input.row.row}` };
    }).run(chunk(25), ctx);
    expect(peak).toBe(10);
    expect(out._unsafeUnwrap().placed.map((p) => p.row)).toStrictEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(seen[0]).toStrictEqual({ importId: 'imp', meta: ctx, row: { row: 1, fields: { k: '1' } } });
  });

  it('catches RowRejected into { row, reason } without failing the run', async () => {
    const out = await workflowWith((input) => {
      if (input.row.row % 2 === 0) throw named('RowRejected', `row ${input.row.row} is bad`);
      return { row: input.row.row, orderId: 'o' };
    }).run(chunk(4), ctx);
    expect(out._unsafeUnwrap()).toStrictEqual({
      placed: [
        { row: 1, orderId: 'o' },
        { row: 3, orderId: 'o' },
      ],
      rejected: [
        { row: 2, reason: 'row 2 is bad' },
        { row: 4, reason: 'row 4 is bad' },
      ],
    });
  });

  it('retries transient errors (Unavailable, VersionConflict, RequestInProgress) and succeeds', async () => {
    const attempts = new Map<number, number>();
    const kinds = ['Unavailable', 'VersionConflict', 'RequestInProgress'];
    const out = await workflowWith((input) => {
      const n = (attempts.get(input.row.row) ?? 0) + 1;
      attempts.set(input.row.row, n);
      if (n <= 2) throw named(kinds[input.row.row % 3] ?? 'Unavailable', 'try again');
      return { row: input.row.row, orderId: 'o' };
    }).run(chunk(6), ctx);
    expect(out._unsafeUnwrap().placed.length).toBe(6);
    expect([...attempts.values()]).toStrictEqual([3, 3, 3, 3, 3, 3]);
  });

  it('a transient error that outlasts the retries fails the run (Unavailable: the message is retried)', async () => {
    let attempts = 0;
    const out = await workflowWith((input) => {
      if (input.row.row === 2) {
        attempts++;
        throw named('Unavailable', 'dynamodb is down');
      }
      return { row: input.row.row, orderId: 'o' };
    }).run(chunk(3), ctx);
    expect(attempts).toBe(4);
    expect(out._unsafeUnwrapErr()).toMatchObject({
      kind: 'Unavailable',
      message: expect.stringMatching(/^FAILED: Unavailable/),
    });
  });

  it('a bug in the task (not a row fault, not transient) is neither caught nor retried', async () => {
    let attempts = 0;
    const out = await workflowWith(() => {
      attempts++;
      throw new TypeError('x is undefined');
    }).run(chunk(1), ctx);
    expect(attempts).toBe(1);
    expect(out._unsafeUnwrapErr().message).toMatch(/TypeError/);
  });

  it('reads the reason from a Lambda error Cause as well as from a plain message', () => {
    expect(reasonOf(JSON.stringify({ errorType: 'RowRejected', errorMessage: 'sku: unknown SKU', trace: [] }))).toBe(
      'sku: unknown SKU',
    );
    expect(reasonOf('sku: unknown SKU')).toBe('sku: unknown SKU');
    expect(reasonOf('{"not":"lambda"}')).toBe('{"not":"lambda"}');
  });
});

describe('chunk workflow on Step Functions (StartSyncExecution request contract)', () => {
  const sfn = mockClient(SFNClient);
  const workflow = createStepFunctionsChunkWorkflow({
    client: new SFNClient(fakeAws),
    stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:import-chunk',
  });
  beforeEach(() => sfn.reset());

  it('starts a sync execution with the chunk and the correlation, and reads placed and rejected rows', async () => {
    sfn.on(StartSyncExecutionCommand).resolves({
      status: 'SUCCEEDED',
      output: JSON.stringify({
        results: [
          { row: 1, orderId: 'o-1' },
          { row: 2, reason: JSON.stringify({ errorType: 'RowRejected', errorMessage: 'sku: unknown SKU' }) },
        ],
      }),
    });
    const out = (await workflow.run(chunk(2), ctx))._unsafeUnwrap();
    expect(out).toStrictEqual({
      placed: [{ row: 1, orderId: 'o-1' }],
      rejected: [{ row: 2, reason: 'sku: unknown SKU' }],
    });
    const input = sfn.commandCalls(StartSyncExecutionCommand)[0]?.args[0].input;
    expect(input?.stateMachineArn).toBe('arn:aws:states:eu-west-1:123456789012:stateMachine:import-chunk');
    expect(JSON.parse(input?.input ?? '')).toStrictEqual({ ...chunk(2), meta: ctx });
  });

  it('a failed or timed-out execution, a throttled call or an unreadable output is Unavailable', async () => {
    sfn
      .on(StartSyncExecutionCommand)
      .resolvesOnce({ status: 'FAILED', error: 'Unavailable', cause: 'db down' })
      .resolvesOnce({ status: 'TIMED_OUT' })
      .rejectsOnce(named('ThrottlingException', 'Rate exceeded'))
      .resolvesOnce({ status: 'SUCCEEDED', output: 'not json' });
    const messages = [];
    for (let i = 0; i < 4; i++) {
      const e = (await workflow.run(chunk(1), ctx))._unsafeUnwrapErr();
      expect(e.kind).toBe('Unavailable');
      messages.push(e.message);
    }
    expect(messages[0]).toBe('FAILED: Unavailable db down');
    expect(messages[1]).toBe('TIMED_OUT:');
    expect(messages[2]).toBe('Rate exceeded');
    expect(messages[3]).toMatch(/unexpected output/);
  });
});
