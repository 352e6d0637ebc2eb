import { z } from 'zod';
import { OrderId } from '../shared/ids.ts';
import { Money } from '../shared/money.ts';

const forOrder = { orderId: OrderId, amount: Money };

export const PaymentAuthorized = z.object({ type: z.literal('PaymentAuthorized'), ...forOrder, reference: z.string() });
export const PaymentDeclined = z.object({ type: z.literal('PaymentDeclined'), ...forOrder, reason: z.string() });
export const PaymentCaptured = z.object({ type: z.literal('PaymentCaptured'), ...forOrder });
export const PaymentVoided = z.object({ type: z.literal('PaymentVoided'), ...forOrder });
export const PaymentRefunded = z.object({ type: z.literal('PaymentRefunded'), ...forOrder });

export const PaymentEvent = z.discriminatedUnion('type', [
  PaymentAuthorized,
  PaymentDeclined,
  PaymentCaptured,
  PaymentVoided,
  PaymentRefunded,
]);
export type PaymentEvent = Readonly<z.infer<typeof PaymentEvent>>;
