import type { Container, ContainerModule } from 'inversify';
import { composeContainer } from './compose.ts';
import { useCaseModules } from './use-cases.module.ts';

/** The composition root: every use case plus the modules that bind their ports (memory, aws or local). */
export const buildContainer = (...portModules: ContainerModule[]): Container =>
  composeContainer(...useCaseModules, ...portModules);
