import type { RepoRow } from '../index/store/read.js';

/** "3 repos, indexed 2h ago" for the header. */
export function describeIndex(repos: RepoRow[], now: number = Date.now()): string {
  if (repos.length === 0) return "empty";
  const newest = Math.max(...repos.map((r) => r.indexedAt ?? 0));
  return `${repos.length} repo${repos.length === 1 ? '' : 's'}, indexed ${age(now - newest)}`;
}

function age(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours}h ago` : `${Math.round(hours / 24)}d ago`;
}
