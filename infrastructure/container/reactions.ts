import type { Container } from 'inversify';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { type AppError, isTransient, unavailable } from '#app/errors.ts';
import { createAdvanceOrder } from '#app/reactions/advance-order.ts';
import { createCompensateCancelledOrder } from '#app/reactions/compensate-cancelled-order.ts';
import { createForwardApproval } from '#app/reactions/forward-approval.ts';
import { once, type Reaction } from '#app/reactions/once.ts';
import { causedBy, orderIdOf } from '#app/reactions/order-facts.ts';
import { createFraudCheck, createNotifyCustomer, createRecordAnalytics } from '#app/reactions/side-reactions.ts';
import type { ConsumerName } from '../topology/names.ts';
import { TOKENS } from './tokens.ts';

/** A business refusal is an outcome already recorded as an event; only transient failures are worth a retry. */
const retryOnlyTransient = <T>(r: ResultAsync<T, AppError>) =>
  r.map(() => undefined).orElse((e) => (isTransient(e) ? errAsync(e) : okAsync(undefined)));

const onOrder =
  (run: (orderId: string, event: Parameters<Reaction>[0]) => ResultAsync<unknown, AppError>): Reaction =>
  (event) => {
    const orderId = orderIdOf(event);
    return orderId ? retryOnlyTransient(run(orderId, event)) : okAsync(undefined);
  };

/**
 * Every consumer of the topology, built from the container: one Lambda each in AWS, one handler each locally.
 * Each is made effectively-once per (consumer, event id).
 */
const builders = (c: Container): Readonly<Record<ConsumerName, () => Reaction>> => {
  const orders = () => c.get(TOKENS.orders);
  return {
    'start-order-saga': () => (e) =>
      e.data.type === 'OrderPlaced' ? c.get(TOKENS.orderFlow).start(e as never) : okAsync(undefined),
    'reserve-stock-on-order-placed': () =>
      onOrder((orderId, e) => c.get(TOKENS.reserveStock)({ orderId }, causedBy(e))),
    'authorize-payment-on-order-placed': () =>
      onOrder((orderId, e) => c.get(TOKENS.authorizePayment)({ orderId }, causedBy(e))),
    'advance-order': () =>
      createAdvanceOrder({
        orders: orders(),
        envelopes: c.get(TOKENS.envelopes),
        pause: c.get(TOKENS.pause),
        requestApproval: c.get(TOKENS.requestApproval),
        capturePayment: c.get(TOKENS.capturePayment),
        confirmOrder: c.get(TOKENS.confirmOrder),
        releaseStock: c.get(TOKENS.releaseStock),
        voidPayment: c.get(TOKENS.voidPayment),
        cancelOrder: c.get(TOKENS.cancelOrder),
      }),
    'forward-approval': () =>
      createForwardApproval({
        approvals: c.get(TOKENS.approvals),
        callbacks: c.get(TOKENS.callbacks),
      }),
    'compensate-cancelled-order': () =>
      createCompensateCancelledOrder({
        orders: orders(),
        releaseStock: c.get(TOKENS.releaseStock),
        restockOrder: c.get(TOKENS.restockOrder),
        voidPayment: c.get(TOKENS.voidPayment),
        refundPayment: c.get(TOKENS.refundPayment),
      }),
    'commit-stock-on-confirmation': () => onOrder((orderId, e) => c.get(TOKENS.commitStock)({ orderId }, causedBy(e))),
    'notify-customer': () => createNotifyCustomer({ notifier: c.get(TOKENS.notifier) }),
    'record-analytics': () => createRecordAnalytics({ analytics: c.get(TOKENS.analytics) }),
    'fraud-check': () => createFraudCheck({ notifier: c.get(TOKENS.notifier) }),
    // Consumes import chunks, not events: its handler comes from infrastructure/local/imports.local.ts locally and
    // infrastructure/lambda/imports/ in AWS. An event reaching it is a wiring bug, so it fails (and is kept).
    'import-chunk-processor': () => (e) =>
      errAsync(unavailable('import-chunk-processor', `not an event consumer: ${e.type}`)),
  };
};

/** One consumer, made effectively-once per (consumer, event id); only the ports it uses are resolved. */
export const buildReaction = (c: Container, name: ConsumerName): Reaction =>
  once(c.get(TOKENS.idempotency), name, builders(c)[name]());

/** Every consumer of the topology: one Lambda each in AWS, one handler each locally. */
export const buildReactions = (c: Container): Readonly<Record<ConsumerName, Reaction>> =>
  Object.fromEntries(Object.keys(builders(c)).map((name) => [name, buildReaction(c, name as ConsumerName)])) as Record<
    ConsumerName,
    Reaction
  >;
