import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sessionPaths } from './pair-dir.js';

/** What `pair start` records so that join, list and stop work later, from any folder. */
export interface PairMeta {
  name: string;
  /** `session`: a tmux server of its own; `window`: a window in the tmux the user was already in. */
  kind: 'session' | 'window';
  /** The socket of the tmux server the session lives in. */
  socket: string;
  /** The window's id (`@3`) when `kind` is `window`. */
  window?: string;
  /** The tmux session holding the window (for attaching), when `kind` is `window`. */
  tmuxSession?: string;
  /** The project root and its `.archangel/` folder. */
  repo: string;
  stateDir: string;
  branch: string;
  /** The learner at the keyboard (git identity), whose record the summary reads. */
  driver: string;
  /** The navigator's name as given with `--navigator` (declared, not verified). */
  navigator: string;
  editor: string;
  group?: string;
  startedAt: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** Session names become folder and tmux names: letters, digits, `-` and `_` (tmux forbids `.` and `:`). */
export function isValidName(name: string): boolean {
  return NAME.test(name);
}

/** A default name from the repository folder: `my.app` becomes `my-app`. */
export function defaultName(repo: string): string {
  const base = (repo.split('/').pop() ?? '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+/, '').slice(0, 40);
  return base || 'pair';
}

/**
 * Writes `session.json`: 0640 in a shared session, whose folder's group (setgid) it inherits, so
 * members can read it to join; 0600 in a private one. Set explicitly, whatever the umask.
 */
export function writeMeta(base: string, meta: PairMeta): void {
  const file = sessionPaths(base, meta.name).meta;
  const mode = meta.group === undefined ? 0o600 : 0o640;
  writeFileSync(file, `${JSON.stringify(meta, null, 2)}\n`, { mode });
  chmodSync(file, mode);
}

export function readMeta(base: string, name: string): PairMeta | undefined {
  const file = sessionPaths(base, name).meta;
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PairMeta;
}

/** Every session recorded under `base`, by name. */
export function listMeta(base: string): PairMeta[] {
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isValidName(entry.name))
    .map((entry) => readMeta(base, entry.name))
    .filter((meta): meta is PairMeta => meta !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}
