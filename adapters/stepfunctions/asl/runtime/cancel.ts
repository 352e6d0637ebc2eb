// Cooperative cancellation for branches: a failing Parallel branch or Map iteration cancels its
// siblings, stop() and the execution timeout cancel everything. Children follow their parent.
// Methods (not arrow properties) so that creating a scope per Map item stays cheap.

export type CancelScope = {
  isCancelled(): boolean;
  onCancel(listener: () => void): () => void;
  cancel(): void;
  child(): CancelScope;
};

export const createCancelScope = (): CancelScope => {
  let cancelled = false;
  let listeners: Set<() => void> | undefined;
  const scope: CancelScope = {
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
      c.onCancel(scope.onCancel(() => c.cancel()));
      return c;
    },
  };
  return scope;
};

function noop(): boolean {
  return false;
}
