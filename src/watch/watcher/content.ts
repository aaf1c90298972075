import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

/** Git's own test for binary content: a NUL byte in the first 8 KB. */
const BINARY_SNIFF_BYTES = 8192;

/** What a saved path holds now, as far as a review cares. */
export type Content =
  /** Gone (deleted, or renamed away by an editor's atomic save still in progress). */
  | { kind: 'missing' }
  /** Not a regular file (a folder, a socket), too big, binary or unreadable: never reviewed. */
  | { kind: 'skipped'; reason: 'not-a-file' | 'too-large' | 'binary' | 'unreadable' }
  /** Text, identified by its git blob id so it compares with what the index holds. */
  | { kind: 'text'; blob: string };

/** Reads a file once (after checking its size) and names its content by git blob id. */
export async function readContent(absolutePath: string, maxFileBytes: number): Promise<Content> {
  try {
    const stats = await stat(absolutePath);
    if (!stats.isFile()) return { kind: 'skipped', reason: 'not-a-file' };
    if (stats.size > maxFileBytes) return { kind: 'skipped', reason: 'too-large' };
    const bytes = await readFile(absolutePath);
    if (bytes.length > maxFileBytes) return { kind: 'skipped', reason: 'too-large' };
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { kind: 'skipped', reason: 'binary' };
    return { kind: 'text', blob: blobId(bytes) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'skipped', reason: 'unreadable' };
  }
}

/** The id git gives these bytes as a blob (`git hash-object`), without filters such as autocrlf. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
