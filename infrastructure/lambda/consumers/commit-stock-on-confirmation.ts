import { consumerEntry } from './consumer-entry.ts';

export const handler = consumerEntry('commit-stock-on-confirmation');
