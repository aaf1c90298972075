// The seeded junior changes: one file each under cases/<language>/, labelled in that folder's
// cases.json (see bench/mentor/README.md). Loading checks every label against its file, so a case
// edited without its label fails loudly instead of scoring the wrong lines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { detectLanguage } from '../../src/index/language.js';
import { BENCH_LANGUAGES, type BenchLanguage } from './golden.js';

export const CASES_DIR = new URL('./cases/', import.meta.url).pathname;

/** The order of importance a senior reviewer uses (issue 13): the first note should be the most important. */
export const CATEGORIES = ['security', 'correctness', 'design', 'naming', 'style'] as const;
/** The batches real junior files came in, each held out until measured once (wild-cases.ts). */
export const WILD_BATCHES = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth'] as const;
export type WildBatch = (typeof WILD_BATCHES)[number];

const relativePath = z.string().regex(/^(?!\/)(?!.*\.\.)[\w./-]+$/, 'a relative path inside the learner repo');

/** A problem case's fields, shared with the cases from the wild (wild-cases.ts). */
export const ProblemFields = {
  /** Where the change is saved in the learner's repo. */
  path: relativePath,
  /** A short id for the problem: `no-timeout`, `sql-concat`... */
  problem: z.string().regex(/^[a-z]+(-[a-z]+)*$/),
  category: z.enum(CATEGORIES),
  /** The first and last line of the problem, 1-based, inclusive. */
  keyLines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  /** Text found on the first key line: a guard against labels drifting when a case is edited. */
  keyText: z.string().min(1),
  /** The minor style departures seeded on other lines. */
  minor: z.array(z.strictObject({ line: z.number().int().positive(), what: z.string().min(1) })),
  companions: z.array(relativePath).optional(),
};

const Problem = z.strictObject(ProblemFields);

const Clean = z.strictObject({
  path: relativePath,
  clean: z.literal(true),
  /** What the change does the golden code's way, in a few words. */
  about: z.string().min(1),
  companions: z.array(relativePath).optional(),
});

const Labels = z.record(z.string(), z.looseObject({}));

export type ProblemLabel = z.infer<typeof Problem>;
export type CleanLabel = z.infer<typeof Clean>;

export interface BenchCase {
  language: BenchLanguage;
  /** The case's file name under cases/<language>/, e.g. `no-timeout.py`. */
  name: string;
  text: string;
  label: ProblemLabel | CleanLabel;
  /**
   * Files of the learner's repo the change relies on (the `./mailer` it imports), already there
   * when it is saved: the label's `companions`, kept under cases/<language>/companions/ by path.
   */
  companions: Array<{ path: string; text: string }>;
  /** A case from the wild: the public repository file it was read from (wild-cases.ts). */
  source?: { repo: string; commit: string; path: string };
  /** A case from the wild: why a senior raises its key problem first. */
  why?: string;
  /** A case from the wild: the batch it came in (wild-cases.ts). */
  batch?: WildBatch;
}

export function isClean(label: ProblemLabel | CleanLabel): label is CleanLabel {
  return 'clean' in label;
}

/** Every case of every language, checked against its label; throws on the first inconsistency. */
export function loadCases(dir: string = CASES_DIR): BenchCase[] {
  return BENCH_LANGUAGES.flatMap((language) => loadLanguage(join(dir, language), language));
}

function loadLanguage(dir: string, language: BenchLanguage): BenchCase[] {
  if (!existsSync(dir)) return [];
  const labelsFile = join(dir, 'cases.json');
  const parsed = Labels.safeParse(JSON.parse(readFileSync(labelsFile, 'utf8')));
  if (!parsed.success) throw new Error(`${labelsFile}: ${z.prettifyError(parsed.error)}`);
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'cases.json')
    .map((entry) => entry.name)
    .sort();
  const unlabelled = files.filter((name) => !(name in parsed.data));
  if (unlabelled.length > 0) throw new Error(`${labelsFile} has no label for ${unlabelled.join(', ')}`);
  return Object.entries(parsed.data).map(([name, raw]) => {
    const where = `${language}/${name}`;
    if (!files.includes(name)) throw new Error(`${labelsFile} labels ${name}, which is not in ${dir}`);
    // Checked against the one schema it claims, so an error names the field rather than "no union member".
    const checked = ('clean' in raw ? Clean : Problem).safeParse(raw);
    if (!checked.success) throw new Error(`${labelsFile}, ${name}: ${z.prettifyError(checked.error)}`);
    const label = checked.data;
    if (detectLanguage(name) !== language || detectLanguage(label.path) !== language || extname(name) !== extname(label.path)) {
      throw new Error(`${where}: the case and its path ${label.path} must both be ${language} files with the same extension`);
    }
    const text = withFakeSecrets(readFileSync(join(dir, name), 'utf8'));
    if (!isClean(label)) checkLines(where, text, label);
    const companions = (label.companions ?? []).map((path) => {
      const file = join(dir, 'companions', path);
      if (!existsSync(file)) throw new Error(`${where}: its companion ${path} is not in ${join(dir, 'companions')}`);
      return { path, text: readFileSync(file, 'utf8') };
    });
    return { language, name, text, label, companions };
  });
}

/**
 * The credentials the secret cases hold, put in at load time: realistic in shape (what the
 * detectors must find) but never a literal secret in the repository, which push protection and
 * secret scanners would rightly flag. Each is built from pieces so no scanner reads it here either.
 */
const FAKE_SECRETS: Record<string, string> = {
  FAKE_STRIPE_KEY: ['sk', 'live', '51Nq8ZtKv3QmW7xYbR2pLc9DfH4sJ6gTe0uA'].join('_'),
  FAKE_GITHUB_TOKEN: ['ghp', 'R8mK2vQ7xT4nB9cL1pZ6wY3hJ5sD0fG8aE2u'].join('_'),
  FAKE_SLACK_TOKEN: ['xoxb', '2814736150273', '4918273645019', 'Qz8Rk3Vt7Lm2Np5Xw9Yc4Hb6'].join('-'),
  FAKE_SENDGRID_KEY: ['SG', 'k3Jd8QwLx2ZpR7vNb4Tc', '9Hf1Ym6Ks0Ua5We3Gi8Lo2Qr7Tz4Xn1Vb6Jc0Md5'].join('.'),
};

function withFakeSecrets(text: string): string {
  return text.replace(/\{\{(FAKE_[A-Z_]+)\}\}/g, (placeholder, name: string) => FAKE_SECRETS[name] ?? placeholder);
}

export function checkLines(where: string, text: string, label: ProblemLabel): void {
  const lines = text.split('\n');
  const [start, end] = label.keyLines;
  if (start > end || end > lines.length) throw new Error(`${where}: keyLines ${start}-${end} are not lines of the file (${lines.length} lines)`);
  if (!(lines[start - 1] ?? '').includes(label.keyText)) throw new Error(`${where}: line ${start} does not contain its keyText ${JSON.stringify(label.keyText)}`);
  for (const minor of label.minor) {
    if (minor.line > lines.length) throw new Error(`${where}: the minor departure "${minor.what}" is past the end of the file`);
    if (minor.line >= start && minor.line <= end) throw new Error(`${where}: the minor departure "${minor.what}" is on a key line; minor departures go on other lines`);
  }
}
