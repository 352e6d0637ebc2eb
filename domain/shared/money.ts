import { z } from 'zod';

/** Money in integer minor units (cents), never floating point. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
export type Currency = z.infer<typeof Currency>;

export const MAX_AMOUNT = 1_000_000_000_00; // one billion major units: far above any order, far below 2^53

export const Money = z.object({
  amount: z.number().int().min(0).max(MAX_AMOUNT),
  currency: Currency,
});
export type Money = Readonly<z.infer<typeof Money>>;

export const money = (amount: number, currency: Currency): Money => ({ amount, currency });

export const multiply = (m: Money, factor: number): Money => ({ amount: m.amount * factor, currency: m.currency });

export const sum = (items: readonly Money[], currency: Currency): Money =>
  items.reduce((total, m) => ({ amount: total.amount + m.amount, currency }), money(0, currency));
