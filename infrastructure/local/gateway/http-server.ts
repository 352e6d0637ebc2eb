import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Gateway, type GatewayResponse, tooLarge } from './gateway.ts';
import type { IncomingRequest } from './http-event.ts';

/** HTTP API's payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const readBody = (req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit)
        over = true; // keep draining so the client can read the 413
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

const write = (res: ServerResponse, r: GatewayResponse, requestId: string) => {
  // HTTP API answers every request with its request id (apigw-requestid), handy to correlate local logs.
  res.writeHead(r.statusCode, { ...r.headers, 'apigw-requestid': requestId, 'content-length': r.body.length });
  res.end(r.body);
};

export type RunningServer = Readonly<{ url: string; port: number; close: () => Promise<void> }>;

/** node:http in front of the gateway function; `port: 0` picks a free port (tests). */
export const listen = async (
  gateway: Gateway,
  { port, host = '127.0.0.1' }: Readonly<{ port: number; host?: string }>,
): Promise<RunningServer> => {
  const server: Server = createServer(async (req, res) => {
    const requestId = randomUUID();
    try {
      const body = await readBody(req, MAX_PAYLOAD_BYTES);
      if (body === 'too-large') return write(res, tooLarge(), requestId);
      const incoming: IncomingRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headersDistinct,
        body,
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        requestId,
        timeEpoch: Date.now(),
      };
      write(res, await gateway(incoming), requestId);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeIdleConnections();
      }),
  };
};
