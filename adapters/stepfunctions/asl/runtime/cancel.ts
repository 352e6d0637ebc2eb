// Cooperative cancellation for branches: a failing Parallel branch or Map iteration cancels its
// siblings, stop() and the execution timeout cancel everything. Children follow their parent.
// Methods (not arrow properties) so that creating a scope per Map item stays cheap.

export type CancelScope = {
  isCancelled(): boolean;
  onCancel(listener: () => void): () => void;
  cancel(): void;
  child(): CancelScope;
  /** Stops following the parent; call once a child scope's work is over so the parent does not keep it. */
  detach(): void;
};

export const createCancelScope = (): CancelScope & { follow(off: () => void): void } => {
  let cancelled = false;
  let unfollow: (() => void) | undefined;
  let listeners: Set<() => void> | undefined;
  const scope: CancelScope & { follow(off: () => void): void } = {
    follow(off) {
      unfollow = off;
    },
    isCancelled() {
      return cancelled;
    },
    onCancel(listener) {
      if (cancelled) {
        listener();
        return noop;
      }
      listeners ??= new Set();
      const set = listeners;
      set.add(listener);
      return () => set.delete(listener);
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      const all = listeners === undefined ? [] : [...listeners];
      listeners = undefined;
      for (const l of all) l();
    },
    child() {
      const c = createCancelScope();
      c.follow(scope.onCancel(() => c.cancel()));
      return c;
    },
    detach() {
      unfollow?.();
      unfollow = undefined;
    },
  };
  return scope;
};

function noop(): boolean {
  return false;
}
