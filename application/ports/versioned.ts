/** A stored state and its version; version 0 means "not stored yet". */
export type Versioned<T> = Readonly<{ state: T; version: number }>;

export type Page<T> = Readonly<{ items: readonly T[]; nextCursor?: string }>;
