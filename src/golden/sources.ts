import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArchangelError } from '../errors/archangel-error.js';
import type { GoldenEntry } from '../config/schema.js';
import type { GoldenSource } from './types.js';

/** GitHub's rules: owners are letters, digits and single hyphens; repositories add `.` and `_`. */
const OWNER_REPO = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]+?)(?:\.git)?$/;
const URL_WITH_SCHEME = /^(https?|ssh|git|file):\/\//i;
/** scp-like syntax: `git@github.com:acme/api.git` (user optional, no `//` after the colon). */
const SCP_LIKE = /^(?:([^@/:\s]+)@)?([A-Za-z0-9.-]+):(?!\/\/)(.+)$/;

/**
 * Normalises the `golden` entries of archangel.json: `owner/repo` becomes a GitHub https URL, URLs
 * are kept, paths are resolved against `configRoot` (the folder of archangel.json). Throws
 * CONFIG_INVALID for an entry that is none of these, for a repository listed twice, or for two
 * that would share a name.
 */
export function resolveSources(entries: GoldenEntry[], configRoot: string): GoldenSource[] {
  const sources = entries.map((entry, index) => resolveEntry(entry, index, configRoot));
  const seen = new Map<string, string>();
  for (const source of sources) {
    const first = seen.get(source.id);
    if (first !== undefined) {
      throw new ArchangelError('CONFIG_INVALID', `golden repo ${source.spec} is listed twice in archangel.json (also as ${first}).`, {
        hint: 'Keep one entry per repository in "golden".',
      });
    }
    seen.set(source.id, source.spec);
  }
  return withUniqueNames(sources, entries);
}

/**
 * Names are how citations, the index and the docs tell repos apart. Two local folders with the same
 * name (`../a/api`, `../b/api`) are told apart by their parent folder; any other clash is refused,
 * with the "name" to set.
 */
function withUniqueNames(sources: GoldenSource[], entries: GoldenEntry[]): GoldenSource[] {
  const clashes = (list: GoldenSource[]) => new Set(list.map((s) => s.name).filter((name, i, all) => all.indexOf(name) !== i));
  const clashing = clashes(sources);
  const named = sources.map((source, index) => {
    const explicit = typeof entries[index] === 'object' && entries[index].name !== undefined;
    return source.kind === 'local' && clashing.has(source.name) && !explicit ? { ...source, name: `${basename(dirname(source.path))}/${source.name}` } : source;
  });
  const [name] = clashes(named);
  if (name !== undefined) {
    const [first, second] = named.filter((s) => s.name === name);
    throw new ArchangelError('CONFIG_INVALID', `golden repos ${first!.spec} and ${second!.spec} would both be called "${name}" in citations.`, {
      hint: `Give one of them a "name" in archangel.json, e.g. { ${second!.kind === 'local' ? '"path"' : '"url"'}: "${second!.spec}", "name": "another-name" }.`,
    });
  }
  return named;
}

/** What an object entry may add to its `url` or `path`. */
interface EntryOptions {
  ref?: string;
  include?: string[];
  exclude?: string[];
  name?: string;
}

function resolveEntry(entry: GoldenEntry, index: number, configRoot: string): GoldenSource {
  const where = `golden[${index}]`;
  const options: EntryOptions = typeof entry === 'string' ? {} : entry;
  const common = {
    ...(options.ref !== undefined && { ref: checkRef(options.ref, where) }),
    ...(options.include !== undefined && { include: options.include }),
    ...(options.exclude !== undefined && { exclude: options.exclude }),
  };
  if (typeof entry !== 'string' && 'path' in entry) {
    const path = resolve(configRoot, entry.path.trim());
    return { kind: 'local', id: `local:${path}`, name: entry.name ?? basename(path), spec: entry.path, path, ...common };
  }
  const spec = (typeof entry === 'string' ? entry : entry.url).trim();
  const remote = parseRemote(spec, where);
  return { kind: 'remote', id: remote.id, name: options.name ?? remote.name, spec, url: remote.url, ...common };
}

