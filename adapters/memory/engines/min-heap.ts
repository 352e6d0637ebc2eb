/** Binary min-heap: `before(a, b)` is true when a comes out first. The order of items neither comes before is unspecified. */
export const createMinHeap = <T>(before: (a: T, b: T) => boolean) => {
  const items: T[] = [];

  const swap = (i: number, j: number) => {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  };
  const up = (start: number) => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < items.length && before(items[l]!, items[smallest]!)) smallest = l;
      if (r < items.length && before(items[r]!, items[smallest]!)) smallest = r;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };

  return {
    push: (item: T) => {
      items.push(item);
      up(items.length - 1);
    },
    peek: (): T | undefined => items[0],
    pop: (): T | undefined => {
      const top = items[0];
      if (top === undefined) return undefined;
      const last = items.pop()!;
      if (items.length > 0) {
        items[0] = last;
        down(0);
      }
      return top;
    },
    size: () => items.length,
    clear: () => {
      items.length = 0;
    },
  };
};
