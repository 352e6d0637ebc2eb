// The saga's task functions run from their built bundles in the deployed configuration (ORDERLY_PORTS=aws) against
// DynamoDB Local: the happy path, a compensation path and a retried reservation, each step read back through the
// repo's own DynamoDB adapters. non-http-bundles.test.ts only reaches these functions' error path (memory mode
// starts empty, so every task throws OrderNotFound); here they find the order and stock they act on.
//
// The payment provider is not a table: in ORDERLY_PORTS=aws the container binds the in-process deterministic fake
// card processor (infrastructure/container/aws.module.ts; no real PSP adapter exists yet), a fresh one per process.
// So the payment steps below prove the Payment aggregate's rows and their transitions, not a processor's ledger.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, expect, it } from 'vitest';
import { createDynamoIdempotencyStore } from '#adapters/dynamodb/idempotency-store.dynamodb.ts';
import { createDynamoOrderRepository } from '#adapters/dynamodb/order-repository.dynamodb.ts';
import { createDynamoPaymentRepository } from '#adapters/dynamodb/payment-repository.dynamodb.ts';
import { createDynamoStockRepository } from '#adapters/dynamodb/stock-repository.dynamodb.ts';
import { createMemoryCatalog } from '#adapters/memory/catalog.memory.ts';
import { randomIds, systemClock } from '#adapters/memory/system.ts';
import { createEnvelopes } from '#app/envelopes.ts';
import { createPlaceOrder } from '#app/use-cases/place-order.ts';
import type { Sku } from '#domain/shared/ids.ts';
import { DEFAULT_APPROVAL_THRESHOLD, DEFAULT_CURRENCY, seedProducts } from '#infra/config/seed.ts';
import { busEvent } from '#test/fixtures/events/eventbridge-events.ts';
import { sagaState, taskInput } from '#test/fixtures/events/sfn-task-inputs.ts';
import { describeOnDynamoDbLocal } from '#test/support/describe-on-dynamodb-local.ts';
import { createFreshTable, outboxEnvelopes } from '#test/support/dynamodb-local.ts';
import { bundleAll, freshManifest } from '../../scripts/bundle.ts';
import { invoke } from './invoke.ts';

const title = 'saga task functions from their bundles, ORDERLY_PORTS=aws, against DynamoDB Local';

