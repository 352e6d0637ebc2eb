import { taskEntry } from './task-entry.ts';

export const handler = taskEntry('capture-payment');
