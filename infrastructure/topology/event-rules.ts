import type { ConsumerName, OrderFlowMode, QueueName } from './names.ts';

export type RuleTarget =
  | Readonly<{ kind: 'function'; name: ConsumerName }>
  | Readonly<{ kind: 'queue'; name: QueueName }>;

export type EventRuleDef = Readonly<{
  name: string;
  description: string;
  /** The ORDER_FLOW modes this rule belongs to. */
  flows: readonly OrderFlowMode[];
  /** Raw EventBridge pattern JSON, as PutRule and TestEventPattern take it. */
  pattern: Readonly<Record<string, unknown>>;
  target: RuleTarget;
  retryPolicy: Readonly<{ maximumRetryAttempts: number; maximumEventAgeInSeconds: number }>;
  deadLetterQueue: QueueName;
}>;

const BOTH: readonly OrderFlowMode[] = ['orchestration', 'choreography'];
const retry = { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 };
const of = (source: string, ...types: string[]) => ({ source: [source], 'detail-type': types });

const rule = (
  name: string,
  description: string,
  flows: readonly OrderFlowMode[],
  pattern: Record<string, unknown>,
  target: RuleTarget,
): EventRuleDef => ({
  name,
  description,
  flows,
  pattern,
  target,
  retryPolicy: retry,
  deadLetterQueue: 'event-delivery-dlq',
});

/** Every EventBridge rule on the bus: the single source of truth for the CDK stack and the local runtime. */
export const eventRules: readonly EventRuleDef[] = [
  rule(
    'OrderPlacedStartsSaga',
    'Orchestration: start the order saga (execution name = order id).',
    ['orchestration'],
    of('orderly.orders', 'OrderPlaced'),
    { kind: 'function', name: 'start-order-saga' },
  ),
  rule(
    'OrderPlacedReservesStock',
    'Choreography: inventory reserves every line of a new order.',
    ['choreography'],
    of('orderly.orders', 'OrderPlaced'),
    { kind: 'queue', name: 'inventory-requests' },
  ),
  rule(
    'OrderPlacedAuthorizesPayment',
    'Choreography: payments authorizes the total of a new order.',
    ['choreography'],
    of('orderly.orders', 'OrderPlaced'),
    { kind: 'queue', name: 'payment-requests' },
  ),
  rule(
    'OrderFactsAdvanceOrder',
    'Choreography: outcomes of inventory, payment and approval drive the order.',
    ['choreography'],
    {
      $or: [
        of('orderly.inventory', 'StockReserved', 'StockReservationFailed'),
        of('orderly.payments', 'PaymentAuthorized', 'PaymentDeclined'),
        of('orderly.orders', 'OrderApproved', 'OrderRejected'),
      ],
    },
    { kind: 'queue', name: 'order-process' },
  ),
  rule(
    'ApprovalDecisionsResumeSaga',
    'Orchestration: a decision or a cancel completes the waiting approval task.',
    ['orchestration'],
    of('orderly.orders', 'OrderApproved', 'OrderRejected', 'OrderCancelled'),
    { kind: 'function', name: 'forward-approval' },
  ),
  rule(
    'CancelledOrdersAreCompensated',
    'Both: a cancelled order, or a late fact about one, gives back what is held.',
    BOTH,
    {
      $or: [
        of('orderly.orders', 'OrderCancelled'),
        of('orderly.inventory', 'StockReserved', 'StockCommitted'),
        of('orderly.payments', 'PaymentAuthorized', 'PaymentCaptured'),
      ],
    },
    { kind: 'queue', name: 'compensations' },
  ),
  rule(
    'ConfirmedOrdersCommitStock',
    'Both: a confirmed order turns its reservation into a deduction.',
    BOTH,
    of('orderly.orders', 'OrderConfirmed'),
    { kind: 'function', name: 'commit-stock-on-confirmation' },
  ),
  rule(
    'NotifyCustomers',
    'Both: tell the customer about confirmation and cancellation.',
    BOTH,
    of('orderly.orders', 'OrderConfirmed', 'OrderCancelled'),
    { kind: 'function', name: 'notify-customer' },
  ),
  rule(
    'OrderAnalytics',
    'Both: every order event feeds analytics.',
    BOTH,
    { source: ['orderly.orders'] },
    { kind: 'function', name: 'record-analytics' },
  ),
  rule(
    'HighValueOrdersFraudCheck',
    'Both: content-based routing, orders of 1,000.00 or more get a fraud review.',
    BOTH,
    { ...of('orderly.orders', 'OrderPlaced'), detail: { data: { total: { amount: [{ numeric: ['>=', 100_000] }] } } } },
    { kind: 'function', name: 'fraud-check' },
  ),
];

export const rulesFor = (mode: OrderFlowMode): readonly EventRuleDef[] =>
  eventRules.filter((r) => r.flows.includes(mode));
