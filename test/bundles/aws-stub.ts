// A local HTTP endpoint standing in for AWS services: a bundle run with ORDERLY_PORTS=aws and
// AWS_ENDPOINT_URL_<SERVICE> pointed here sends its real, signed SDK requests to it. Each request is recorded
// (method, path, X-Amz-Target, body) and answered by the test's `respond`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubRequest = Readonly<{
  method: string;
  path: string;
  target: string | undefined;
  authorization: string | undefined;
  body: string;
}>;
export type StubResponse = Readonly<{ status?: number; headers?: Record<string, string>; body: string }>;

export const startAwsStub = async (respond: (req: StubRequest) => StubResponse) => {
  const requests: StubRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: StubRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        target: req.headers['x-amz-target'] as string | undefined,
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = respond(recorded);
      res.writeHead(answer.status ?? 200, answer.headers ?? { 'content-type': 'application/x-amz-json-1.1' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

/** Signed with these: what the Lambda runtime puts in the environment for the function's role. */
export const fakeCredentials = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
};
