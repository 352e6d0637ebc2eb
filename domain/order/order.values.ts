import { z } from 'zod';
import { Sku } from '../shared/ids.ts';
import { Money } from '../shared/money.ts';
import { Quantity } from '../shared/quantity.ts';

// The order's values, shared by its events and its stored state. Apart from the events so that reading an order
// (the DynamoDB items' schemas) does not build every event schema at a function's cold start.

export const OrderStatus = z.enum(['PENDING', 'AWAITING_APPROVAL', 'CONFIRMED', 'CANCELLED']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const CancellationReason = z.enum([
  'OUT_OF_STOCK',
  'PAYMENT_DECLINED',
  'REJECTED',
  'APPROVAL_TIMED_OUT',
  'CUSTOMER_CANCELLED',
  'FRAUD_SUSPECTED',
  /** A step kept failing after every retry; the saga compensated and gave up. */
  'PROCESSING_FAILED',
]);
export type CancellationReason = z.infer<typeof CancellationReason>;

export const OrderLine = z.object({ sku: Sku, quantity: Quantity, unitPrice: Money });
export type OrderLine = Readonly<z.infer<typeof OrderLine>>;
