// Real junior code from public repositories, labelled here with the one problem a senior raises
// first (bench/mentor/README.md, "Cases from the wild"). Only the labels are committed: each file is
// read at run time from a bare mirror of its repository at the labelled commit, so nobody's code
// is copied into this one, and a case whose mirror is absent is reported as skipped.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { detectLanguage } from '../../src/index/language.js';
import { checkLines, ProblemFields, WILD_BATCHES, type BenchCase, type WildBatch } from './cases.js';
import { BENCH_LANGUAGES } from './golden.js';

export const WILD_DIR = new URL('./wild/', import.meta.url).pathname;
/** Where the `fetch` tool puts bare mirrors: `<root>/<owner>+<name>/repo`. */
const MIRRORS = process.env.ARCHANGEL_BENCH_MIRRORS ?? '/work/.mirror';

const WildLabel = z.strictObject({
  ...ProblemFields,
  /** The file as its author committed it. */
  source: z.strictObject({
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name'),
    commit: z.string().regex(/^[0-9a-f]{40}$/, 'a full commit sha'),
    path: z.string().min(1),
  }),
  /** Why a senior raises the key problem before the others. */
  why: z.string().min(1),
  /** Which batch the file came in (BATCHES). */
  batch: z.enum(WILD_BATCHES),
});

export type WildSource = z.infer<typeof WildLabel>['source'];

/**
 * How honest each batch's figure is. A batch is labelled by other hands and held out until it is
 * measured once; after that the rules may be improved on it, and the next batch is held out.
 */
export const BATCHES: Readonly<Record<WildBatch, string>> = {
  first: 'first batch (the rules were improved on it)',
  second: 'second batch (held out until measured at 1896a95: top1 6/21, hit@3 9/21; improved on since)',
  third: 'third batch (held out until measured at e94707c: top1 8/21, hit@3 10/21; improved on since)',
  fourth: 'fourth batch (held out until measured at 29bf125: top1 7/21, hit@3 7/21; improved on since)',
  fifth: 'fifth batch (held out until measured at 72e43a0: top1 7/21, hit@3 8/21; improved on since)',
  sixth: 'sixth batch (held out until measured at 54cae07: top1 4/21, hit@3 4/21; improved on since)',
  seventh: 'seventh batch (held out until measured at ec08b8f: top1 8/21, hit@3 13/21; improved on since)',
  eighth: 'eighth batch (held out until measured at 4e459d4: top1 7/21, hit@3 8/21; improved on since)',
  ninth: 'ninth batch (held out until measured at 0af3fe3: top1 6/21, hit@3 6/21; improved on since)',
  tenth: 'tenth batch (held out until measured at f48e236: top1 8/21, hit@3 8/21; improved on since)',
  eleventh: 'eleventh batch (held out until measured at 3ed3448: top1 5/21, hit@3 10/21; improved on since)',
  twelfth: 'twelfth batch (held out until measured at 9293bca: top1 4/21, hit@3 8/21; improved on since)',
  thirteenth: 'thirteenth batch (held out until measured at 3a7992d: top1 3/21, hit@3 5/21; improved on since)',
  fourteenth: 'fourteenth batch (held out until measured at 70a0067: top1 6/21, hit@3 9/21; improved on since)',
};

export interface WildCases {
  cases: BenchCase[];
  /** One sentence per case that could not be read, saying how to get its repository. */
  skipped: string[];
}

/** Every labelled case under wild/<language>.json whose mirror is on this machine. */
export function loadWildCases(dir: string = WILD_DIR, mirrors: string = MIRRORS): WildCases {
  const cases: BenchCase[] = [];
  const skipped: string[] = [];
  for (const language of BENCH_LANGUAGES) {
    const labelsFile = join(dir, `${language}.json`);
    if (!existsSync(labelsFile)) continue;
    const raw = z.record(z.string(), z.looseObject({})).parse(JSON.parse(readFileSync(labelsFile, 'utf8')));
    for (const [name, fields] of Object.entries(raw)) {
      const where = `${language}/wild/${name}`;
      const checked = WildLabel.safeParse(fields);
      if (!checked.success) throw new Error(`${labelsFile}, ${name}: ${z.prettifyError(checked.error)}`);
      const { source, why, batch, ...label } = checked.data;
      if (detectLanguage(label.path) !== language || detectLanguage(source.path) !== language || extname(name) !== extname(label.path)) {
        throw new Error(`${where}: the case, its source and its path must all be ${language} files`);
      }
      const text = readAtCommit(mirrors, source);
      if (text === undefined) {
        skipped.push(`${where}: no mirror of ${source.repo} at ${source.commit.slice(0, 7)} under ${mirrors} (the session's fetch tool, or \`git clone --mirror https://github.com/${source.repo} ${join(mirrors, source.repo.replace('/', '+'), 'repo')}\`)`);
        continue;
      }
      checkLines(where, text, label);
      cases.push({ language, name, text, label, companions: [], source, why, batch });
    }
  }
  return { cases, skipped };
}

function readAtCommit(mirrors: string, source: WildSource): string | undefined {
  const repo = join(mirrors, source.repo.replace('/', '+'), 'repo');
  // A bare mirror, or a clone with a work tree (`repo/.git`): the fetch tool has brought both.
  const gitDir = existsSync(join(repo, '.git')) ? join(repo, '.git') : repo;
  if (!existsSync(gitDir)) return undefined;
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${source.commit}:${source.path}`], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}
