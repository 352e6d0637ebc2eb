import { consumerEntry } from './consumer-entry.ts';

export const handler = consumerEntry('advance-order');
