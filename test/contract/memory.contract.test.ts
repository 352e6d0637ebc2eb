import { createMemoryApprovalTokens } from '#adapters/memory/approval-tokens.memory.ts';
import { createMemoryIdempotencyStore } from '#adapters/memory/idempotency-store.memory.ts';
import { createMemoryOrderRepository } from '#adapters/memory/order-repository.memory.ts';
import { createMemoryOutbox } from '#adapters/memory/outbox.memory.ts';
import { createMemoryPaymentRepository } from '#adapters/memory/payment-repository.memory.ts';
import { createMemoryStockRepository } from '#adapters/memory/stock-repository.memory.ts';
import { stockTableFrom } from '#infra/container/memory.module.ts';
import { approvalTokensContract } from './approval-tokens.contract.ts';
import { idempotencyStoreContract } from './idempotency-store.contract.ts';
import { orderRepositoryContract } from './order-repository.contract.ts';
import { paymentRepositoryContract } from './payment-repository.contract.ts';
import { stockRepositoryContract } from './stock-repository.contract.ts';

const withOutbox = <P>(build: (outbox: ReturnType<typeof createMemoryOutbox>) => P) => {
  const outbox = createMemoryOutbox();
  return { port: build(outbox), committedEvents: async () => outbox.committed() };
};

orderRepositoryContract('memory', async () => withOutbox((outbox) => createMemoryOrderRepository({ outbox })));
stockRepositoryContract('memory', async (seed) =>
  withOutbox((outbox) => createMemoryStockRepository({ outbox, table: stockTableFrom(seed) })),
);
paymentRepositoryContract('memory', async () => withOutbox((outbox) => createMemoryPaymentRepository({ outbox })));
idempotencyStoreContract('memory', async (setup) => createMemoryIdempotencyStore(setup));
approvalTokensContract('memory', async () => createMemoryApprovalTokens());
