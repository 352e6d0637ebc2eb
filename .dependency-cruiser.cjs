/** Layer rules of the hexagon (see ARCHITECTURE.md). Run by `npm run layers`, part of `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ may import only domain/, zod and neverthrow: no I/O, no SDKs, no node builtins',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: ['^domain/', 'node_modules/(zod|neverthrow)/'] },
    },
    {
      name: 'application-sees-only-domain',
      comment: 'application/ may import only domain/, application/, zod and neverthrow',
      severity: 'error',
      from: { path: '^application/' },
      to: { pathNot: ['^(domain|application)/', 'node_modules/(zod|neverthrow)/'] },
    },
    {
      name: 'adapters-do-not-compose',
      comment: 'adapters translate; only infrastructure/ composes',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: ['^infrastructure/', '^test/'] },
    },
    {
      name: 'container-only-in-infra',
      comment: 'inversify lives in infrastructure/container only',
      severity: 'error',
      from: { pathNot: ['^infrastructure/', '^test/'] },
      to: { path: 'node_modules/(inversify|@inversifyjs|reflect-metadata)/' },
    },
    {
      name: 'no-aws-below-adapters',
      severity: 'error',
      from: { path: '^(domain|application)/' },
      to: { path: 'node_modules/(@aws-sdk|@aws-lambda-powertools|aws-lambda|aws-cdk-lib)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'aws-lambda exists only as @types/aws-lambda (type-only imports)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
