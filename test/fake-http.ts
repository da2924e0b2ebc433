// Test support: a plain-HTTP server on 127.0.0.1 that logs `METHOD /path` of every request and hands
// it to `handler` with its ordinal (1 for the first request; a fake registry, catalog or mirror).
// `close()` drops open connections first.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeHttpServer {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  /** `METHOD /path` of every request so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startFakeHttp(handler: (request: IncomingMessage, response: ServerResponse, ordinal: number) => void): Promise<FakeHttpServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    handler(request, response, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    host: `127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
