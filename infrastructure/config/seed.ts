import type { Product } from '#app/ports/catalog.ts';
import { Sku } from '#domain/shared/ids.ts';

const product = (sku: string, name: string, amount: number): Product => ({
  sku: Sku.parse(sku),
  name,
  price: { amount, currency: 'EUR' },
});

/** The demo catalog: prices in minor units (cents). */
export const seedProducts: readonly Product[] = [
  product('BOOK-DDD', 'Domain-Driven Design (hardcover)', 5_490),
  product('BOOK-EIP', 'Enterprise Integration Patterns', 6_250),
  product('MUG-LAMBDA', 'Lambda mug', 1_500),
  product('TEE-EVENTS', 'Events-first T-shirt', 2_500),
  product('KBD-MECH', 'Mechanical keyboard', 14_900),
  product('LAPTOP-PRO', 'Laptop Pro 16"', 249_900),
  product('DESK-OAK', 'Standing desk, oak', 89_900),
  product('LIMITED-PRINT', 'Signed limited print', 12_000),
];

/** On-hand stock per SKU at the start. LIMITED-PRINT is scarce on purpose, for out-of-stock demos. */
export const seedStock: Readonly<Record<string, number>> = {
  'BOOK-DDD': 500,
  'BOOK-EIP': 500,
  'MUG-LAMBDA': 1_000,
  'TEE-EVENTS': 800,
  'KBD-MECH': 200,
  'LAPTOP-PRO': 50,
  'DESK-OAK': 40,
  'LIMITED-PRINT': 3,
};

/** Orders at or above this total (minor units) wait for a human approval. */
export const DEFAULT_APPROVAL_THRESHOLD = 100_000;
export const DEFAULT_CURRENCY = 'EUR';
