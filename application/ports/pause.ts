import type { ResultAsync } from 'neverthrow';

/**
 * Waits `ms` milliseconds. Injected, like the clock, so that nothing below adapters/ sets timers: tests wait on
 * virtual time, the local runtime on its scheduler, Lambda on a real timer.
 */
export type Pause = (ms: number) => ResultAsync<void, never>;