/** Refs are passed to git as arguments: refuse what git would read as an option or cannot be a ref. */
function checkRef(ref: string, where: string): string {
  if (ref.startsWith('-') || [...ref].some((char) => char.charCodeAt(0) <= 0x20 || char === '\x7f')) {
    throw invalid(`${where}.ref "${ref}" is not a branch, tag or commit.`, 'Use a branch name, a tag or a commit sha.');
  }
  return ref;
}

interface ParsedRemote {
  url: string;
  id: string;
  name: string;
}

function parseRemote(spec: string, where: string): ParsedRemote {
  const ownerRepo = OWNER_REPO.exec(spec);
  if (ownerRepo && !spec.includes('..')) {
    const [, owner = '', repo = ''] = ownerRepo;
    return { url: `https://github.com/${owner}/${repo}.git`, id: `github.com/${owner}/${repo}`.toLowerCase(), name: `${owner}/${repo}` };
  }
  if (URL_WITH_SCHEME.test(spec)) return parseUrl(spec, where);
  const scp = SCP_LIKE.exec(spec);
  if (scp && !isAbsolute(spec) && (scp[2] ?? '').length > 1) {
    const [, , host = '', path = ''] = scp;
    return remoteFromParts(spec, host, path, where);
  }
  const looksLikePath = spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('~') || /^[A-Za-z]:[\\/]/.test(spec);
  throw invalid(
    `${where} "${spec}" is neither "owner/repo" nor a git URL.`,
    looksLikePath
      ? `For a local folder write { "path": "${spec}" }.`
      : 'Write "owner/repo" for GitHub, a URL such as https://host/owner/repo.git, or { "path": "../folder" }.',
  );
}

function parseUrl(spec: string, where: string): ParsedRemote {
  let url: URL;
  try {
    url = new URL(spec);
  } catch (cause) {
    throw invalid(`${where} "${spec}" is not a valid URL.`, 'Write a URL such as https://host/owner/repo.git.', cause);
  }
  if (url.password) {
    throw invalid(
      `${where} "${url.protocol}//${url.host}${url.pathname}" has a password in its URL, and secrets must not live in archangel.json.`,
      'Remove it from the URL and set GITHUB_TOKEN (for github.com) or use a git credential helper.',
    );
  }
  if (url.protocol === 'file:') {
    const path = fileURLToPath(url).replace(/\/+$/, '');
    if (path === '') throw invalid(`${where} "${spec}" names no repository.`, 'Write file:///absolute/path/to/repo.git.');
    return { url: spec, id: `file:${stripGit(path)}`, name: basename(stripGit(path)) };
  }
  return remoteFromParts(spec, url.host, decodeURIComponent(url.pathname), where);
}

function remoteFromParts(spec: string, host: string, rawPath: string, where: string): ParsedRemote {
  const segments = stripGit(rawPath.replace(/^\/+|\/+$/g, '')).split('/').filter((segment) => segment !== '');
  if (host === '' || segments.length === 0 || segments.some((segment) => segment === '..' || segment === '.')) {
    throw invalid(`${where} "${spec}" does not name a repository.`, 'Write a URL such as https://host/owner/repo.git.');
  }
  const lowerHost = host.toLowerCase();
  const path = segments.join('/');
  // GitHub names are case-insensitive: Acme/API and acme/api are one repository, one cache folder.
  const id = lowerHost === 'github.com' ? `github.com/${path.toLowerCase()}` : `${lowerHost}/${path}`;
  return { url: spec, id, name: segments.slice(-2).join('/') };
}

function stripGit(path: string): string {
  return path.replace(/\.git$/, '');
}

function invalid(message: string, hint: string, cause?: unknown): ArchangelError {
  return new ArchangelError('CONFIG_INVALID', message, { hint, cause });
}
