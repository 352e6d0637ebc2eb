import { createMemoryImportRepository } from '#adapters/memory/import-repository.memory.ts';
import { createMemoryOutbox } from '#adapters/memory/outbox.memory.ts';
import { importRepositoryContract } from './import-repository.contract.ts';

importRepositoryContract('memory', async () => {
  const outbox = createMemoryOutbox();
  return { port: createMemoryImportRepository({ outbox }), committedEvents: async () => outbox.committed() };
});
