import { createHash } from 'node:crypto';
import type { ArchangelConfig } from '../../config/schema.js';
import { ArchangelError, isArchangelError, messageOf } from '../../errors/archangel-error.js';
import { resolveSources } from '../../golden/sources.js';
import { syncSource } from '../../golden/sync.js';
import { commitTime, listTree, readBlobs } from '../../golden/plumbing.js';
import type { GoldenSource, SyncProgress } from '../../golden/types.js';
import type { EmbeddingProvider } from '../embed/provider.js';
import { readMeta, writeMeta } from '../store/meta.js';
import { indexFileError, openIndexDb, type IndexDb } from '../store/open.js';
import { discardRebuild, rebuildPathOf, swapInRebuild } from '../store/rebuild.js';
import { isSqliteError } from '../../sqlite/file-health.js';
import { acquireIndexLock } from '../store/lock.js';
import { listRepos, storedBlobs } from '../store/read.js';
import { describeSpace, ensureEmbeddingSpace, readEmbeddingSpace, type EmbeddingSpace } from '../store/vectors.js';
import { clearDerived, collectGarbage, insertBlobs, publishRepo, removeReposExcept, type BlobRecord, type FileRecord } from '../store/write.js';
import type { BlobBatch, BlobObserver } from './build-blobs.js';
import { createDeriver } from './deriver.js';
import { reembedAll } from './reembed.js';
import { gitignoreEntries, selectFiles, type PathSkipReason, type SelectedFile } from './select-files.js';

/**
 * Bumped whenever chunking, tokenising or the stored shape of a blob changes: every blob is then
 * derived again on the next run (the commit and files are unchanged, so nothing else would notice).
 */
export const PIPELINE_VERSION = 2;

/**
 * Which observer version summarised the index as it is now; cleared whenever a repo's content
 * changes, so a run interrupted after publishing still gets its summary on the next run.
 */
const OBSERVER_KEY = 'observer_summary';

function markStale(db: IndexDb): void {
  writeMeta(db, OBSERVER_KEY, 'stale');
}

/** Files per write transaction: big enough to amortise the commit, small enough to resume cheaply. */
const BATCH_FILES = 128;
/**
 * Source bytes per batch, whatever its file count: deriving a batch takes several times its text
 * in chunks, terms and vectors, in a worker whose heap is capped, so 128 large files are too many.
 */
const BATCH_BYTES = 256 * 1024;
/**
 * SQLite's page cache while indexing, in KB: an index run writes pages far more than it reads them
 * back, and the OS caches the file anyway (4 MB against 64: no slower on 22,621 files,
 * bench/index-throughput.ts).
 */
const INDEX_CACHE_KB = 4_000;

export type IndexEvent =
  | { type: 'repo-start'; repo: string; position: number; total: number }
  | { type: 'sync'; repo: string; stage: string; percent?: number | undefined }
  | { type: 'scan'; repo: string; files: number; toRead: number }
  | { type: 'progress'; repo: string; filesDone: number; filesTotal: number; chunks: number; bytes: number }
  | { type: 'repo-done'; summary: RepoSummary }
  | { type: 'notice'; message: string };

export interface RepoSummary {
  repo: string;
  sourceId: string;
  status: 'indexed' | 'unchanged' | 'failed';
  commit?: string | undefined;
  /** Files the repo shows in the index. */
  files: number;
  /** Files whose content was read and derived this run (the rest were known). */
  filesRead: number;
  chunksAdded: number;
  bytesRead: number;
  skipped: Partial<Record<PathSkipReason, number>>;
  seconds: number;
  error?: { code: string; message: string; hint?: string | undefined } | undefined;
}

export interface IndexSummary {
  indexPath: string;
  embedding: EmbeddingSpace;
  repos: RepoSummary[];
  removedRepos: number;
  droppedBlobs: number;
  seconds: number;
  interrupted: boolean;
}

