// Cooperative cancellation for branches: a failing Parallel branch or Map iteration cancels its
// siblings, stop() and the execution timeout cancel everything. Children follow their parent.

export type CancelScope = {
  isCancelled(): boolean;
  onCancel(listener: () => void): () => void;
  cancel(): void;
  child(): CancelScope;
  /** Stops following the parent; call once a child scope's work is over so the parent does not keep it. */
  detach(): void;
  /**
   * A single listener slot for the task attempt in flight in this scope's frame (a frame runs one
   * state at a time): `fn(target)` runs on cancellation. Unlike onCancel, holding and releasing
   * allocate nothing, which matters because every asynchronous task attempt uses it.
   */
  hold<T>(target: T, fn: (target: T) => void): void;
  release(): void;
};

/**
 * A class, unlike most of this adapter: a scope is created per Map item and per Parallel branch,
 * and prototype methods cost nothing per instance where closures over local state cost one
 * function object per method per scope.
 */
class Scope implements CancelScope {
  #cancelled = false;
  #unfollow: (() => void) | undefined = undefined;
  #listeners: Set<() => void> | undefined = undefined;
  #heldTarget: unknown = undefined;
  #heldFn: ((target: unknown) => void) | undefined = undefined;

  isCancelled(): boolean {
    return this.#cancelled;
  }
  onCancel(listener: () => void): () => void {
    if (this.#cancelled) {
      listener();
      return noop;
    }
    this.#listeners ??= new Set();
    const set = this.#listeners;
    set.add(listener);
    return () => set.delete(listener);
  }
  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    const all = this.#listeners === undefined ? [] : [...this.#listeners];
    this.#listeners = undefined;
    const fn = this.#heldFn;
    const target = this.#heldTarget;
    this.release();
    if (fn !== undefined) fn(target);
    for (const l of all) l();
  }
  child(): CancelScope {
    const c = new Scope();
    c.#unfollow = this.onCancel(() => c.cancel());
    return c;
  }
  detach(): void {
    this.#unfollow?.();
    this.#unfollow = undefined;
  }
  hold<T>(target: T, fn: (target: T) => void): void {
    if (this.#cancelled) {
      fn(target);
      return;
    }
    this.#heldTarget = target;
    this.#heldFn = fn as (target: unknown) => void;
  }
  release(): void {
    this.#heldTarget = undefined;
    this.#heldFn = undefined;
  }
}

export const createCancelScope = (): CancelScope => new Scope();

function noop(): boolean {
  return false;
}
