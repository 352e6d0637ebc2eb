// No `import 'reflect-metadata'`: inversify 8 loads the lite polyfill it needs itself, and with explicit tokens
// and factory bindings nothing here reads decorator metadata (the full polyfill cost every bundle ~13 kB).
import { Container, type ContainerModule } from 'inversify';
import { envelopesModule } from './use-cases/deps.ts';

/** A container over the given use case and port modules (and the envelopes every write use case needs). */
export const composeContainer = (...modules: ContainerModule[]): Container => {
  // Every binding is built once per container (once per cold start in a Lambda): modules need not say so.
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(envelopesModule, ...modules);
  return container;
};