export interface IndexOptions {
  config: ArchangelConfig;
  /** Folder of archangel.json; relative paths resolve against it. */
  root: string;
  indexPath: string;
  cacheDir: string;
  embedder: EmbeddingProvider;
  token?: string | undefined;
  /** Build from scratch beside the index and swap the result in (see store/rebuild.ts). */
  rebuild?: boolean;
  /** Learns more from each blob while it is parsed (the conventions profile). */
  observer?: BlobObserver | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: (event: IndexEvent) => void;
}

/**
 * `archangel index`: syncs every golden repo, derives what is new, and publishes each repo's new
 * version atomically. One repo failing is reported in its summary; the others are still indexed.
 */
export async function runIndex(options: IndexOptions): Promise<IndexSummary> {
  try {
    return await indexUnderLock(options);
  } catch (error) {
    // The index file failing (damaged, locked, read-only, a full disk) is told as what it is.
    throw indexFileError(options.indexPath, error) ?? error;
  }
}

async function indexUnderLock(options: IndexOptions): Promise<IndexSummary> {
  const emit = options.onEvent ?? (() => {});
  const lock = acquireIndexLock(options.indexPath);
  try {
    if (!options.rebuild) return await indexInto(options.indexPath, options, emit);
    const summary = await indexInto(rebuildPathOf(options.indexPath), options, emit).catch((error: unknown) => {
      // A rebuild file that cannot be carried on is dropped, so the next --rebuild starts afresh.
      if (isArchangelError(error) && error.code === 'INDEX_CORRUPT') discardRebuild(options.indexPath);
      throw error;
    });
    if (summary.interrupted) return summary;
    const backup = swapInRebuild(options.indexPath);
    emit({ type: 'notice', message: backup ? `Rebuilt the index; the previous one is kept as ${backup} until the next rebuild.` : 'Built a fresh index.' });
    return { ...summary, indexPath: options.indexPath };
  } finally {
    lock.release();
  }
}

/** One index run into the file at `path` (the index itself, or a rebuild beside it). */
async function indexInto(path: string, options: IndexOptions, emit: (event: IndexEvent) => void): Promise<IndexSummary> {
  const started = performance.now();
  let db: IndexDb | undefined;
  try {
    db = openIndexDb(path);
    db.pragma(`cache_size = -${INDEX_CACHE_KB}`);
    const space = await prepareEmbeddingSpace(db, options.embedder, emit, options.signal);
    resetIfPipelineChanged(db, `${PIPELINE_VERSION}/${options.observer?.version ?? 'none'}`, emit);

    const sources = resolveSources(options.config.golden, options.root);
    const removedRepos = removeReposExcept(
      db,
      sources.map((s) => s.id),
    );
    const repos: RepoSummary[] = [];
    for (const [position, source] of sources.entries()) {
      if (options.signal?.aborted) break;
      emit({ type: 'repo-start', repo: source.name, position: position + 1, total: sources.length });
      const summary = await indexSource(db, source, options, emit);
      repos.push(summary);
      emit({ type: 'repo-done', summary });
    }
    const droppedBlobs = options.signal?.aborted ? 0 : collectGarbage(db);
    if (removedRepos > 0 || droppedBlobs > 0) markStale(db);
    if (options.observer && !options.signal?.aborted && readMeta(db, OBSERVER_KEY) !== options.observer.version) {
      options.observer.summarize(db);
      writeMeta(db, OBSERVER_KEY, options.observer.version);
    }
    db.pragma('wal_checkpoint(PASSIVE)');
    return {
      indexPath: path,
      embedding: space,
      repos,
      removedRepos,
      droppedBlobs,
      seconds: (performance.now() - started) / 1000,
      interrupted: options.signal?.aborted ?? false,
    };
  } finally {
    db?.close();
  }
}

