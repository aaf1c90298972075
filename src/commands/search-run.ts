import { relative, resolve } from 'node:path';
import { openProject } from '../config/project.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { openGoldenIndex } from '../index/golden-index.js';
import { readCodeSpec } from '../index/search/code-spec.js';
import type { SearchQuery, SearchResult } from '../index/search/search.js';
import { palette, terminalCaps } from '../cli/terminal.js';

/** Lines of each result shown in the terminal; `--json` carries the whole chunk. */
const SNIPPET_LINES = 8;

export async function searchCommand(text: string, flags: { file?: string; repo?: string; lang?: string; limit: number; json?: boolean }): Promise<number> {
  if (!text.trim() && !flags.file) {
    throw new ArchangelError('USAGE', 'Nothing to search for.', { hint: 'Give words (`archangel search "retry http"`) or a file (`archangel search --file src/a.ts:10-40`).' });
  }
  const project = await openProject();
  const index = openGoldenIndex(project.indexPath, project.config);
  try {
    let query: SearchQuery;
    let excludePath: string | undefined;
    if (flags.file) {
      const spec = readCodeSpec(flags.file);
      query = { kind: 'code', code: spec.code };
      // When the file is itself golden (this repo indexes itself), its own copy is no news.
      excludePath = relative(project.root, resolve(spec.path)).split('\\').join('/');
    } else {
      query = { kind: 'text', text };
    }
    const results = await index.search(query, { limit: flags.limit, repo: flags.repo, language: flags.lang, excludePath });
    if (flags.json) process.stdout.write(`${JSON.stringify(results.map(toJson), null, 2)}\n`);
    else printResults(results);
    return 0;
  } finally {
    index.close();
  }
}

function toJson(result: SearchResult) {
  return {
    repo: result.repo,
    path: result.path,
    startLine: result.startLine,
    endLine: result.endLine,
    commit: result.commit,
    symbol: result.symbol,
    language: result.language,
    score: Number(result.score.toFixed(5)),
    snippet: result.text,
  };
}

function printResults(results: SearchResult[]): void {
  const p = palette(terminalCaps(process.stdout).color);
  if (results.length === 0) {
    process.stdout.write('No golden code matched. Try other words, or check `archangel index` has run.\n');
    return;
  }
  results.forEach((r, i) => {
    const symbol = r.symbol ? `  ${p.cyan(r.symbol)}` : '';
    process.stdout.write(`${p.bold(`${i + 1}.`)} ${r.repo}  ${p.bold(`${r.path}:${r.startLine}-${r.endLine}`)}${symbol}  ${p.dim(`@${r.commit.slice(0, 7)} score ${r.score.toFixed(3)}`)}\n`);
    const lines = r.text.split('\n');
    const width = String(r.startLine + SNIPPET_LINES).length;
    lines.slice(0, SNIPPET_LINES).forEach((line, j) => process.stdout.write(p.dim(`   ${String(r.startLine + j).padStart(width)} │ `) + line.slice(0, 110) + '\n'));
    const rest = lines.length - SNIPPET_LINES;
    if (rest > 0) process.stdout.write(p.dim(`   ${' '.repeat(width)} │ … ${rest} more line${rest === 1 ? '' : 's'}\n`));
  });
}
