/** The current time. Injected so that nothing below adapters/ reads the system clock. */
export type Clock = () => Date;
