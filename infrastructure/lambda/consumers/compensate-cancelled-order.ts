import { consumerEntry } from './consumer-entry.ts';

export const handler = consumerEntry('compensate-cancelled-order');
