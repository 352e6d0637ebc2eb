import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DomainEvent } from '#domain/events.ts';
import { MetricNames } from './metric-names.ts';

/**
 * Business metrics come from events, not from requests: a replayed HTTP call or a retried saga step emits no
 * second event, so it counts nothing twice. The consumers (analytics, DLQ) call this per record.
 */
export const recordEventMetrics = (metrics: Metrics, event: DomainEvent): void => {
  switch (event.type) {
    case 'OrderPlaced':
      metrics.addMetric(MetricNames.OrdersPlaced, MetricUnit.Count, 1);
      return;
    case 'OrderConfirmed':
      metrics.addMetric(MetricNames.OrdersConfirmed, MetricUnit.Count, 1);
      return;
    case 'OrderCancelled':
      // A dimension only this metric has: a single-metric EMF line, so the batch keeps `service` alone.
      metrics
        .singleMetric()
        .addDimension('reason', event.reason)
        .addMetric(MetricNames.OrdersCancelled, MetricUnit.Count, 1);
      return;
    case 'PaymentDeclined':
      metrics.addMetric(MetricNames.PaymentsDeclined, MetricUnit.Count, 1);
      return;
    case 'StockReservationFailed':
      metrics.addMetric(MetricNames.StockReservationFailures, MetricUnit.Count, 1);
      return;
    default:
      return;
  }
};

export const recordDlqArrival = (metrics: Metrics, count = 1): void => {
  metrics.addMetric(MetricNames.DlqArrivals, MetricUnit.Count, count);
};
