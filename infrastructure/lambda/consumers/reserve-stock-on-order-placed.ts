import { consumerEntry } from './consumer-entry.ts';

export const handler = consumerEntry('reserve-stock-on-order-placed');
