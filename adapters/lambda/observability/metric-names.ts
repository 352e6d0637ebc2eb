/**
 * Every metric Orderly emits, in ONE place: the CDK stack reads this file to check that each metric has an
 * alarm or a dashboard widget. Add a metric here first, then emit it.
 */
export const METRIC_NAMESPACE = 'Orderly';

export const MetricNames = {
  OrdersPlaced: 'OrdersPlaced',
  OrdersConfirmed: 'OrdersConfirmed',
  OrdersCancelled: 'OrdersCancelled',
  PaymentsDeclined: 'PaymentsDeclined',
  StockReservationFailures: 'StockReservationFailures',
  DlqArrivals: 'DlqArrivals',
  Requests: 'Requests',
  Errors4xx: 'Errors4xx',
  Errors5xx: 'Errors5xx',
  /** Strangler-fig shadow mode: the new and the legacy answer differed (the client got the new one). */
  ShadowMismatches: 'ShadowMismatches',
} as const;
export type MetricName = (typeof MetricNames)[keyof typeof MetricNames];

export type MetricSpec = Readonly<{ name: MetricName; unit: 'Count'; dimensions: readonly string[] }>;

/** `service` is on every metric (Powertools' default dimension); OrdersCancelled adds the reason. */
export const metricCatalog: readonly MetricSpec[] = [
  { name: MetricNames.OrdersPlaced, unit: 'Count', dimensions: ['service'] },
  { name: MetricNames.OrdersConfirmed, unit: 'Count', dimensions: ['service'] },
  { name: MetricNames.OrdersCancelled, unit: 'Count', dimensions: ['service', 'reason'] },
  { name: MetricNames.PaymentsDeclined, unit: 'Count', dimensions: ['service'] },
  { name: MetricNames.StockReservationFailures, unit: 'Count', dimensions: ['service'] },
  { name: MetricNames.DlqArrivals, unit: 'Count', dimensions: ['service'] },
  { name: MetricNames.Requests, unit: 'Count', dimensions: ['service'] },
  { name: MetricNames.Errors4xx, unit: 'Count', dimensions: ['service'] },
  { name: MetricNames.Errors5xx, unit: 'Count', dimensions: ['service'] },
  { name: MetricNames.ShadowMismatches, unit: 'Count', dimensions: ['service'] },
];
