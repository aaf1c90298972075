import { format } from 'node:util';
import { runLanguageServer } from './server.js';

/**
 * The server on this process's stdin and stdout; resolves once the editor is gone. stdout carries
 * the protocol, so what any library prints through `console` goes to stderr (the editor's server
 * log) instead of corrupting a message.
 */
export async function serveStdio(options: { offline: boolean }): Promise<void> {
  const toStderr = (...args: unknown[]): void => void process.stderr.write(`${format(...args)}\n`);
  Object.assign(console, { log: toStderr, info: toStderr, debug: toStderr, warn: toStderr });
  await runLanguageServer({ input: process.stdin, output: process.stdout, offline: options.offline });
}
