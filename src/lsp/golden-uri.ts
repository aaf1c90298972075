import type { Citation } from '../index/citation.js';

/**
 * Golden code opened from a note is served by the server itself, read-only, at its pinned commit:
 * `archangel-golden://<repo>/<path>?commit=<sha>#L10-L20`. The repo name is one URI component
 * (`acme%2Fapi`), so names with a slash stay apart from the path.
 */
export const GOLDEN_SCHEME = 'archangel-golden';

/** A full git object name (sha-1 or sha-256): nothing else may reach `git cat-file`. */
const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** What a golden URI names: a file of a golden repo at a commit, and the lines cited when given. */
export interface GoldenRef {
  repo: string;
  path: string;
  commit: string;
  lines?: { start: number; end: number };
}

export function goldenUri(citation: Citation): string {
  const path = citation.path.split('/').map(encodeURIComponent).join('/');
  return `${GOLDEN_SCHEME}://${encodeURIComponent(citation.repo)}/${path}?commit=${citation.commit}#L${citation.startLine}-L${citation.endLine}`;
}

/** The file a golden URI names, or undefined when `uri` is not one (another scheme, no commit, a path climbing out). */
export function parseGoldenUri(uri: string): GoldenRef | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const commit = url.searchParams.get('commit') ?? '';
  if (url.protocol !== `${GOLDEN_SCHEME}:` || !COMMIT.test(commit)) return undefined;
  const segments = url.pathname.split('/').slice(1).map(decodeComponent);
  if (segments.length === 0 || segments.some((segment) => segment === undefined || segment === '' || segment === '.' || segment === '..')) return undefined;
  const repo = decodeComponent(url.host);
  if (!repo) return undefined;
  const lines = /^#L(\d+)(?:-L?(\d+))?$/.exec(url.hash);
  const start = Number(lines?.[1]);
  return { repo, path: segments.join('/'), commit, ...(lines ? { lines: { start, end: Number(lines[2] ?? start) } } : {}) };
}

function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
