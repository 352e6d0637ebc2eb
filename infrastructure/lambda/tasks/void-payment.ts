import { taskEntry } from './task-entry.ts';

export const handler = taskEntry('void-payment');
