import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Rosetta Code's per-task solutions (the public `acmeism/RosettaCodeData` repository) as a
 * same-task benchmark: programs that solve the same task are comparable, others are not. The data
 * is read at run time from a local git copy and never committed here.
 */

/** The upstream commit the published figures were measured on (RosettaCodeData, August 2018). */
export const ROSETTA_COMMIT = '4e2d22a71d0542105c66e329e5fe295b0905b0d7';

/** Rosetta's language folders, by the family the search compares within (JS and TS together). */
const FOLDERS: Record<string, { family: Family; extension: string }> = {
  Python: { family: 'python', extension: 'py' },
  Java: { family: 'java', extension: 'java' },
  JavaScript: { family: 'javascript', extension: 'js' },
  TypeScript: { family: 'javascript', extension: 'ts' },
};

export type Family = 'python' | 'java' | 'javascript';
export const FAMILIES: Family[] = ['python', 'javascript', 'java'];

/** Programs above this size are whole libraries pasted in, not solutions anyone would compare. */
const MAX_PROGRAM_BYTES = 20_000;

export interface Program {
  task: string;
  family: Family;
  /** The file name in Rosetta (it names the task: never shown to a ranker). */
  source: string;
  extension: string;
  text: string;
}

export function rosettaUsage(): string {
  return [
    'This benchmark reads Rosetta Code solutions from a local git copy of acmeism/RosettaCodeData',
    '(or any mirror holding its history). Point ROSETTA_GIT at its git directory, e.g.',
    '  ROSETTA_GIT=/work/.mirror/mullikine+RosettaCodeData/repo/.git npx tsx bench/code-search.ts',
    `Figures in the README were measured at commit ${ROSETTA_COMMIT}; set ROSETTA_COMMIT to use another.`,
  ].join('\n');
}

/** Every Python, Java, JavaScript and TypeScript solution at `commit`, sorted by task then file. */
export function loadRosetta(gitDir: string, commit: string = ROSETTA_COMMIT): Program[] {
  if (!existsSync(gitDir)) throw new Error(`No git directory at ${gitDir}.\n${rosettaUsage()}`);
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, input, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    git(['cat-file', '-e', `${commit}^{commit}`]);
  } catch {
    throw new Error(`Commit ${commit} is not in ${gitDir}.\n${rosettaUsage()}`);
  }
  const entries: Array<{ task: string; folder: string; source: string; sha: string; size: number }> = [];
  for (const line of git(['ls-tree', '-r', '-l', '-z', `${commit}:Task`]).split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t([^/]+)\/([^/]+)\/([^/]+)$/.exec(line);
    if (!match || !FOLDERS[match[4]!] || Number(match[2]) > MAX_PROGRAM_BYTES) continue;
    entries.push({ sha: match[1]!, size: Number(match[2]), task: match[3]!, folder: match[4]!, source: match[5]! });
  }
  const texts = readBlobs(gitDir, entries.map((e) => e.sha));
  return entries
    .map((e) => ({ task: e.task, family: FOLDERS[e.folder]!.family, source: e.source, extension: FOLDERS[e.folder]!.extension, text: texts.get(e.sha) ?? '' }))
    .filter((p) => /\S/.test(p.text))
    .sort((a, b) => a.task.localeCompare(b.task) || a.source.localeCompare(b.source));
}

function readBlobs(gitDir: string, shas: string[]): Map<string, string> {
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: shas.join('\n') + '\n', maxBuffer: 1 << 30 });
  const texts = new Map<string, string>();
  let at = 0;
  while (at < out.length) {
    const headerEnd = out.indexOf(10, at);
    const [sha, , size] = out.subarray(at, headerEnd).toString('utf8').split(' ');
    const length = Number(size);
    texts.set(sha!, out.subarray(headerEnd + 1, headerEnd + 1 + length).toString('utf8'));
    at = headerEnd + 1 + length + 1;
  }
  return texts;
}
