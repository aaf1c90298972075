import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Project } from '../config/project.js';
import { cacheDir } from '../config/env.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { goldenGitDir } from '../golden/git-dir.js';
import { readFileAt } from '../golden/plumbing.js';
import { resolveSources } from '../golden/sources.js';
import { isSecretFile, redactSecrets } from '../redact/index.js';
import type { GoldenRef } from './golden-uri.js';

/** Where read-only copies of golden files go for editors that cannot open a golden URI: inside `.archangel/`, which git ignores. */
const COPIES_DIR = 'golden';
/** Commit folders of the copies are named by this many characters of the sha, as git abbreviates. */
const SHORT_SHA = 12;

/**
 * The text of a golden file at a commit, as the learner may see it: read from the repo's git objects
 * (never the network), with secrets redacted as golden snippets are. Throws GOLDEN_UNAVAILABLE for a
 * repo archangel.json does not list, FILE_UNREADABLE for a file the commit does not have.
 */
export async function readGoldenFile(project: Project, ref: GoldenRef, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const source = resolveSources(project.config.golden, project.root).find((candidate) => candidate.name === ref.repo);
  if (!source) {
    throw new ArchangelError('GOLDEN_UNAVAILABLE', `${ref.repo} is not a golden repository of ${project.file}.`, { hint: 'Open golden code from a note: its link names a listed repository.' });
  }
  if (isSecretFile(ref.path)) throw new ArchangelError('FILE_UNREADABLE', `${ref.path} is a secrets file; ArchAngel never reads those.`);
  let bytes: Buffer;
  try {
    bytes = await readFileAt((await goldenGitDir(source, cacheDir(env))).gitDir, ref.commit, ref.path);
  } catch (error) {
    if (error instanceof ArchangelError) throw error;
    throw new ArchangelError('FILE_UNREADABLE', `${ref.repo} has no file ${ref.path} at commit ${ref.commit.slice(0, SHORT_SHA)}.`, {
      hint: 'The golden index may be newer than the note: save the file again for a note that cites the current commit.',
      cause: error,
    });
  }
  const text = bytes.toString('utf8');
  return project.config.privacy.redactSecrets ? (await redactSecrets(text, { path: ref.path })).text : text;
}

/**
 * For editors that can show a file but not a golden URI: `text` written to
 * `.archangel/golden/<repo>/<sha>/<path>`, read-only (0444), and its absolute path.
 */
export async function writeReadOnlyCopy(project: Project, ref: GoldenRef, text: string): Promise<string> {
  const path = join(project.stateDir, COPIES_DIR, ref.repo, ref.commit.slice(0, SHORT_SHA), ref.path);
  await mkdir(dirname(path), { recursive: true });
  // An earlier copy is read-only: replaced, not written through.
  await rm(path, { force: true });
  await writeFile(path, text);
  await chmod(path, 0o444);
  return path;
}