async function indexSource(db: IndexDb, source: GoldenSource, options: IndexOptions, emit: (event: IndexEvent) => void): Promise<RepoSummary> {
  const started = performance.now();
  const summary: RepoSummary = { repo: source.name, sourceId: source.id, status: 'indexed', files: 0, filesRead: 0, chunksAdded: 0, bytesRead: 0, skipped: {}, seconds: 0 };
  try {
    const synced = await syncSource(source, {
      cacheDir: options.cacheDir,
      token: options.token,
      signal: options.signal,
      onProgress: (p: SyncProgress) => emit({ type: 'sync', repo: source.name, stage: p.stage, percent: p.percent }),
      onWaiting: (message) => emit({ type: 'notice', message }),
    });
    summary.commit = synced.commit;
    const filterKey = filterKeyOf(source, options);
    const previous = listRepos(db).find((r) => r.sourceId === source.id);
    // A renamed source (its "name" in archangel.json) is published again: citations and the learned
    // conventions carry the name, and the files it shows are all known, so only the listing is redone.
    if (previous && previous.commit === synced.commit && previous.filterKey === filterKey && previous.name === source.name) {
      return { ...summary, status: 'unchanged', files: previous.fileCount, seconds: (performance.now() - started) / 1000 };
    }

    const entries = await listTree(synced.gitDir, synced.commit);
    const gitignores = new Map<string, string>();
    const ignoreFiles = gitignoreEntries(entries);
    const pathBySha = new Map(ignoreFiles.map((e) => [e.sha, e.path]));
    for await (const { sha, bytes } of readBlobs(synced.gitDir, ignoreFiles.map((e) => e.sha))) {
      const path = pathBySha.get(sha);
      if (path) gitignores.set(path, bytes.toString('utf8'));
    }
    const selection = selectFiles(entries, { include: source.include, exclude: source.exclude, maxFileBytes: options.config.index.maxFileBytes, gitignores });
    summary.skipped = Object.fromEntries(selection.skipped);

    const stored = storedBlobs(db, shasOf(selection.files));
    const toRead = uniqueBySha(selection.files.filter((f) => !stored.has(f.sha)));
    emit({ type: 'scan', repo: source.name, files: selection.files.length, toRead: toRead.length });
    const derivedSkips = await deriveBlobs(db, synced.gitDir, toRead, options, summary, emit);
    if (options.signal?.aborted) throw new ArchangelError('INTERRUPTED', `Indexing ${source.name} was interrupted.`, { hint: 'Run `archangel index` again: it resumes where it stopped.' });

    const skipReasons = new Map<string, string>(derivedSkips);
    for (const [sha, reason] of stored) if (reason !== null) skipReasons.set(sha, reason);
    for (const reason of skipReasons.values()) summary.skipped[reason as PathSkipReason] = (summary.skipped[reason as PathSkipReason] ?? 0) + 1;
    publishRepo(db, {
      sourceId: source.id,
      name: source.name,
      location: source.kind === 'local' ? source.path : source.url,
      ref: synced.ref,
      commit: synced.commit,
      committedAt: await commitTime(synced.gitDir, synced.commit),
      filterKey,
    }, fileRecords(selection.files));
    markStale(db);
    // Files skipped for their content are published but not shown.
    summary.files = selection.files.filter((f) => !skipReasons.has(f.sha)).length;
  } catch (error) {
    // The index file failing (damaged, a full disk) would fail every repo after this one too.
    if (isSqliteError(error)) throw error;
    summary.status = 'failed';
    summary.error = isArchangelError(error)
      ? { code: error.code, message: error.message, hint: error.hint }
      : { code: 'INTERNAL', message: `Indexing ${source.name} failed: ${messageOf(error)}.`, hint: 'Run again with ARCHANGEL_DEBUG_LOG=debug.log and report the log.' };
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/**
 * Reads, derives and stores the blobs not yet in the index, in resumable batches; returns the
 * ones skipped for their content (binary, minified...) with why.
 */
async function deriveBlobs(
  db: IndexDb,
  gitDir: string,
  files: SelectedFile[],
  options: IndexOptions,
  summary: RepoSummary,
  emit: (event: IndexEvent) => void,
): Promise<Map<string, string>> {
  const skipped = new Map<string, string>();
  const bySha = new Map(files.map((f) => [f.sha, f]));
  const derive = createDeriver(files.length, { embedder: options.embedder, maxFileBytes: options.config.index.maxFileBytes, observer: options.observer, signal: options.signal });
  const inFlight = new Set<Promise<void>>();
  const store = (batch: BlobBatch, records: BlobRecord[]) => {
    insertBlobs(db, records);
    summary.filesRead += batch.length;
    for (const record of records) {
      summary.chunksAdded += record.chunks.length;
      if (record.skipReason) skipped.set(record.sha, record.skipReason);
    }
    emit({ type: 'progress', repo: summary.repo, filesDone: summary.filesRead, filesTotal: files.length, chunks: summary.chunksAdded, bytes: summary.bytesRead });
  };
  const dispatch = async (batch: BlobBatch) => {
    const job = derive.run(batch).then((records) => store(batch, records));
    inFlight.add(job);
    // Handled here so a failure while other batches are in flight is not an unhandled rejection;
    // the error itself still reaches the caller through race/all below.
    job.then(
      () => inFlight.delete(job),
      () => inFlight.delete(job),
    );
    // Bounded: a slow store or a busy pool must not pile up batches of file contents in memory.
    if (inFlight.size >= derive.parallel * 2) await Promise.race(inFlight);
  };
  try {
    let batch: BlobBatch = [];
    let batchBytes = 0;
    for await (const { sha, bytes } of readBlobs(gitDir, [...bySha.keys()])) {
      const file = bySha.get(sha);
      if (!file) continue;
      batch.push({ file, bytes });
      batchBytes += bytes.length;
      summary.bytesRead += bytes.length;
      if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
        await dispatch(batch);
        batch = [];
        batchBytes = 0;
      }
      if (options.signal?.aborted) break;
    }
    if (batch.length > 0 && !options.signal?.aborted) await dispatch(batch);
    await Promise.all(inFlight);
  } finally {
    await derive.close();
  }
  return skipped;
}

function* shasOf(files: SelectedFile[]): Iterable<string> {
  for (const file of files) yield file.sha;
}

function* fileRecords(files: SelectedFile[]): Iterable<FileRecord> {
  for (const file of files) yield { path: file.path, blobSha: file.sha, language: file.language };
}

function uniqueBySha(files: SelectedFile[]): SelectedFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.sha) && seen.add(f.sha));
}

