import { z } from 'zod';

// Identifiers are branded strings: a Sku cannot be passed where an OrderId is expected.
const identifier = z.string().trim().min(1).max(128);

export const OrderId = identifier.brand<'OrderId'>();
export type OrderId = z.infer<typeof OrderId>;

export const CustomerId = identifier.brand<'CustomerId'>();
export type CustomerId = z.infer<typeof CustomerId>;

export const Sku = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,63}$/, 'must be upper-case letters, digits and dashes')
  .brand<'Sku'>();
export type Sku = z.infer<typeof Sku>;
