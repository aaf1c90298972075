/**
 * Waits `ms`, or rejects with `reason()` as soon as `signal` aborts: retry back-offs must never
 * keep a cancelled review or index run alive.
 */
export function sleep(ms: number, signal: AbortSignal | undefined, reason: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(reason());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
