// A local HTTP endpoint standing in for AWS services: a bundle run with ORDERLY_PORTS=aws and
// AWS_ENDPOINT_URL_<SERVICE> pointed here sends its real, signed SDK requests to it. Each request is recorded
// (method, path, X-Amz-Target, body) and answered by the test's `respond`.

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { md5OfAttributes } from '#adapters/memory/engines/queue.messages.ts';

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

type SqsEntry = { Id: string; MessageBody: string; MessageAttributes?: Record<string, MessageAttributeValue> };

/** SendMessageBatch's answer: every entry sent, with the checksums the SDK verifies (a wrong one fails the call). */
export const sendMessageBatchAnswer = (requestBody: string): StubResponse => {
  const { Entries } = JSON.parse(requestBody) as { Entries: SqsEntry[] };
  const Successful = Entries.map((e) => {
    const attributes = md5OfAttributes(e.MessageAttributes);
    return {
      Id: e.Id,
      MessageId: `msg-${e.Id}`,
      MD5OfMessageBody: createHash('md5').update(e.MessageBody, 'utf8').digest('hex'),
      ...(attributes && { MD5OfMessageAttributes: attributes }),
    };
  });
  return {
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({ Successful, Failed: [] }),
  };
};

/** PutEvents' answer: every entry accepted. */
export const putEventsAnswer = (requestBody: string): StubResponse => ({
  body: JSON.stringify({
    FailedEntryCount: 0,
    Entries: (JSON.parse(requestBody) as { Entries: unknown[] }).Entries.map((_, i) => ({ EventId: `ev-${i}` })),
  }),
});
