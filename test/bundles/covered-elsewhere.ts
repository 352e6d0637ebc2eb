/** The bundles test/bundles/bundles.test.ts invokes (the API routes and the authorizer); the rest are in non-http-bundles. */
export const HTTP_FUNCTIONS = [
  'place-order',
  'get-order',
  'list-orders',
  'update-order',
  'cancel-order',
  'decide-approval',
  'list-products',
].map((r) => `http-${r}`);

export const API_FUNCTIONS: readonly string[] = [...HTTP_FUNCTIONS, 'authorizer'];
