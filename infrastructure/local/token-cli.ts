import { parseArgs } from 'node:util';
import { createLocalIssuer } from '#adapters/lambda/auth/local-issuer.ts';
import { localIssuerKey } from './gateway/local-data.ts';

const usage = 'usage: npm run --silent token -- --customer <id> [--role admin]... [--expires 1h]';

/** `npm run --silent token -- --customer c-1 [--role admin]`: a bearer JWT the local authorizer trusts, on stdout. */
const main = async () => {
  const { values } = parseArgs({
    options: {
      customer: { type: 'string', short: 'c' },
      role: { type: 'string', short: 'r', multiple: true },
      expires: { type: 'string', short: 'e', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const customerId = values.customer?.trim();
  if (!customerId) {
    console.error(`--customer is required\n${usage}`);
    return 2;
  }
  const issuer = await createLocalIssuer({ privateJwk: await localIssuerKey() });
  const token = await issuer.issueToken({ customerId, roles: values.role ?? [], expiresIn: values.expires });
  process.stdout.write(`${token}\n`);
  return 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  },
);
