import { ContainerModule } from 'inversify';
import { createMemoryApprovalTokens } from '#adapters/memory/approval-tokens.memory.ts';
import { createMemoryCatalog } from '#adapters/memory/catalog.memory.ts';
import { createMemoryIdempotencyStore } from '#adapters/memory/idempotency-store.memory.ts';
import { createMemoryOrderRepository } from '#adapters/memory/order-repository.memory.ts';
import { createMemoryOutbox, type MemoryOutbox } from '#adapters/memory/outbox.memory.ts';
import { createFakePaymentProvider, type FakePaymentProviderOptions } from '#adapters/memory/payment-provider.fake.ts';
import { createMemoryPaymentRepository } from '#adapters/memory/payment-repository.memory.ts';
import { createMemoryStockRepository } from '#adapters/memory/stock-repository.memory.ts';
import { randomIds, systemClock, timerPause } from '#adapters/memory/system.ts';
import { createVersionedTable, type VersionedTable } from '#adapters/memory/versioned-table.memory.ts';
import type { Product } from '#app/ports/catalog.ts';
import type { Clock } from '#app/ports/clock.ts';
import type { NewId } from '#app/ports/id-generator.ts';
import type { Pause } from '#app/ports/pause.ts';
import type { Versioned } from '#app/ports/versioned.ts';
import type { StockHold, StockItem } from '#domain/inventory/stock-item.ts';
import type { Order } from '#domain/order/order.ts';
import type { Payment } from '#domain/payment/payment.ts';
import { Sku } from '#domain/shared/ids.ts';
import { DEFAULT_APPROVAL_THRESHOLD, DEFAULT_CURRENCY, seedProducts, seedStock } from '../config/seed.ts';
import { type OrderingConfig, TOKENS } from './tokens.ts';

export type MemoryOptions = Readonly<{
  products?: readonly Product[];
  stock?: Readonly<Record<string, number>>;
  clock?: Clock;
  /** How a lost optimistic-concurrency race waits before retrying (a real timer by default; the scheduler locally). */
  pause?: Pause;
  newId?: NewId;
  payments?: FakePaymentProviderOptions;
  config?: Partial<OrderingConfig>;
  /** Pre-loaded storage (the local runtime's journal-backed tables, outbox and maps); fresh memory otherwise. */
  storage?: Partial<MemoryStorage>;
  /** Committed events a fresh outbox keeps for inspection (all by default; a long-running server keeps a window). */
  retainEvents?: number;
}>;

export type MemoryStorage = Readonly<{
  orders: VersionedTable<Order>;
  stock: VersionedTable<StockItem>;
  holds: VersionedTable<StockHold>;
  payments: VersionedTable<Payment>;
  outbox: MemoryOutbox;
  idempotency: NonNullable<Parameters<typeof createMemoryIdempotencyStore>[0]['entries']>;
  approvals: Map<string, string>;
}>;

export const stockTableFrom = (stock: Readonly<Record<string, number>>) =>
  createVersionedTable<StockItem>(
    Object.entries(stock).map(([sku, onHand]): [string, Versioned<StockItem>] => [
      sku,
      { state: { sku: Sku.parse(sku), onHand, reserved: 0 }, version: 1 },
    ]),
  );

/** Every port on an in-process adapter with the real semantics; the handles let tests and the runtime look inside. */
export const createMemoryAdapters = (options: MemoryOptions = {}) => {
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? {};
  const outbox =
    storage.outbox ?? createMemoryOutbox(options.retainEvents === undefined ? {} : { retain: options.retainEvents });
  const payments = createFakePaymentProvider(options.payments);
  return {
    clock,
    pause: options.pause ?? timerPause,
    newId: options.newId ?? randomIds,
    outbox,
    ledger: payments.ledger,
    config: {
      approvalThreshold: options.config?.approvalThreshold ?? DEFAULT_APPROVAL_THRESHOLD,
      currency: options.config?.currency ?? DEFAULT_CURRENCY,
    },
    orders: createMemoryOrderRepository({ outbox, ...(storage.orders && { table: storage.orders }) }),
    stock: createMemoryStockRepository({
      outbox,
      table: storage.stock ?? stockTableFrom(options.stock ?? seedStock),
      ...(storage.holds && { holds: storage.holds }),
    }),
    payments: createMemoryPaymentRepository({ outbox, ...(storage.payments && { table: storage.payments }) }),
    provider: payments.provider,
    catalog: createMemoryCatalog(options.products ?? seedProducts),
    idempotency: createMemoryIdempotencyStore({ clock, ...(storage.idempotency && { entries: storage.idempotency }) }),
    approvals: createMemoryApprovalTokens(storage.approvals),
  };
};
export type MemoryAdapters = ReturnType<typeof createMemoryAdapters>;

export const memoryModule = (adapters: MemoryAdapters) =>
  new ContainerModule(({ bind }) => {
    bind(TOKENS.config).toConstantValue(adapters.config);
    bind(TOKENS.clock).toConstantValue(adapters.clock);
    bind(TOKENS.pause).toConstantValue(adapters.pause);
    bind(TOKENS.newId).toConstantValue(adapters.newId);
    bind(TOKENS.orders).toConstantValue(adapters.orders);
    bind(TOKENS.stock).toConstantValue(adapters.stock);
    bind(TOKENS.payments).toConstantValue(adapters.payments);
    bind(TOKENS.provider).toConstantValue(adapters.provider);
    bind(TOKENS.catalog).toConstantValue(adapters.catalog);
    bind(TOKENS.idempotency).toConstantValue(adapters.idempotency);
    bind(TOKENS.approvals).toConstantValue(adapters.approvals);
  });
