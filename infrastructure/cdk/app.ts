import { performance } from 'node:perf_hooks';
import { buildApp } from './build-app.ts';
import { cliContext } from './cli-context.ts';

/**
 * `npm run synth [-- -c key=value ...]`: there is no CDK CLI in this project, so this reads cdk.json's context
 * and the `-c`/`--context` flags itself (flags win), synthesizes into cdk.out/ with cdk-nag on, and needs no AWS
 * credentials: the stack is environment-agnostic.
 */
const started = performance.now();

const built = buildApp({
  context: cliContext(process.argv.slice(2)),
  outdir: process.env.CDK_OUTDIR ?? 'cdk.out',
  nag: true,
});
if (built.isErr()) {
  console.error(`Invalid configuration:\n${built.error.issues.map((i) => `  - ${i}`).join('\n')}`);
  process.exit(1);
}
const { app, stack, config } = built.value;
const { stubbed } = stack.functions;
if (stubbed.length > 0) {
  // Loud on purpose: a stub deploys fine and fails on its first invocation.
  console.warn(
    `WARNING ${stubbed.length} function(s) synthesized with a stub that throws (do not deploy; ` +
      `-c orderly:requireBundles=true makes this an error):\n${stubbed.map((s) => `  - ${s.name}: ${s.reason}`).join('\n')}`,
  );
}
const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName).template as { Resources?: Record<string, unknown> };
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${assembly.directory}/${stack.templateFile}: ${Object.keys(template.Resources ?? {}).length} resources, ` +
    `flows ${config.flows.join('+')}, routes ${
      Object.entries(config.routes)
        .filter(([, b]) => b === 'legacy')
        .map(([k]) => k)
        .join(', ') || 'none'
    } on legacy, ${seconds} s`,
);
