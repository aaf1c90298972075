import type { IndexDb } from './open.js';

/**
 * Lines `start`..`end` of a golden file as the index holds them (from its chunks), or undefined
 * when the index does not show that file. Used to quote a convention's cited examples.
 */
export function goldenLines(db: IndexDb, repo: string, path: string, start: number, end: number): string | undefined {
  const rows = db
    .prepare(
      `SELECT c.start_line AS startLine, c.text FROM chunks c
       JOIN files f ON f.blob_sha = c.blob_sha JOIN repos r ON r.id = f.repo_id
       WHERE r.name = ? AND f.path = ? AND c.end_line >= ? AND c.start_line <= ?
       ORDER BY c.start_line`,
    )
    .all(repo, path, start, end) as Array<{ startLine: number; text: string }>;
  if (rows.length === 0) return undefined;
  const lines = new Map<number, string>();
  for (const row of rows) row.text.split('\n').forEach((line, i) => lines.set(row.startLine + i, line));
  const out: string[] = [];
  for (let line = start; line <= end; line++) out.push(lines.get(line) ?? '');
  return out.join('\n');
}
