import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_LINES, STANDALONE_MIN_LINES, WINDOW_LINES } from '../../../src/index/chunk/budget.js';
import { chunkFile, type Chunk } from '../../../src/index/chunk/index.js';
import { detectLanguage, type Language } from '../../../src/index/language.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/code');

/** Fixtures end in `.txt` so tsc and eslint skip them; the name before it gives the language. */
function fixture(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');
}

async function chunksOf(name: string): Promise<Chunk[]> {
  const language = detectLanguage(name);
  if (!language) throw new Error(`no language for ${name}`);
  return chunkFile(fixture(name), language);
}

/** Every non-blank line in exactly one chunk, chunks in order, text exactly the lines they claim. */
function expectPartition(text: string, chunks: readonly Chunk[]): void {
  const lines = text.split('\n');
  const owner = new Array<number>(lines.length).fill(-1);
  chunks.forEach((chunk, index) => {
    expect(chunk.startLine).toBeGreaterThanOrEqual(1);
    expect(chunk.endLine).toBeGreaterThanOrEqual(chunk.startLine);
    expect(chunk.text).toBe(lines.slice(chunk.startLine - 1, chunk.endLine).join('\n'));
    expect(chunk.text.split('\n')[0]?.trim(), `chunk ${index} starts blank`).not.toBe('');
    expect(chunk.text.split('\n').at(-1)?.trim(), `chunk ${index} ends blank`).not.toBe('');
    for (let row = chunk.startLine - 1; row < chunk.endLine; row++) {
      expect(owner[row], `line ${row + 1} in two chunks`).toBe(-1);
      owner[row] = index;
    }
  });
  lines.forEach((line, row) => {
    if (line.trim() !== '') expect(owner[row], `line ${row + 1} in no chunk: ${line}`).not.toBe(-1);
  });
}

function bySymbol(chunks: readonly Chunk[], symbol: string): Chunk[] {
  return chunks.filter((chunk) => chunk.symbol === symbol);
}

describe('chunkFile on real files', () => {
  const names = readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => file.slice(0, -'.txt'.length));

  it.each(names)('%s: partitions the non-blank lines and stays within budget', async (name) => {
    const chunks = await chunksOf(name);
    expectPartition(fixture(name), chunks);
    for (const chunk of chunks) {
      // Gap rows (a closing brace) and a tiny group merged forward may add a few lines.
      expect(chunk.endLine - chunk.startLine + 1).toBeLessThanOrEqual(MAX_CHUNK_LINES + STANDALONE_MIN_LINES + 2);
    }
  });

  it('splits a big JavaScript class into methods that keep the class name and their JSDoc', async () => {
    const chunks = await chunksOf('command.js');
    const [parse] = bySymbol(chunks, 'Command.parse');
    expect(parse?.kind).toBe('method');
    expect(parse?.text.startsWith('  /**')).toBe(true);
    expect(parse?.text).toContain('  parse(argv, parseOptions) {');
    const [parseAsync] = bySymbol(chunks, 'Command.parseAsync');
    expect(parseAsync?.text).toContain('  async parseAsync(argv, parseOptions) {');
    const [useColor] = bySymbol(chunks, 'useColor');
    expect(useColor).toMatchObject({ kind: 'function', startLine: 2748 });
    expect(useColor?.text).toContain('function useColor() {');
  });

  it('keeps a small class whole and merges imports into a module chunk', async () => {
    const chunks = await chunksOf('FindVisualStudio.cs');
    expect(chunks[0]).toMatchObject({ kind: 'module', symbol: null, startLine: 1 });
    expect(chunks[0]?.text).toContain('using System;');
    const [main] = bySymbol(chunks, 'Main');
    expect(main).toMatchObject({ kind: 'class', startLine: 188, endLine: 250 });
  });

  it('names TSX components, arrow-function constants and exported interfaces', async () => {
    const chunks = await chunksOf('UserList.tsx');
    // The one-line type and constant above it are too small for a chunk of their own.
    expect(bySymbol(chunks, 'UserList')[0]).toMatchObject({ kind: 'function', startLine: 12, endLine: 57 });
    expect(bySymbol(chunks, 'UserList')[0]?.text).toContain('/** A filterable, paged list of users. */\nexport function UserList(');
    expect(bySymbol(chunks, 'Pager')[0]).toMatchObject({ kind: 'function', startLine: 59 });
    expect(bySymbol(chunks, 'UserListProps')[0]?.kind).toBe('interface');
  });

  it('names Python methods by class and splits a long method into windows', async () => {
    const chunks = await chunksOf('shlex.py');
    const readToken = bySymbol(chunks, 'shlex.read_token');
    expect(readToken.length).toBeGreaterThanOrEqual(2);
    expect(readToken[0]?.text).toContain('    def read_token(self):');
    expect(bySymbol(chunks, 'quote')[0]).toMatchObject({ kind: 'function', startLine: 325 });
  });

  it('names Go methods by receiver type', async () => {
    const chunks = await chunksOf('client.go');
    expect(bySymbol(chunks, 'Client.Run')[0]).toMatchObject({ kind: 'method', startLine: 37, endLine: 83 });
    expect(bySymbol(chunks, 'Client')[0]?.kind).toBe('type');
  });

  it('keeps Java Javadoc and splits nothing that fits', async () => {
    const chunks = await chunksOf('StringJoiner.java');
    const [merge] = bySymbol(chunks, 'StringJoiner.merge');
    expect(merge?.kind).toBe('method');
    expect(merge?.text.trimStart().startsWith('/**')).toBe(true);
    expect(merge?.text).toContain('public StringJoiner merge(StringJoiner other) {');
  });

  it('attaches Rust doc comments and attributes to the item below', async () => {
    const chunks = await chunksOf('rate_limiter.rs');
    const [refusal] = bySymbol(chunks, 'Refusal');
    expect(refusal?.kind).toBe('enum');
    expect(refusal?.text.split('\n').slice(0, 2)).toEqual(['/// Why a request was refused.', '#[derive(Debug, Clone, PartialEq, Eq)]']);
    expect(bySymbol(chunks, 'RateLimiter').map((chunk) => chunk.kind)).toEqual(['type', 'impl']);
  });

  it('finds C function names inside pointer declarators', async () => {
    const chunks = await chunksOf('xxmodule.c');
    expect(bySymbol(chunks, 'Xxo_demo')[0]).toMatchObject({ kind: 'function', startLine: 50 });
    expect(bySymbol(chunks, 'PyInit_xx')[0]?.kind).toBe('function');
  });

  it('names C++ classes and PHP methods', async () => {
    expect(bySymbol(await chunksOf('extension.cpp'), 'StrongRef')[0]?.kind).toBe('class');
    const php = await chunksOf('Encoder.php');
    expect(bySymbol(php, 'Encoder.putVarInt32')[0]?.text).toContain('public function putVarInt32($val) {');
  });

  it('splits a big Ruby class into methods named by class', async () => {
    const extra = Array.from({ length: 40 }, (_, i) => `    def helper_${i}(value)\n      value.to_s * ${i}\n    end\n`).join('\n');
    const text = fixture('session_store.rb').replace('    private\n', `${extra}\n    private\n`);
    const chunks = await chunkFile(text, 'ruby');
    expectPartition(text, chunks);
    expect(bySymbol(chunks, 'SessionStore.create')[0]?.kind).toBe('method');
    expect(bySymbol(chunks, 'SessionStore.fetch')[0]?.text).toContain('    def fetch(id)');
    // Three-line helpers are merged into groups labelled with their class.
    expect(chunks.find((chunk) => chunk.text.includes('def helper_20'))).toMatchObject({ kind: 'class', symbol: 'SessionStore' });
  });
});

