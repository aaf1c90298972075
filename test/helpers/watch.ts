import { afterEach, vi } from 'vitest';
import { createWatchSession, type WatchSession, type WatchSessionOptions } from '../../src/watch/session.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { removeTempDirs } from './git.js';

/**
 * Watch sessions for the tests of one file: `open` starts recording a session's events, and after
 * each test every session opened is quit, stubbed env vars restored and temp folders removed.
 */
export function useWatchSessions(): (options: WatchSessionOptions) => { session: WatchSession; events: WatchEvent[] } {
  const opened: WatchSession[] = [];
  afterEach(async () => {
    for (const session of opened.splice(0)) await session.quit();
    vi.unstubAllEnvs();
    removeTempDirs();
  });
  return (options) => {
    const session = createWatchSession(options);
    const events: WatchEvent[] = [];
    session.subscribe((event) => events.push(event));
    opened.push(session);
    return { session, events };
  };
}

/** Polls until `found()` holds (30 s at most); on timeout the error lists the events seen. */
export async function waitForEvents(events: WatchEvent[], found: () => boolean): Promise<void> {
  for (let tries = 0; tries < 600 && !found(); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!found()) throw new Error(`timed out; events: ${events.map((event) => event.type).join(', ')}`);
}
