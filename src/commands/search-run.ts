import { relative, resolve } from 'node:path';
import { openProject } from '../config/project.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { openGoldenIndex, type GoldenIndex } from '../index/golden-index.js';
import { languageName } from '../index/language.js';
import { readCodeSpec } from '../index/search/code-spec.js';
import { comparedLanguages, COMPARABLE_SIMILARITY, type SearchQuery, type SearchResult } from '../index/search/search.js';
import { indexedFilesByLanguage } from '../index/store/read.js';
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
      query = { kind: 'code', code: spec.code, language: spec.language };
      // When the file is itself golden (this repo indexes itself), its own copy is no news.
      excludePath = relative(project.root, resolve(spec.path)).split('\\').join('/');
    } else {
      query = { kind: 'text', text };
    }
    const results = await index.search(query, { limit: flags.limit, repo: flags.repo, language: flags.lang, excludePath });
    if (flags.json) process.stdout.write(`${JSON.stringify(results.map(toJson), null, 2)}\n`);
    else printResults(results, results.length === 0 ? whyNothing(index, query, flags.lang) : '');
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
    ...(result.similarity === undefined ? {} : { similarity: Number(result.similarity.toFixed(3)), comparable: result.similarity >= COMPARABLE_SIMILARITY }),
    snippet: result.text,
  };
}

/** The sentence for an empty result: no golden code in the query's languages, or none matched. */
function whyNothing(index: GoldenIndex, query: SearchQuery, asked: string | undefined): string {
  const languages = query.kind === 'code' ? comparedLanguages(query.language, asked) : asked === undefined ? undefined : [asked];
  if (languages && indexedFilesByLanguage(index.db, languages).size === 0) {
    return `The golden repositories have no ${languages.map(languageName).join(', ')} code to compare with.`;
  }
  return query.kind === 'code' ? 'No golden code shares enough with this code to compare.' : 'No golden code matched. Try other words, or check `archangel index` has run.';
}

function printResults(results: SearchResult[], nothing: string): void {
  const p = palette(terminalCaps(process.stdout).color);
  if (results.length === 0) {
    process.stdout.write(`${nothing}\n`);
    return;
  }
  if (results.every((r) => r.similarity !== undefined && r.similarity < COMPARABLE_SIMILARITY)) {
    process.stdout.write(p.dim(`Nothing in the golden repositories is closely comparable (similarity under ${COMPARABLE_SIMILARITY}); the nearest:\n`));
  }
  results.forEach((r, i) => {
    const symbol = r.symbol ? `  ${p.cyan(r.symbol)}` : '';
    const score = r.similarity === undefined ? `score ${r.score.toFixed(3)}` : `similarity ${r.similarity.toFixed(2)}`;
    process.stdout.write(`${p.bold(`${i + 1}.`)} ${r.repo}  ${p.bold(`${r.path}:${r.startLine}-${r.endLine}`)}${symbol}  ${p.dim(`@${r.commit.slice(0, 7)} ${score}`)}\n`);
    const lines = r.text.split('\n');
    const width = String(r.startLine + SNIPPET_LINES).length;
    lines.slice(0, SNIPPET_LINES).forEach((line, j) => process.stdout.write(p.dim(`   ${String(r.startLine + j).padStart(width)} │ `) + line.slice(0, 110) + '\n'));
    const rest = lines.length - SNIPPET_LINES;
    if (rest > 0) process.stdout.write(p.dim(`   ${' '.repeat(width)} │ … ${rest} more line${rest === 1 ? '' : 's'}\n`));
  });
}
