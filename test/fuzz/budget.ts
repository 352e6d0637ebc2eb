/**
 * How many generated inputs each fuzz property runs. The README's results table reads these numbers, so what it
 * claims is what the suite runs. FUZZ_RUNS raises (or lowers) every budget at once for a longer local hunt.
 */
const scale = Number(process.env.FUZZ_RUNS ?? 1_000) / 1_000;
const runs = (n: number) => Math.max(1, Math.round(n * scale));

/** Malformed requests per HTTP route (each driven directly with an API Gateway v2 event). */
export const HTTP_RUNS_PER_ROUTE = runs(1_000);
/** Malformed events per consumer, called directly (SQS batch or EventBridge target). */
export const CONSUMER_RUNS = runs(1_000);
/**
 * Malformed messages per queue and events per function target pushed through the whole in-process system
 * (queue + event-source mapping + DLQ, bus + retries + DLQ). Each costs ~5-8 ms of engine work, so the default
 * is 200 (the 1,000 per consumer above already hit each handler directly); FUZZ_RUNS=5000 makes it 1,000.
 */
export const SYSTEM_MESSAGES_PER_CONSUMER = runs(200);
