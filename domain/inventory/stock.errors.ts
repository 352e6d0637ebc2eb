import type { OrderId, Sku } from '../shared/ids.ts';

export type Shortage = Readonly<{ sku: Sku; requested: number; available: number }>;

export type StockError = Readonly<{ kind: 'InsufficientStock'; orderId: OrderId; shortages: readonly Shortage[] }>;