describe('chunkFile fallbacks', () => {
  it('cuts unparsed languages into windows near blank lines', async () => {
    const text = Array.from({ length: 30 }, (_, i) => `## Section ${i}\n\nSome prose about part ${i}.\nMore prose.\n`).join('\n');
    const chunks = await chunkFile(text, 'markdown');
    expectPartition(text, chunks);
    expect(new Set(chunks.map((chunk) => chunk.kind))).toEqual(new Set(['window']));
    for (const chunk of chunks) expect(chunk.endLine - chunk.startLine + 1).toBeLessThanOrEqual(WINDOW_LINES);
    // Cut after a blank line, so each window begins with a heading.
    for (const chunk of chunks) expect(chunk.text.startsWith('## Section')).toBe(true);
  });

  it('still chunks code with syntax errors', async () => {
    const text = fixture('UserList.tsx').replace('const visible = useMemo(() => {', 'const visible = useMemo(() => {{{ ))(');
    const chunks = await chunkFile(text, 'tsx');
    expectPartition(text, chunks);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('falls back to windows when the tree is mostly errors', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `%%% ${i} ??? <<< ]]] >>>`).join('\n');
    const chunks = await chunkFile(text, 'python');
    expectPartition(text, chunks);
    expect(chunks.every((chunk) => chunk.kind === 'window')).toBe(true);
  });

  it('splits a very long function into windows of one symbol', async () => {
    const body = Array.from({ length: 400 }, (_, i) => `  total += step(${i});`).join('\n');
    const text = `export function huge(step: (n: number) => number): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
    const chunks = await chunkFile(text, 'typescript');
    expectPartition(text, chunks);
    expect(chunks.length).toBe(3);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ kind: 'function', symbol: 'huge' });
      expect(chunk.endLine - chunk.startLine + 1).toBeLessThanOrEqual(MAX_CHUNK_LINES);
    }
  });

  it('keeps CRLF line endings inside chunk text', async () => {
    const text = fixture('client.go').replace(/\n/g, '\r\n');
    const chunks = await chunkFile(text, 'go');
    expect(bySymbol(chunks, 'Client.Run')[0]).toMatchObject({ startLine: 37, endLine: 83 });
    const lines = text.split('\n');
    for (const chunk of chunks) expect(chunk.text).toBe(lines.slice(chunk.startLine - 1, chunk.endLine).join('\n'));
  });

  it.each<[string, Language]>([
    ['', 'typescript'],
    ['\n\n   \n', 'python'],
    ['', 'text'],
  ])('returns no chunks for blank text %j', async (text, language) => {
    expect(await chunkFile(text, language)).toEqual([]);
  });

  it('handles a one-line file without a final newline', async () => {
    expect(await chunkFile('x = 1', 'python')).toEqual([{ startLine: 1, endLine: 1, kind: 'module', symbol: null, text: 'x = 1' }]);
  });
});
