import { cacheDir, githubToken } from '../config/env.js';
import { openProject } from '../config/project.js';
import { ArchangelError, EXIT_CODES } from '../errors/archangel-error.js';
import { createEmbeddingProvider } from '../index/embed/create.js';
import { conventionsObserver } from '../conventions/learn.js';
import { runIndex, type IndexEvent, type IndexSummary, type RepoSummary } from '../index/indexer/run-index.js';
import { formatDuration, ProgressLine } from '../cli/progress.js';
import { palette, terminalCaps } from '../cli/terminal.js';

/** Runs the index and prints its outcome; returns the exit code. */
export async function indexCommand(flags: { rebuild?: boolean; json?: boolean; quiet?: boolean }): Promise<number> {
  const project = await openProject();
  if (project.config.golden.length === 0) {
    throw new ArchangelError('CONFIG_INVALID', `${project.file} lists no golden repositories.`, {
      hint: 'Add at least one entry to "golden", e.g. "owner/repo" or { "path": "../team-repo" }.',
    });
  }
  const progress = new ProgressLine(process.stderr, flags.quiet || flags.json);
  const controller = new AbortController();
  const onSignal = () => {
    progress.log('Stopping after the current batch (press Ctrl-C again to quit at once)…');
    if (controller.signal.aborted) process.exit(EXIT_CODES.INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  let summary: IndexSummary;
  try {
    summary = await runIndex({
      config: project.config,
      root: project.root,
      indexPath: project.indexPath,
      cacheDir: cacheDir(),
      embedder: createEmbeddingProvider(project.config.embeddings, {}),
      observer: conventionsObserver,
      token: githubToken(),
      rebuild: flags.rebuild ?? false,
      signal: controller.signal,
      onEvent: (event) => showEvent(event, progress),
    });
  } finally {
    process.off('SIGINT', onSignal);
    progress.clear();
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else printSummary(summary, flags.rebuild ?? false);
  if (summary.interrupted) return EXIT_CODES.INTERRUPTED;
  return summary.repos.some((r) => r.status === 'failed') ? EXIT_CODES.GOLDEN_PARTIAL : 0;
}

function showEvent(event: IndexEvent, progress: ProgressLine): void {
  switch (event.type) {
    case 'repo-start':
      progress.log(`[${event.position}/${event.total}] ${event.repo}`);
      break;
    case 'sync':
      progress.update(`  ${event.repo}: ${event.stage}`, event.percent ?? 0, 100);
      break;
    case 'scan':
      if (event.toRead > 0) progress.log(`  ${event.files} files, ${event.toRead} new or changed`);
      break;
    case 'progress':
      progress.update(`  ${event.repo}`, event.filesDone, event.filesTotal, `${event.chunks} chunks`);
      break;
    case 'repo-done':
    case 'notice':
      if (event.type === 'notice') progress.log(event.message);
      break;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function printSummary(summary: IndexSummary, rebuild: boolean): void {
  const p = palette(terminalCaps(process.stdout).color);
  for (const repo of summary.repos) process.stdout.write(`${formatRepo(repo, p)}\n`);
  const skipped = summary.repos.reduce<Record<string, number>>((all, repo) => {
    for (const [reason, count] of Object.entries(repo.skipped)) all[reason] = (all[reason] ?? 0) + (count ?? 0);
    return all;
  }, {});
  const skippedText = Object.entries(skipped)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  if (skippedText) process.stdout.write(p.dim(`skipped: ${skippedText}\n`));
  if (summary.removedRepos > 0) process.stdout.write(p.dim(`removed ${summary.removedRepos} repo(s) no longer in archangel.json\n`));
  process.stdout.write(p.dim(`index: ${summary.indexPath} · ${summary.embedding.provider}/${summary.embedding.model} · ${formatDuration(summary.seconds)}\n`));
  if (summary.interrupted) {
    const next = rebuild ? 'run `archangel index --rebuild` again to finish the new index; the previous one stays in use until then' : 'run `archangel index` again to finish; what was indexed is kept';
    process.stdout.write(p.yellow(`Interrupted: ${next}.\n`));
  }
}

function formatRepo(repo: RepoSummary, p: ReturnType<typeof palette>): string {
  const commit = repo.commit ? ` @ ${repo.commit.slice(0, 7)}` : '';
  if (repo.status === 'failed') {
    const hint = repo.error?.hint ? `\n    ${p.yellow('hint:')} ${repo.error.hint}` : '';
    return `${p.red('✖')} ${p.bold(repo.repo)}  ${repo.error?.message ?? 'failed'}${hint}`;
  }
  const detail = repo.status === 'unchanged' ? 'unchanged' : `${repo.filesRead} read, ${repo.chunksAdded} chunks added`;
  return `${p.green('✔')} ${p.bold(repo.repo)}  ${repo.files} files (${detail})${commit}  ${p.dim(formatDuration(repo.seconds))}`;
}
