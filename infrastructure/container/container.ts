// No `import 'reflect-metadata'`: inversify 8 loads the lite polyfill it needs itself, and with explicit tokens
// and factory bindings nothing here reads decorator metadata (the full polyfill cost every bundle ~13 kB).
import { Container, type ContainerModule } from 'inversify';
import { useCasesModule } from './use-cases.module.ts';

/** The composition root: the use cases plus the modules that bind their ports (memory, aws or local). */
export const buildContainer = (...portModules: ContainerModule[]): Container => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(useCasesModule, ...portModules);
  return container;
};
