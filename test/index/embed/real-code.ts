import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Real code for the local-embedding tests: installed dependencies' sources. */
const COMMANDER = join(process.cwd(), 'node_modules', 'commander', 'lib');
const CHUNKED_DIRS = ['commander/lib', 'picomatch/lib', 'diff/libesm'].map((dir) => join(process.cwd(), 'node_modules', dir));

/** The source of commander's `lib/<file>` as written. */
export function commanderFile(file: string): string {
  return readFileSync(join(COMMANDER, file), 'utf8');
}

/**
 * One function or method from commander's `lib/<file>`: from the line starting with `header` to the
 * first later line that closes it at the same indentation.
 */
export function commanderFunction(file: string, header: string): string {
  const lines = commanderFile(file).split('\n');
  const start = lines.findIndex((line) => line.trimStart().startsWith(header));
  if (start < 0) throw new Error(`no ${header} in ${file}`);
  const indent = (lines[start] ?? '').length - (lines[start] ?? '').trimStart().length;
  const end = lines.findIndex((line, i) => i > start && line === `${' '.repeat(indent)}}`);
  return lines.slice(start, end + 1).join('\n');
}

/** `source` with each whole-word identifier in `renames` replaced: a near-copy written by someone else. */
export function renamed(source: string, renames: Record<string, string>): string {
  return source.replace(/[A-Za-z_$][\w$]*/g, (word) => renames[word] ?? word);
}

/** The JavaScript files of commander, picomatch and diff cut into windows of `lines` lines (the shape of index chunks). */
export function realChunks(lines: number): string[] {
  const chunks: string[] = [];
  for (const dir of CHUNKED_DIRS) {
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js')).sort()) {
      const all = readFileSync(join(dir, file), 'utf8').split('\n');
      for (let i = 0; i < all.length; i += lines) {
        const chunk = all.slice(i, i + lines).join('\n');
        if (chunk.trim().length >= 200) chunks.push(chunk);
      }
    }
  }
  return chunks;
}
