// Cooperative cancellation for branches: a failing Parallel branch or Map iteration cancels its
// siblings, stop() and the execution timeout cancel everything. Children follow their parent.

export type CancelScope = {
  readonly isCancelled: () => boolean;
  readonly onCancel: (listener: () => void) => () => void;
  readonly cancel: () => void;
  readonly child: () => CancelScope;
};

export const createCancelScope = (): CancelScope => {
  let cancelled = false;
  const listeners = new Set<() => void>();
  const scope: CancelScope = {
    isCancelled: () => cancelled,
    onCancel: (listener) => {
      if (cancelled) {
        listener();
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      const all = [...listeners];
      listeners.clear();
      for (const l of all) l();
    },
    child: () => {
      const c = createCancelScope();
      const off = scope.onCancel(c.cancel);
      c.onCancel(off);
      return c;
    },
  };
  return scope;
};
