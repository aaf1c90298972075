/** One object from `git cat-file --batch`, or the name it could not find. */
export type CatFileFrame = { sha: string; type: string; bytes: Buffer } | { sha: string; missing: true };

const LF = 0x0a;
const EMPTY = Buffer.alloc(0);

/**
 * Incremental parser for `git cat-file --batch` output: `<sha> <type> <size>\n<bytes>\n` per object,
 * `<name> missing\n` (or `ambiguous`) for names it cannot resolve. Frames may be split anywhere
 * across chunks; a large object is copied once into a buffer of its final size.
 */
export class CatFileParser {
  private header: Buffer = EMPTY;
  private body: { sha: string; type: string; buffer: Buffer; filled: number } | undefined;

  /** True between frames, i.e. when the output so far ended on a frame boundary. */
  get idle(): boolean {
    return this.body === undefined && this.header.length === 0;
  }

  /** Consumes one chunk of stdout and returns the frames it completed. */
  push(chunk: Buffer): CatFileFrame[] {
    const frames: CatFileFrame[] = [];
    let data = chunk;
    while (data.length > 0) {
      if (this.body) {
        const body = this.body;
        const count = Math.min(body.buffer.length - body.filled, data.length);
        data.copy(body.buffer, body.filled, 0, count);
        body.filled += count;
        data = data.subarray(count);
        if (body.filled === body.buffer.length) {
          frames.push({ sha: body.sha, type: body.type, bytes: withoutTrailingLf(body.buffer) });
          this.body = undefined;
        }
        continue;
      }
      const lf = data.indexOf(LF);
      if (lf === -1) {
        this.header = Buffer.concat([this.header, data]);
        break;
      }
      const line = Buffer.concat([this.header, data.subarray(0, lf)]).toString('latin1');
      this.header = EMPTY;
      data = data.subarray(lf + 1);
      const [sha = '', type = '', sizeText] = line.split(' ');
      if (sizeText === undefined && (type === 'missing' || type === 'ambiguous')) {
        frames.push({ sha, missing: true });
        continue;
      }
      const size = Number(sizeText);
      if (!Number.isSafeInteger(size) || size < 0) throw new Error(`unexpected git cat-file output: ${JSON.stringify(line)}`);
      if (data.length > size) {
        // The whole object is in this chunk: copy it out so the caller never pins the chunk.
        frames.push({ sha, type, bytes: withoutTrailingLf(Buffer.from(data.subarray(0, size + 1))) });
        data = data.subarray(size + 1);
      } else {
        this.body = { sha, type, buffer: Buffer.allocUnsafe(size + 1), filled: 0 };
      }
    }
    return frames;
  }
}

function withoutTrailingLf(buffer: Buffer): Buffer {
  if (buffer[buffer.length - 1] !== LF) throw new Error('git cat-file output lost its frame boundary');
  return buffer.subarray(0, buffer.length - 1);
}
