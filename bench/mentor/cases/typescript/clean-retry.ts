/** How many times a request is tried before its last error is thrown. */
const MAX_ATTEMPTS = 3;
/** Each request gives up after this long, so a stalled server cannot hang the caller. */
const REQUEST_TIMEOUT_MS = 10_000;

export class RequestFailedError extends Error {}

/**
 * Fetches `url` as JSON, retrying network failures and 5xx answers with a growing delay.
 * Throws RequestFailedError with the last failure as its cause.
 */
export async function fetchJsonWithRetry<T>(url: string, init: RequestInit = {}): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (response.status < 500) {
        if (!response.ok) throw new RequestFailedError(`${url} answered ${response.status}`);
        return (await response.json()) as T;
      }
      lastError = new Error(`${url} answered ${response.status}`);
    } catch (error) {
      if (error instanceof RequestFailedError) throw error;
      lastError = error;
    }
    await sleep(250 * 2 ** attempt);
  }
  throw new RequestFailedError(`${url} failed after ${MAX_ATTEMPTS} attempts`, { cause: lastError });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
