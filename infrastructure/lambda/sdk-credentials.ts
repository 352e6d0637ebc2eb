/**
 * Stands in for `@aws-sdk/credential-provider-node` inside the Lambda bundles (an esbuild alias in
 * scripts/bundle.ts). In Lambda the default chain always stops at its first link, the environment variables
 * the runtime sets for the execution role; the other links (SSO, ini files, process, web identity, IMDS) bring
 * STS and SSO clients along, about 95 kB that a function never runs. Same contract as the SDK's `fromEnv`.
 */
type Credentials = Readonly<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;

export const defaultProvider = (_init?: unknown) => async (): Promise<Credentials> => {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION } = process.env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) {
    throw Object.assign(
      new Error('no AWS credentials in the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)'),
      {
        name: 'CredentialsProviderError',
        tryNextLink: false,
      },
    );
  }
  return {
    accessKeyId: AWS_ACCESS_KEY_ID,
    secretAccessKey: AWS_SECRET_ACCESS_KEY,
    ...(AWS_SESSION_TOKEN && { sessionToken: AWS_SESSION_TOKEN }),
    ...(AWS_CREDENTIAL_EXPIRATION && { expiration: new Date(AWS_CREDENTIAL_EXPIRATION) }),
  };
};
