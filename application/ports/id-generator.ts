/** A new unique id. Injected so that nothing below adapters/ reads randomness. */
export type NewId = () => string;
