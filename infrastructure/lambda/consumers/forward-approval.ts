import { consumerEntry } from './consumer-entry.ts';

export const handler = consumerEntry('forward-approval');
