import { describe, expect, it } from 'vitest';
import { CatFileParser, type CatFileFrame } from '../../src/golden/cat-file-parser.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function frame(sha: string, body: Buffer | string): Buffer {
  const bytes = Buffer.from(body);
  return Buffer.concat([Buffer.from(`${sha} blob ${bytes.length}\n`), bytes, Buffer.from('\n')]);
}

function parseInChunks(stream: Buffer, size: number): { frames: CatFileFrame[]; idle: boolean } {
  const parser = new CatFileParser();
  const frames: CatFileFrame[] = [];
  for (let at = 0; at < stream.length; at += size) frames.push(...parser.push(stream.subarray(at, at + size)));
  return { frames, idle: parser.idle };
}

describe('CatFileParser', () => {
  const stream = Buffer.concat([frame(A, 'line one\nline two\n'), Buffer.from('deadbeef missing\n'), frame(B, ''), frame(A, '\n\n')]);
  const expected = [
    { sha: A, type: 'blob', bytes: Buffer.from('line one\nline two\n') },
    { sha: 'deadbeef', missing: true },
    { sha: B, type: 'blob', bytes: Buffer.alloc(0) },
    { sha: A, type: 'blob', bytes: Buffer.from('\n\n') },
  ];

  it('parses frames, empty blobs, blobs made of newlines and missing names', () => {
    expect(parseInChunks(stream, stream.length)).toEqual({ frames: expected, idle: true });
  });

  it('gives the same frames however the output is split into chunks', () => {
    for (let size = 1; size <= 40; size++) expect(parseInChunks(stream, size)).toEqual({ frames: expected, idle: true });
  });

  it('reassembles a large blob delivered in 64 KiB chunks', () => {
    const big = Buffer.alloc(3_000_000, 7);
    const { frames } = parseInChunks(frame(A, big), 65_536);
    expect(frames).toHaveLength(1);
    expect((frames[0] as { bytes: Buffer }).bytes.equals(big)).toBe(true);
  });

  it('is not idle in the middle of a frame', () => {
    expect(parseInChunks(frame(A, 'abc').subarray(0, 50), 50).idle).toBe(false);
  });

  it('throws on output that is not cat-file framing', () => {
    expect(() => new CatFileParser().push(Buffer.from('fatal: oops\n'))).toThrow(/unexpected git cat-file output/);
  });
});
