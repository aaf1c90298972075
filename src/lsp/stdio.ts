import { format } from 'node:util';
import { trimWhenQuiet } from '../watch/memory-trim.js';
import { runLanguageServer } from './server.js';

/**
 * The server on this process's stdin and stdout; resolves once the editor is gone. stdout carries
 * the protocol, so what any library prints through `console` goes to stderr (the editor's server
 * log) instead of corrupting a message.
 */
export async function serveStdio(options: { offline: boolean }): Promise<void> {
  const toStderr = (...args: unknown[]): void => void process.stderr.write(`${format(...args)}\n`);
  Object.assign(console, { log: toStderr, info: toStderr, debug: toStderr, warn: toStderr });
  // Between saves the server is idle: it gives back the memory its bursts of work grew, as watch does.
  const trim = trimWhenQuiet();
  try {
    await runLanguageServer({ input: process.stdin, output: process.stdout, offline: options.offline, onActivity: () => trim.activity() });
  } finally {
    trim.close();
  }
}
