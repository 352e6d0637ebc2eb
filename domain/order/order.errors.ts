import type { OrderId } from '../shared/ids.ts';
import type { OrderStatus } from './order.values.ts';

export type OrderError =
  | Readonly<{ kind: 'OrderNotFound'; orderId: string }>
  | Readonly<{ kind: 'OrderAlreadyExists'; orderId: OrderId }>
  | Readonly<{ kind: 'OrderNotEditable'; orderId: OrderId; status: OrderStatus }>
  | Readonly<{ kind: 'OrderAlreadyCancelled'; orderId: OrderId }>
  | Readonly<{ kind: 'ApprovalNotPending'; orderId: OrderId; status: OrderStatus }>
  | Readonly<{ kind: 'ApprovalRequired'; orderId: OrderId }>
  | Readonly<{ kind: 'CurrencyMismatch'; orderId: OrderId; currencies: readonly string[] }>;

export const orderNotFound = (orderId: string): OrderError => ({ kind: 'OrderNotFound', orderId });
export const orderAlreadyExists = (orderId: OrderId): OrderError => ({ kind: 'OrderAlreadyExists', orderId });
export const orderNotEditable = (orderId: OrderId, status: OrderStatus): OrderError => ({
  kind: 'OrderNotEditable',
  orderId,
  status,
});
export const orderAlreadyCancelled = (orderId: OrderId): OrderError => ({ kind: 'OrderAlreadyCancelled', orderId });
export const approvalNotPending = (orderId: OrderId, status: OrderStatus): OrderError => ({
  kind: 'ApprovalNotPending',
  orderId,
  status,
});
