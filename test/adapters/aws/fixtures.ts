import type { EventEnvelope } from '#domain/events.ts';
import type { OrderPlaced } from '#domain/order/order.events.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const fakeAws = { region: 'eu-west-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } };

/** A valid OrderPlaced envelope; `padding` grows the payment token to make big events. */
export const placedEnvelope = (i: number, padding = 0): EventEnvelope<OrderPlaced> => {
  const data = {
    type: 'OrderPlaced',
    orderId: `o-${i}`,
    customerId: 'c-1',
    lines: [{ sku: 'SKU-A', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } }],
    currency: 'EUR',
    total: { amount: 2500, currency: 'EUR' },
    shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' },
    paymentToken: `tok_${'x'.repeat(padding)}`,
    approvalRequired: false,
    placedAt: '2026-01-01T10:00:00.000Z',
  } as unknown as OrderPlaced;
  return {
    id: `evt-${i}`,
    type: 'OrderPlaced',
    source: 'orderly.orders',
    version: 1,
    time: '2026-01-01T10:00:00.123Z',
    correlationId: `corr-${i}`,
    causationId: `req-${i}`,
    data,
  };
};

/** Records sleeps instead of waiting. */
export const recordingSleep = () => {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
};

export const awsError = (name: string, message = name, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, $metadata: {}, ...extra });
