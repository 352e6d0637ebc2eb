/** Exhaustiveness guard: reaching it is a bug, so it throws. */
export const assertNever = (value: never): never => {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
};
