import type { OrderId, Sku } from '../shared/ids.ts';
import type { StockLine } from './stock.values.ts';

export type ReserveStock = Readonly<{ type: 'ReserveStock'; orderId: OrderId; lines: readonly StockLine[] }>;
export type ReleaseStock = Readonly<{ type: 'ReleaseStock'; orderId: OrderId }>;
export type CommitStock = Readonly<{ type: 'CommitStock'; orderId: OrderId }>;
export type RestockOrder = Readonly<{ type: 'RestockOrder'; orderId: OrderId }>;
export type ReceiveStock = Readonly<{ type: 'ReceiveStock'; sku: Sku; quantity: number }>;

export type StockCommand = ReserveStock | ReleaseStock | CommitStock | RestockOrder | ReceiveStock;
