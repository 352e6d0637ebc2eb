import { consumerEntry } from './consumer-entry.ts';

export const handler = consumerEntry('authorize-payment-on-order-placed');
