import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

/**
 * A loopback Messages API for tests: the real SDKs (`@anthropic-ai/sdk` and the Foundry, Vertex and
 * Bedrock clients built on it) talk to it over HTTP. Each request takes the next step of a script:
 * a streamed reply (recorded `.sse` fixture or built from text), an API error in the real body shape,
 * a reply cut mid-stream, or a hang. Every request is recorded with its headers and JSON body.
 */

/** One scripted answer. */
export type FakeStep =
  | {
      kind: 'reply';
      /** The assistant text, streamed as text deltas of `chunkSize` characters. */
      text?: string;
      /** A recorded stream instead: a file name in test/fixtures/anthropic/ or raw SSE text. */
      sse?: string;
      chunkSize?: number;
      /** Pause before each SSE event. */
      delayMs?: number;
      usage?: { inputTokens: number; outputTokens: number };
      /** Destroy the socket after this many characters of text were sent (a network cut). */
      cutAfterChars?: number;
      /** Send nothing more, and keep the connection open, after this many characters of text (a server that stalls mid-reply). */
      stallAfterChars?: number;
      /** Frame the events as Bedrock does (AWS binary event stream of base64 chunks) instead of SSE. */
      awsEventStream?: boolean;
    }
  | {
      kind: 'error';
      status: number;
      /** The API's `error.type` (default from the status: rate_limit_error, overloaded_error...). */
      type?: string;
      message?: string;
      /** Sent as the `retry-after` header, in seconds. */
      retryAfter?: string;
    }
  /** Accepts the request and never answers (for abort and timeout tests). */
  | { kind: 'hang' };

export interface FakeAnthropicOptions {
  /** Steps taken in order, one per request; the last one repeats. */
  script: FakeStep[];
  /** When set, any other key or token is answered with a 401 like the real API's. */
  apiKey?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: unknown;
  /** The client went away before the answer was complete. */
  aborted: boolean;
}

export interface FakeAnthropic {
  /** The base URL to give a client, e.g. `http://127.0.0.1:41234`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const FIXTURES = new URL('../fixtures/anthropic/', import.meta.url);

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Starts the server on 127.0.0.1 and a free port. */
export async function startFakeAnthropic(options: FakeAnthropicOptions): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const record: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: parseJson(Buffer.concat(chunks).toString('utf8')), aborted: false };
      requests.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.aborted = true;
      });
      const step = options.script[Math.min(next++, options.script.length - 1)];
      if (!authorised(req.headers, options.apiKey)) return sendError(res, { kind: 'error', status: 401, message: 'invalid x-api-key' });
      if (!step || step.kind === 'hang') return;
      if (step.kind === 'error') return sendError(res, step);
      void sendStream(res, step);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Messages SSE events for a reply of `text`, in `chunkSize`-character deltas. */
export function sseFromText(text: string, options: { chunkSize?: number; usage?: { inputTokens: number; outputTokens: number }; model?: string } = {}): string {
  const size = options.chunkSize ?? 16;
  const usage = options.usage ?? { inputTokens: 1200, outputTokens: 180 };
  const events: Array<[string, unknown]> = [
    ['message_start', { type: 'message_start', message: { id: 'msg_fake', type: 'message', role: 'assistant', model: options.model ?? 'claude-haiku-5-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.inputTokens, output_tokens: 1 } } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['ping', { type: 'ping' }],
  ];
  for (let i = 0; i < text.length; i += size) {
    events.push(['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: text.slice(i, i + size) } }]);
  }
  events.push(
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.outputTokens } }],
    ['message_stop', { type: 'message_stop' }],
  );
  return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

/** A recorded stream from test/fixtures/anthropic/. */
export function loadSseFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

function authorised(headers: IncomingHttpHeaders, apiKey: string | undefined): boolean {
  const given = headers['x-api-key'] ?? /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  if (apiKey === undefined) return true;
  return given === apiKey;
}

function sendError(res: ServerResponse, step: Extract<FakeStep, { kind: 'error' }>): void {
  const type = step.type ?? ERROR_TYPES[step.status] ?? 'api_error';
  const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': 'req_fake' };
  if (step.retryAfter !== undefined) headers['retry-after'] = step.retryAfter;
  res.writeHead(step.status, headers);
  res.end(JSON.stringify({ type: 'error', error: { type, message: step.message ?? type.replace(/_/g, ' ') }, request_id: 'req_fake' }));
}

async function sendStream(res: ServerResponse, step: Extract<FakeStep, { kind: 'reply' }>): Promise<void> {
  const sse = step.sse === undefined ? sseFromText(step.text ?? '', step) : step.sse.includes('event:') ? step.sse : loadSseFixture(step.sse);
  const contentType = step.awsEventStream ? 'application/vnd.amazon.eventstream' : 'text/event-stream';
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', 'request-id': 'req_fake' });
  let sent = 0;
  for (const event of sse.split(/\n\n(?=event:)/)) {
    if (res.destroyed) return;
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    const text = /"text_delta","text":(".*?(?<!\\)")/.exec(event)?.[1];
    sent += text === undefined ? 0 : (JSON.parse(text) as string).length;
    res.write(step.awsEventStream ? awsChunkFrame(event) : event.endsWith('\n\n') ? event : `${event}\n\n`);
    if (step.stallAfterChars !== undefined && sent >= step.stallAfterChars) return;
    if (step.cutAfterChars !== undefined && sent >= step.cutAfterChars) {
      // Let the bytes leave, then drop the connection like a flaky network would.
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.socket?.destroy();
      return;
    }
  }
  res.end();
}

/**
 * One SSE event as a Bedrock `chunk` frame of the AWS event stream encoding: a prelude (total and
 * header lengths, CRC32), string headers, a JSON body `{"bytes": base64(event data)}`, and a CRC32.
 */
function awsChunkFrame(event: string): Buffer {
  const data = /^data: (.*)$/m.exec(event)?.[1] ?? '{}';
  const headers = Buffer.concat(
    Object.entries({ ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' }).map(([name, value]) => {
      const header = Buffer.alloc(1 + name.length + 3 + value.length);
      header.writeUInt8(name.length, 0);
      header.write(name, 1);
      header.writeUInt8(7, 1 + name.length); // 7: string
      header.writeUInt16BE(value.length, 2 + name.length);
      header.write(value, 4 + name.length);
      return header;
    }),
  );
  const body = Buffer.from(JSON.stringify({ bytes: Buffer.from(data).toString('base64') }));
  const total = 12 + headers.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headers.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, headers, body]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(crc32(message), 0);
  return Buffer.concat([message, trailer]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
