// Child-process side of the bundle test and the cold-start bench: imports one built bundle the way the Lambda
// runtime does (a fresh Node process, ESM import of index.mjs), invokes its handler with each event in turn,
// and prints the results, the init time (import + first invocation; wall clock, and the CPU time the process spent
// in it, which a busy machine disturbs less) and the peak RSS on a marker line.
// Plain .mjs on purpose: nothing here may go through tsx or vitest.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// The events: a JSON array given inline, or the path of a file holding one.
const [bundle, events] = process.argv.slice(2);
const eventsJson = events.trimStart().startsWith('[') ? events : readFileSync(events, 'utf8');
const context = { functionName: 'bundle-test', awsRequestId: 'bundle-test-request' };
// With active tracing the Lambda runtime sets _X_AMZN_TRACE_ID around each invocation, not while the code
// initializes: a trace header passed in is held back until the first invocation, as there.
const traceHeader = process.env._X_AMZN_TRACE_ID;
delete process.env._X_AMZN_TRACE_ID;
const started = performance.now();
const cpuStarted = process.cpuUsage();
const { handler } = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - started;
const results = [];
let initMs = importMs;
let initCpuMs = 0;
for (const event of JSON.parse(eventsJson)) {
  if (traceHeader) process.env._X_AMZN_TRACE_ID = traceHeader;
  try {
    results.push({ ok: await handler(event, context) });
  } catch (error) {
    results.push({ thrown: String(error) });
  }
  if (results.length === 1) {
    initMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    initCpuMs = (cpu.user + cpu.system) / 1000;
  }
}
const maxRssKb = process.resourceUsage().maxRSS;
process.stdout.write(`\n@@RESULT ${JSON.stringify({ importMs, initMs, initCpuMs, maxRssKb, results })}\n`);
