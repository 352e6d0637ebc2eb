import { z } from 'zod';

const line = z.string().trim().min(1).max(200);

export const ShippingAddress = z.object({
  name: line,
  line1: line,
  line2: line.optional(),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
});
export type ShippingAddress = Readonly<z.infer<typeof ShippingAddress>>;
