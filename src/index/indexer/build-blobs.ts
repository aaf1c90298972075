import type { Tree } from 'web-tree-sitter';
import type { EmbeddingProvider } from '../embed/provider.js';
import { isParsedLanguage, type Language } from '../language.js';
import { parse } from '../parse/tree-sitter.js';
import type { IndexDb } from '../store/open.js';
import { chunkFile } from '../chunk/index.js';
import { classifyFile } from '../classify.js';
import type { BlobRecord, ChunkRecord } from '../store/write.js';
import { terms } from '../tokens.js';
import type { SelectedFile } from './select-files.js';

/**
 * Learns per-blob facts beside chunking (the conventions observer plugs in here), from the same
 * syntax tree, so each file is parsed once.
 */
export interface BlobObserver {
  /** Changes whenever observations change shape: the index then derives every blob again. */
  readonly version: string;
  /** JSON to store with the blob. `tree` is null for languages without a parser. */
  observe(text: string, language: Language, tree: Tree | null): Promise<string | null>;
  /** Runs once the repos are published, when anything changed (e.g. to rebuild a profile). */
  summarize(db: IndexDb): void;
  /** Where worker threads import this observer from: a module URL and its export's name. */
  readonly workerEntry?: { module: string; name: string };
}

/** Files read from git, waiting to be derived. */
export type BlobBatch = Array<{ file: SelectedFile; bytes: Uint8Array }>;

/**
 * Turns a batch of files read from git into records for the store: content checks, chunks along
 * syntax, search terms, and one embedding call for the whole batch (remote providers batch well).
 */
export async function buildBlobRecords(
  batch: BlobBatch,
  embedder: EmbeddingProvider,
  options: { maxFileBytes: number; observer?: Pick<BlobObserver, 'observe'> | undefined; signal?: AbortSignal | undefined },
): Promise<BlobRecord[]> {
  return embedBlobRecords(await deriveBlobRecords(batch, options), embedder, options.signal);
}

/** Everything but the vectors: classification, one parse, chunks, terms and observations. */
export async function deriveBlobRecords(batch: BlobBatch, options: { maxFileBytes: number; observer?: Pick<BlobObserver, 'observe'> | undefined }): Promise<BlobRecord[]> {
  const records: BlobRecord[] = [];
  for (const { file, bytes } of batch) {
    const verdict = classifyFile(file.path, bytes, options.maxFileBytes);
    if (!verdict.index) {
      records.push({ sha: file.sha, language: file.language, bytes: bytes.length, lines: 0, skipReason: verdict.reason, observations: null, path: file.path, chunks: [] });
      continue;
    }
    const text = verdict.text;
    const tree = isParsedLanguage(file.language) ? await parse(text, file.language).catch(() => null) : null;
    let chunks: ChunkRecord[];
    let observations: string | null;
    try {
      const pathTerms = terms(file.path).join(' ');
      chunks = (await chunkFile(text, file.language, tree)).map((chunk) => ({
        startLine: chunk.startLine,
        endLine: chunk.endLine,
        kind: chunk.kind,
        symbol: chunk.symbol,
        text: chunk.text,
        ftsPath: pathTerms,
        ftsSymbol: chunk.symbol ? terms(chunk.symbol).join(' ') : '',
        ftsBody: terms(chunk.text).join(' '),
        vector: EMPTY,
      }));
      observations = options.observer ? await options.observer.observe(text, file.language, tree) : null;
    } finally {
      tree?.delete();
    }
    records.push({
      sha: file.sha,
      language: file.language,
      bytes: bytes.length,
      lines: countLines(text),
      skipReason: null,
      observations,
      path: file.path,
      chunks,
    });
  }
  return records;
}

/**
 * Gives every chunk of `records` its vector, in one embedding call. What is embedded is the symbol
 * and the text; a provider that reads search terms gets theirs from the full-text fields, which
 * hold exactly `terms()` of each (a line break between them splits no word).
 */
export async function embedBlobRecords(records: BlobRecord[], embedder: EmbeddingProvider, signal?: AbortSignal): Promise<BlobRecord[]> {
  const chunks = records.flatMap((record) => record.chunks);
  if (chunks.length === 0) return records;
  const text = (chunk: ChunkRecord) => (chunk.symbol ? `${chunk.symbol}\n${chunk.text}` : chunk.text);
  const vectors = embedder.embedTokenizedDocuments
    ? await embedder.embedTokenizedDocuments(chunks.map((chunk) => ({ text: text(chunk), terms: termsOf(chunk) })), signal)
    : await embedder.embedDocuments(chunks.map(text), signal);
  chunks.forEach((chunk, i) => (chunk.vector = vectors[i]!));
  return records;
}

function termsOf(chunk: ChunkRecord): string[] {
  const split = (joined: string) => (joined === '' ? [] : joined.split(' '));
  return [...split(chunk.ftsSymbol), ...split(chunk.ftsBody)];
}

const EMPTY = new Float32Array(0);

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}
