import type { OrderId } from '../shared/ids.ts';

export type PaymentError =
  | Readonly<{ kind: 'PaymentDeclined'; orderId: OrderId; reason: string }>
  | Readonly<{ kind: 'PaymentNotFound'; orderId: string }>
  | Readonly<{ kind: 'PaymentNotCapturable'; orderId: OrderId; status: string }>;
