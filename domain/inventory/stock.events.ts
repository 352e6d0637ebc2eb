import { z } from 'zod';
import { OrderId, Sku } from '../shared/ids.ts';
import { StockLine } from './stock.values.ts';

const forOrder = { orderId: OrderId, lines: z.array(StockLine).min(1).readonly() };

export const StockReserved = z.object({ type: z.literal('StockReserved'), ...forOrder });
export const StockReservationFailed = z.object({
  type: z.literal('StockReservationFailed'),
  orderId: OrderId,
  shortages: z.array(z.object({ sku: Sku, requested: z.number().int(), available: z.number().int() })).min(1),
});
export const StockReleased = z.object({ type: z.literal('StockReleased'), ...forOrder });
export const StockCommitted = z.object({ type: z.literal('StockCommitted'), ...forOrder });
/** Committed stock that came back because a confirmed order was cancelled. */
export const StockRestocked = z.object({ type: z.literal('StockRestocked'), ...forOrder });
/** Goods received into the warehouse (seed data, replenishment). */
export const StockReceived = z.object({
  type: z.literal('StockReceived'),
  sku: Sku,
  quantity: z.number().int().min(1),
});

export const StockEvent = z.discriminatedUnion('type', [
  StockReserved,
  StockReservationFailed,
  StockReleased,
  StockCommitted,
  StockRestocked,
  StockReceived,
]);
export type StockEvent = Readonly<z.infer<typeof StockEvent>>;
