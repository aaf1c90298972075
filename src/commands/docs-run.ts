import { relative, resolve } from 'node:path';
import { formatDuration, ProgressLine } from '../cli/progress.js';
import { palette, terminalCaps } from '../cli/terminal.js';
import { cacheDir } from '../config/env.js';
import { openProject } from '../config/project.js';
import { runDocs } from '../docs/run-docs.js';
import type { DocsFlags } from './docs.js';

/**
 * Exit code of `archangel docs --check` when a document is missing or stale, or the index it would be
 * written from is behind a golden repo: distinct from every error code.
 */
export const DOCS_STALE_EXIT_CODE = 11;

export async function docsCommand(flags: DocsFlags): Promise<number> {
  const project = await openProject();
  const started = performance.now();
  const progress = new ProgressLine(process.stderr, flags.quiet || flags.json);
  const err = palette(terminalCaps(process.stderr).color);
  const result = await runDocs({
    project,
    outDir: resolve(project.root, flags.out),
    cacheDir: cacheDir(),
    only: flags.only,
    languages: flags.lang ? new Set(flags.lang.map((l) => l.toLowerCase())) : undefined,
    check: flags.check ?? false,
    force: flags.force ?? false,
    offline: flags.offline ?? false,
    onProgress: (label, done, total) => progress.update(label, done, total),
    warn: (line) => progress.log(`${err.yellow('note:')} ${line}`),
  });
  progress.clear();
  const stale = result.files.filter((f) => f.status === 'stale');
  const shown = (path: string): string => relative(process.cwd(), path) || path;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...result, files: result.files.map((f) => ({ ...f, path: shown(f.path) })) }, null, 2)}\n`);
  } else {
    for (const file of result.files) process.stdout.write(`${file.status.padEnd(9)} ${shown(file.path)}\n`);
    const model = result.modelRegions > 0 ? `, ${result.modelRegions} passages by the model (${result.droppedCitations} invented citations dropped)` : '';
    process.stdout.write(`${result.repos.length} golden repos, ${result.conventions} conventions, ${result.snippets} golden snippets${model}, in ${formatDuration((performance.now() - started) / 1000)}.\n`);
  }
  // A check against an index behind the golden code proves nothing about the documents: it fails.
  const behind = flags.check ? result.behind : [];
  for (const repo of behind) {
    process.stderr.write(`${err.red('stale:')} the index is behind golden repo ${repo.name} (indexed ${repo.indexed.slice(0, 7)}, now ${repo.current.slice(0, 7)}); run \`archangel index\`, then \`archangel docs --check\` again.\n`);
  }
  if (stale.length > 0) {
    process.stderr.write(`${err.red('stale:')} ${stale.map((f) => shown(f.path)).join(', ')} ${stale.length === 1 ? 'differs' : 'differ'} from what \`archangel docs\` would write now; run it and commit the result.\n`);
  }
  return stale.length > 0 || behind.length > 0 ? DOCS_STALE_EXIT_CODE : 0;
}
