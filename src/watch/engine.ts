import type { Project } from '../config/project.js';
import { cacheDir, githubToken } from '../config/env.js';
import { conventionsObserver } from '../conventions/learn.js';
import { messageOf } from '../errors/archangel-error.js';
import { createEmbeddingProvider } from '../index/embed/create.js';
import { isParsedLanguage, type Language } from '../index/language.js';
import { parserFor } from '../index/parse/tree-sitter.js';
import { runIndex } from '../index/indexer/run-index.js';
import { findPitfalls } from '../pitfalls/find-pitfalls.js';
import type { ReviewServices } from '../review/open-services.js';
import type { WatchEvent } from './types.js';

/*
 * What a watch session needs once it starts: the indexer, SQLite, tree-sitter, the review and the
 * tutors. `session.ts` imports this module in `start()`, after the view has drawn its first frame,
 * so loading it never delays the screen.
 */
export { changedFiles, progressReport } from '../progress/report.js';
export { answerQuestion } from '../review/ask.js';
export { climbRung } from '../review/climb.js';
export { openRepo } from '../review/diff/repo.js';
export { openReviewServices } from '../review/open-services.js';
export { runReview } from '../review/run-review.js';
export { sharedReviewOwner } from '../review/shared-review.js';
export { watchWorkingTree } from './watcher/index.js';

/** Builds or refreshes the golden index before the first review, so a newcomer's first command just works; `signal` stops it (quit). */
export async function updateIndex(project: Project, emit: (event: WatchEvent) => void, signal?: AbortSignal): Promise<void> {
  if (project.config.golden.length === 0) return;
  try {
    const summary = await runIndex({
      config: project.config,
      root: project.root,
      indexPath: project.indexPath,
      cacheDir: cacheDir(),
      embedder: createEmbeddingProvider(project.config.embeddings, {}),
      token: githubToken(),
      observer: conventionsObserver,
      signal,
      onEvent: (event) => {
        if (event.type === 'progress') emit({ type: 'index-progress', message: `indexing ${event.repo}`, done: event.filesDone, total: event.filesTotal });
        if (event.type === 'notice') emit({ type: 'notice', level: 'info', message: event.message });
      },
    });
    for (const repo of summary.repos) {
      if (repo.status === 'failed') emit({ type: 'notice', level: 'warn', message: `${repo.repo}: ${repo.error?.message ?? 'could not be indexed'}` });
    }
  } catch (error) {
    if (signal?.aborted) return;
    emit({ type: 'notice', level: 'warn', message: `The golden index could not be updated: ${messageOf(error)}` });
  }
}

/**
 * What a learner's first save would otherwise wait for, done while they read the screen: the
 * parsers of the languages the conventions judge (a grammar loads on its first parse, ~40 ms on
 * a 20,000-file repo), one search of the golden index (its first query prepares statements,
 * counts the chunks and reads the vector table: first save to note 263 -> ~150 ms, the next ones
 * ~130), and the linters of those languages but Python (oxlint's language server took 140-350 ms
 * of the first save to start on a loaded 2-core machine). A grammar, search or linter that fails
 * here is left to the review that needs it.
 */
export async function warmUp(services: ReviewServices): Promise<void> {
  const languages = new Set((services.profile?.conventions ?? []).map((convention) => convention.language).filter(isParsedLanguage));
  await Promise.all([...languages].map((language) => parserFor(language).catch(() => undefined)));
  await services.index?.search({ kind: 'code', code: WARM_UP_QUERY }, { limit: 1 }).catch(() => undefined);
  // An empty file has nothing to find; linting it starts the engine that reads its language.
  const linted = [...languages].filter((language) => !LINTED_ON_FIRST_SAVE.has(language));
  await Promise.all(linted.map((language) => findPitfalls({ path: 'archangel-warm-up', language, text: '' }).catch(() => undefined)));
}

/**
 * Ruff runs inside this process and holds ~120 MB once loaded (its WebAssembly, measured after a
 * GC): it waits for the first Python save (~0.4 s once) rather than more than double the memory
 * of every Python learner's watch from the start. oxlint's server is a process of its own (~70 MB).
 */
const LINTED_ON_FIRST_SAVE: ReadonlySet<Language> = new Set(['python']);

/** Any code will do: the search is run for its side effects on caches, and its results are dropped. */
const WARM_UP_QUERY = 'function load(path) {\n  return read(path);\n}';