describeOnDynamoDbLocal(title, (local) => {
  let tableName: string;
  let doc: DynamoDBDocumentClient;
  beforeAll(async () => {
    if (!freshManifest()) await bundleAll();
    tableName = await createFreshTable(local().client, 'orderly-saga-bundles');
    // As the aws module builds its client: an order's optional fields may be undefined.
    doc = DynamoDBDocumentClient.from(local().client, { marshallOptions: { removeUndefinedValues: true } });
  }, 120_000);

  const table = () => ({ client: doc, tableName });
  const orders = () => createDynamoOrderRepository(table());
  const stock = () => createDynamoStockRepository(table());
  const payments = () => createDynamoPaymentRepository(table());

  /** The deployed environment (PortsEnv with ORDERLY_PORTS=aws), its DynamoDB endpoint moved to DynamoDB Local. */
  const awsEnv = () => ({
    ORDERLY_PORTS: 'aws',
    POWERTOOLS_SERVICE_NAME: 'orderly-saga-bundle-test',
    TABLE_NAME: tableName,
    EVENT_BUS_NAME: 'orderly-bus-test',
    AWS_ENDPOINT_URL_DYNAMODB: local().endpoint,
    // DynamoDB Local keeps one database per access key and region: the bundles use those of clientsFor(),
    // with which this process seeds and reads, or they would see an empty table of the same name.
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'fake',
    AWS_SECRET_ACCESS_KEY: 'fake',
  });

  /** On-hand stock for each SKU, written through the stock repository (new items: version 0). */
  const seedStock = async (onHand: Readonly<Record<string, number>>) => {
    const changes = Object.entries(onHand).map(([sku, n]) => ({
      item: { sku: sku as Sku, onHand: n, reserved: 0 },
      expectedVersion: 0,
    }));
    (await stock().saveMany(changes, []))._unsafeUnwrap();
  };

  /** An order placed by the place-order use case over the DynamoDB adapters, as the API route places it. */
  const placeOrder = async (lines: readonly { sku: string; quantity: number }[]) => {
    const place = createPlaceOrder({
      orders: orders(),
      catalog: createMemoryCatalog(seedProducts),
      idempotency: createDynamoIdempotencyStore(table()),
      envelopes: createEnvelopes({ newId: randomIds, clock: systemClock }),
      newId: randomIds,
      clock: systemClock,
      approvalThreshold: DEFAULT_APPROVAL_THRESHOLD,
      currency: DEFAULT_CURRENCY,
    });
    const input = {
      lines,
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
      paymentToken: 'tok_visa',
    };
    const ctx = { correlationId: 'corr-saga-bundles', causationId: 'req-1', actor: { customerId: 'c-1', roles: [] } };
    const order = (await place(input, ctx))._unsafeUnwrap();
    expect(order.status).toBe('PENDING'); // under the approval threshold: the saga goes straight to capture
    return order.id;
  };

  /** What the state machine sends `fn` for this order (the ASL's Parameters over the saga's state). */
  const inputFor = (fn: string, orderId: string, reason?: string) => {
    const state = sagaState(1, reason);
    return taskInput(fn, { ...state, order: { ...state.order, orderId } });
  };

  /** Runs task `fn` from its bundle on this order; it must return, not throw. */
  const step = async (fn: string, orderId: string, reason?: string) => {
    const { results } = await invoke(fn, [inputFor(fn, orderId, reason)], awsEnv());
    expect(results, fn).toEqual([{ ok: { orderId } }]);
  };

  const stockOf = async (orderId: string, skus: readonly string[]) => {
    const items = (await stock().loadMany(skus as Sku[]))._unsafeUnwrap();
    const hold = (await stock().loadHold(orderId as never))._unsafeUnwrap();
    return {
      items: Object.fromEntries(skus.map((s) => [s, items.get(s as Sku)?.state])),
      hold: hold?.state.status,
    };
  };
  const paymentOf = async (orderId: string) => (await payments().load(orderId))._unsafeUnwrap()?.state;
  const orderOf = async (orderId: string) => (await orders().load(orderId))._unsafeUnwrap()?.state;

  it('happy path: reserve-stock → authorize-payment → capture-payment → confirm-order, then the commit', async () => {
    await seedStock({ 'BOOK-DDD': 10, 'MUG-LAMBDA': 5 });
    const orderId = await placeOrder([
      { sku: 'BOOK-DDD', quantity: 2 },
      { sku: 'MUG-LAMBDA', quantity: 1 },
    ]);
    const skus = ['BOOK-DDD', 'MUG-LAMBDA'];

    await step('reserve-stock', orderId);
    expect(await stockOf(orderId, skus)).toEqual({
      items: {
        'BOOK-DDD': { sku: 'BOOK-DDD', onHand: 10, reserved: 2 },
        'MUG-LAMBDA': { sku: 'MUG-LAMBDA', onHand: 5, reserved: 1 },
      },
      hold: 'RESERVED',
    });

    await step('authorize-payment', orderId);
    const authorized = await paymentOf(orderId);
    expect(authorized).toMatchObject({
      status: 'AUTHORIZED',
      amount: { amount: 2 * 5_490 + 1_500, currency: 'EUR' },
    });

    await step('capture-payment', orderId);
    expect(await paymentOf(orderId)).toMatchObject({ status: 'CAPTURED', captured: 2 * 5_490 + 1_500 });

    await step('confirm-order', orderId);
    expect(await orderOf(orderId)).toMatchObject({ id: orderId, status: 'CONFIRMED' });

    // The saga ends at confirm-order; its OrderConfirmed, relayed to the bus, makes commit-stock-on-confirmation
    // turn the reservation into a deduction. That consumer, from its bundle, with the envelope the outbox holds:
    const confirmed = (await outboxEnvelopes(local().client, tableName)).find(
      (e) => e.type === 'OrderConfirmed' && (e.data as { orderId?: string }).orderId === orderId,
    );
    expect(confirmed).toBeDefined();
    const { results } = await invoke('commit-stock-on-confirmation', [busEvent(confirmed!)], awsEnv());
    expect(results).toEqual([{}]);
    expect(await stockOf(orderId, skus)).toEqual({
      items: {
        'BOOK-DDD': { sku: 'BOOK-DDD', onHand: 8, reserved: 0 },
        'MUG-LAMBDA': { sku: 'MUG-LAMBDA', onHand: 4, reserved: 0 },
      },
      hold: 'COMMITTED',
    });
  });

  it('compensation: reserve-stock → authorize-payment → void-payment → release-stock → cancel-order', async () => {
    await seedStock({ 'BOOK-EIP': 7 });
    const orderId = await placeOrder([{ sku: 'BOOK-EIP', quantity: 3 }]);

    await step('reserve-stock', orderId);
    expect((await stockOf(orderId, ['BOOK-EIP'])).items['BOOK-EIP']).toMatchObject({ onHand: 7, reserved: 3 });
    await step('authorize-payment', orderId);
    expect(await paymentOf(orderId)).toMatchObject({ status: 'AUTHORIZED' });

    await step('void-payment', orderId);
    expect(await paymentOf(orderId)).toMatchObject({ status: 'VOIDED' });

    await step('release-stock', orderId);
    expect(await stockOf(orderId, ['BOOK-EIP'])).toEqual({
      items: { 'BOOK-EIP': { sku: 'BOOK-EIP', onHand: 7, reserved: 0 } },
      hold: 'RELEASED',
    });

    // The reason is what the Catch's Pass state puts in $.reason; the ASL passes it to CancelOrder.
    await step('cancel-order', orderId, 'PAYMENT_DECLINED');
    expect(await orderOf(orderId)).toMatchObject({
      id: orderId,
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_DECLINED',
    });
  });

  it('reserve-stock is idempotent: the same input twice, and again on a fresh instance, reserves once', async () => {
    await seedStock({ 'TEE-EVENTS': 6 });
    const orderId = await placeOrder([{ sku: 'TEE-EVENTS', quantity: 4 }]);
    const input = inputFor('reserve-stock', orderId);

    const warm = await invoke('reserve-stock', [input, input], awsEnv()); // a retry on the same instance
    expect(warm.results).toEqual([{ ok: { orderId } }, { ok: { orderId } }]);
    const cold = await invoke('reserve-stock', [input], awsEnv()); // a retry on a new instance
    expect(cold.results).toEqual([{ ok: { orderId } }]);

    // Twice 4 would not even fit in 6: a second reservation would have thrown InsufficientStock.
    expect(await stockOf(orderId, ['TEE-EVENTS'])).toEqual({
      items: { 'TEE-EVENTS': { sku: 'TEE-EVENTS', onHand: 6, reserved: 4 } },
      hold: 'RESERVED',
    });
    const reserved = (await outboxEnvelopes(local().client, tableName)).filter(
      (e) => e.type === 'StockReserved' && (e.data as { orderId?: string }).orderId === orderId,
    );
    expect(reserved).toHaveLength(1);
  });
});
