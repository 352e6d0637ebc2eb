import { z } from 'zod';

export const MAX_LINE_QUANTITY = 1_000;

export const Quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);
export type Quantity = z.infer<typeof Quantity>;
