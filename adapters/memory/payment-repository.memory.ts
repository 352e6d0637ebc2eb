import { errAsync, okAsync } from 'neverthrow';
import type { PaymentRepository } from '#app/ports/payment-repository.ts';
import type { Payment } from '#domain/payment/payment.ts';
import type { MemoryOutbox } from './outbox.memory.ts';
import { createVersionedTable, type VersionedTable } from './versioned-table.memory.ts';

export const createMemoryPaymentRepository = ({
  outbox,
  table = createVersionedTable<Payment>(),
}: {
  outbox: MemoryOutbox;
  table?: VersionedTable<Payment>;
}): PaymentRepository => ({
  load: (orderId) => okAsync(table.get(orderId)),
  save: (payment, { expectedVersion, events }) => {
    if (!table.check([[payment.orderId, expectedVersion]])) {
      return errAsync({ kind: 'VersionConflict', id: payment.orderId });
    }
    table.put([[payment.orderId, payment]]);
    outbox.append(events);
    return okAsync(expectedVersion + 1);
  },
});
