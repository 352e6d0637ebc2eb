import { seedStock } from '../config/seed.ts';
import { localDataDir } from './gateway/local-data.ts';
import { type ImportCliOptions, parseCli, usage } from './import-cli.args.ts';
import { fileErrorMessage, readImportFile } from './import-cli.file.ts';
import { progressSink } from './import-cli.progress.ts';
import { jsonReport, textReport } from './import-cli.report.ts';
import { runImport } from './import-cli.run.ts';
import { openImportSystem } from './import-cli.system.ts';
import { dataDirInUseMessage } from './persistence/data-lock.ts';

/** Exit statuses (also in the usage text). */
const EXIT = { completed: 0, incomplete: 1, usage: 2, dataDirInUse: 3, interrupted: 130 } as const;

const importFile = async (options: ImportCliOptions): Promise<number> => {
  const file = await readImportFile(options.file);
  if (file.isErr()) {
    console.error(`orderly import: ${fileErrorMessage(file.error)}`);
    return EXIT.usage;
  }
  const progress = progressSink(process.stderr, { quiet: options.quiet });
  for (const warning of file.value.warnings) progress.note(`warning: ${warning}`);
  const dataDir = options.memory ? undefined : localDataDir();
  const placedOrders = new Map<number, string>();
  let splitterGaveUp = false;
  const opened = await openImportSystem({
    mode: options.mode,
    ...(dataDir !== undefined && { dataDir }),
    reset: options.reset,
    ...(options.approvalThreshold !== undefined && { approvalThreshold: options.approvalThreshold }),
    ...(options.seedStock !== undefined && {
      stock: Object.fromEntries(Object.keys(seedStock).map((sku) => [sku, options.seedStock ?? 0])),
    }),
    ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
    log: {
      info: () => {},
      warn: (message, fields) => {
        progress.note(`warning: ${message} ${JSON.stringify(fields)}`);
        if (message === 'csv-splitter failed' && fields.retried === false) splitterGaveUp = true;
      },
    },
    onPlaced: (rows) => {
      for (const { row, orderId } of rows) placedOrders.set(row, orderId);
    },
  });
  if (opened.isErr()) {
    console.error(`orderly import: ${dataDirInUseMessage(opened.error)}`);
    return EXIT.dataDirInUse;
  }
  const sys = opened.value;
  // Every save is one journal line, so stopping anywhere keeps a consistent folder; exiting releases the lock.
  const interrupted = (signal: string) => {
    progress.done();
    console.error(
      `orderly import: ${signal}, stopped. ${dataDir === undefined ? 'Nothing was kept (--memory).' : 'Orders placed so far are kept; run the same file again to finish it (no twin orders).'}`,
    );
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', () => interrupted('SIGINT'));
  process.once('SIGTERM', () => interrupted('SIGTERM'));
  try {
    const result = await runImport(sys, file.value, {
      placedOrders,
      onProgress: progress.update,
      abandoned: () => splitterGaveUp,
      settleMaxMs: options.settleTimeoutMs,
    });
    progress.done();
    const context = {
      file: options.file,
      mode: options.mode,
      warnings: file.value.warnings,
      ...(dataDir !== undefined && { dataDir }),
    };
    process.stdout.write(
      options.json ? `${JSON.stringify(jsonReport(result, context), null, 2)}\n` : textReport(result, context),
    );
    return result.completed ? EXIT.completed : EXIT.incomplete;
  } finally {
    progress.done();
    await sys.close(10_000);
  }
};

/**
 * `npm run import -- orders.csv`: the CSV import flow on the local runtime, against the same data folder as
 * `npm start` (locked while it runs), with progress on stderr and the summary on stdout.
 */
const main = async (): Promise<number> => {
  const request = parseCli(process.argv.slice(2), process.env);
  if (request.isErr()) {
    console.error(`orderly import: ${request.error}\n\n${usage}`);
    return EXIT.usage;
  }
  if (request.value.kind === 'help') {
    console.log(usage);
    return EXIT.completed;
  }
  return importFile(request.value.options);
};

/** Resolves once what was written to the stream has been handed to the OS (a pipe may be asynchronous). */
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

// An explicit exit, as `npm start` does on stop: a saga parked on an approval keeps its interpreter's timeout timer
// (a day long) even after the system is stopped, and would keep the process alive.
main()
  .catch((e: unknown) => {
    console.error(`orderly import failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.incomplete;
  })
  .then(async (code) => {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  });
