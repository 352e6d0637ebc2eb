import { spawnSync } from 'node:child_process';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { propertyReader } from '#adapters/stepfunctions/asl/runtime/property-reader.ts';

// The handler lookup reads the state's name through a function compiled from the name. These pin it
// to the keyed read it replaces, for any name, and show the fallback where compiling is disallowed.

const awkwardName = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(fc.constantFrom('"', "'", '\\', '`', '${', '\n', '\u2028', '\u2029', '\ud800', '\udc00', ']', ');'))
    .map((a) => a.join('')),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '-1', '', 'o', 'return'),
);

describe('propertyReader', () => {
  test.prop([awkwardName, fc.anything()])('reads what o[name] reads, for any name', (name, value) => {
    const read = propertyReader(name);
    const own: Record<string, unknown> = {};
    Object.defineProperty(own, name, { value, enumerable: true, configurable: true, writable: true });
    expect(read(own)).toBe(own[name]);
    const inherited = Object.create(own) as object;
    expect(read(inherited)).toBe((inherited as Record<string, unknown>)[name]);
    const empty = {};
    expect(read(empty)).toBe((empty as Record<string, unknown>)[name]);
  });

  it('is compiled per name where code generation is allowed', () => {
    expect(String(propertyReader('T1'))).toContain('return o["T1"]');
  });

  it('falls back to the keyed read, and tasks still find their handlers, where it is disallowed', () => {
    const script = `
      const { propertyReader } = await import('#adapters/stepfunctions/asl/runtime/property-reader.ts');
      const { runStateMachine } = await import('#adapters/stepfunctions/asl/state-machines.ts');
      const read = propertyReader('a"b');
      const r = await runStateMachine(
        { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', End: true } } },
        {},
        { taskHandlers: { T: async () => 'done' } },
      );
      console.log(JSON.stringify({ read: read({ 'a"b': 7 }), status: r.status, output: r.output }));`;
    const run = spawnSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ read: 7, status: 'SUCCEEDED', output: 'done' });
  });
});
