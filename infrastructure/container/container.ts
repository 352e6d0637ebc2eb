import 'reflect-metadata';
import { Container, type ContainerModule } from 'inversify';
import { useCasesModule } from './use-cases.module.ts';

/** The composition root: the use cases plus the modules that bind their ports (memory, aws or local). */
export const buildContainer = (...portModules: ContainerModule[]): Container => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(useCasesModule, ...portModules);
  return container;
};