function filterKeyOf(source: GoldenSource, options: IndexOptions): string {
  const key = JSON.stringify([source.include ?? [], source.exclude ?? [], options.config.index.maxFileBytes, PIPELINE_VERSION]);
  return createHash('sha1').update(key).digest('hex');
}

async function prepareEmbeddingSpace(db: IndexDb, embedder: EmbeddingProvider, emit: (event: IndexEvent) => void, signal?: AbortSignal): Promise<EmbeddingSpace> {
  // A remote provider may only know its dimensions after a first call.
  if (embedder.info.dimensions === 0) await embedder.embedQuery('archangel', signal);
  const space: EmbeddingSpace = { ...embedder.info };
  const previous = readEmbeddingSpace(db);
  const outcome = ensureEmbeddingSpace(db, space);
  if (outcome === 'changed' && previous) {
    emit({ type: 'notice', message: `The embedding model changed from ${describeSpace(previous)} to ${describeSpace(space)}: re-embedding every chunk.` });
    await reembedAll(db, embedder, signal);
  }
  return space;
}

/** Derives every blob again when chunking or the observer changed since the index was built. */
function resetIfPipelineChanged(db: IndexDb, pipeline: string, emit: (event: IndexEvent) => void): void {
  const stored = readMeta(db, 'pipeline_version');
  if (stored === pipeline) return;
  if (stored !== undefined) {
    emit({ type: 'notice', message: 'This ArchAngel reads code differently from the one that built the index: deriving every file again.' });
    db.exec('UPDATE repos SET filter_key = NULL');
    clearDerived(db);
  }
  writeMeta(db, 'pipeline_version', pipeline);
}
