import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received. */
export interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** Answers the n-th request (0-based); may leave the response hanging to simulate a stuck server. */
export type Responder = (request: Received, response: ServerResponse, n: number) => void;

/** A real HTTP server on 127.0.0.1 with an OS-chosen port. */
export interface Loopback {
  baseUrl: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startLoopback(respond: Responder): Promise<Loopback> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (part: string) => (text += part));
    req.on('end', () => {
      const request = { url: req.url ?? '', headers: req.headers, body: JSON.parse(text) as Record<string, unknown> };
      received.push(request);
      respond(request, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes a JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** An OpenAI/Voyage-shaped answer: one unnormalised vector per input, listed in reverse to test `index`. */
export function embeddingsFor(input: unknown, dimensions = 3): unknown {
  const texts = input as string[];
  const data = texts.map((text, index) => ({ index, embedding: Array.from({ length: dimensions }, (_, i) => (i === 0 ? text.length : 1)) }));
  return { object: 'list', data: data.reverse() };
}
