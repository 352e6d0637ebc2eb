import { z } from 'zod';
import { Sku } from '../shared/ids.ts';

// Apart from the stock events, as order.values.ts is from the order's: reading stored holds needs only this.

export const StockLine = z.object({ sku: Sku, quantity: z.number().int().min(1) });
export type StockLine = Readonly<z.infer<typeof StockLine>>;
