// How much a long-running local process (`npm start`, `npm run import`) keeps in memory for inspection: enough to
// look back, flat however many orders pass through (see ARCHITECTURE.md, "The local runtime").

/** Committed events the outbox keeps. */
export const RETAINED_EVENTS = 10_000;
/** Finished saga executions kept with their history; older ones keep only their name. */
export const RETAINED_EXECUTIONS = 1_000;
