import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { Unavailable } from '#app/errors.ts';
import type { Versioned } from '#app/ports/versioned.ts';
import { StockLine } from '#domain/inventory/stock.values.ts';
import type { StockHold, StockItem } from '#domain/inventory/stock-item.ts';
import type { Order } from '#domain/order/order.ts';
import { CancellationReason, OrderLine, OrderStatus } from '#domain/order/order.values.ts';
import type { Payment } from '#domain/payment/payment.ts';
import { ShippingAddress } from '#domain/shared/address.ts';
import { CustomerId, OrderId, Sku } from '#domain/shared/ids.ts';
import { Currency, Money } from '#domain/shared/money.ts';
import { DEPENDENCY } from './sdk-errors.ts';

// Stored items are parsed on every read: the table outlives any one version of this code.
// Aggregate state sits in a nested `state` map so that it can never collide with pk/sk/type/version.

const count = z.number().int().min(0);

export const OrderState = z.object({
  id: OrderId,
  customerId: CustomerId,
  lines: z.array(OrderLine).min(1),
  currency: Currency,
  total: Money,
  shippingAddress: ShippingAddress,
  paymentToken: z.string().min(1),
  status: OrderStatus,
  cancellationReason: CancellationReason.exactOptional(),
  approval: z.enum(['NOT_REQUIRED', 'REQUIRED', 'REQUESTED', 'APPROVED', 'REJECTED']),
  progress: z.object({
    stock: z.enum(['pending', 'reserved', 'failed']),
    payment: z.enum(['pending', 'authorized', 'declined']),
  }),
  placedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const StockState = z.object({
  sku: Sku,
  onHand: z.number().int(),
  reserved: count,
});

export const HoldState = z.object({
  orderId: OrderId,
  status: z.enum(['RESERVED', 'COMMITTED', 'RELEASED', 'RESTOCKED']),
  lines: z.array(StockLine).min(1),
});

export const PaymentState = z.object({
  orderId: OrderId,
  amount: Money,
  status: z.enum(['AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED']),
  reference: z.string().exactOptional(),
  declineReason: z.string().exactOptional(),
  captured: count,
  refunded: count,
});

const aggregateItem = <S extends z.ZodType>(type: string, state: S) =>
  z.object({ pk: z.string(), type: z.literal(type), version: z.number().int().min(1), state });

export const itemTypes = {
  order: 'Order',
  stock: 'StockItem',
  hold: 'StockHold',
  payment: 'Payment',
  outbox: 'Outbox',
} as const;

const OrderItem = aggregateItem(itemTypes.order, OrderState);
const StockItemSchema = aggregateItem(itemTypes.stock, StockState);
const HoldItem = aggregateItem(itemTypes.hold, HoldState);
const PaymentItem = aggregateItem(itemTypes.payment, PaymentState);

const parseItem =
  <S extends z.ZodType<{ version: number; state: unknown }>>(schema: S) =>
  (item: Record<string, unknown>): Result<Versioned<z.output<S>['state']>, Unavailable> => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return ok({ state: parsed.data.state, version: parsed.data.version });
    const where = typeof item.pk === 'string' ? item.pk : '(no pk)';
    return err({
      kind: 'Unavailable',
      dependency: DEPENDENCY,
      message: `stored item ${where} is invalid: ${z.prettifyError(parsed.error)}`,
    });
  };

// The annotations make the compiler prove that what we parse is the domain's own state type.
export const parseOrderItem: (item: Record<string, unknown>) => Result<Versioned<Order>, Unavailable> =
  parseItem(OrderItem);
export const parseStockItem: (item: Record<string, unknown>) => Result<Versioned<StockItem>, Unavailable> =
  parseItem(StockItemSchema);
export const parseHoldItem: (item: Record<string, unknown>) => Result<Versioned<StockHold>, Unavailable> =
  parseItem(HoldItem);
export const parsePaymentItem: (item: Record<string, unknown>) => Result<Versioned<Payment>, Unavailable> =
  parseItem(PaymentItem);

/** Domain state is JSON-safe by design; a JSON round trip drops `undefined` fields DynamoDB would refuse. */
export const plain = (state: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(state));
