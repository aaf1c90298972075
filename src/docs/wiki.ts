import { posix } from 'node:path';
import type { Citation } from '../index/citation.js';
import { glossary, MAX_ABSTRACTIONS, referencedDeclarations, type Abstraction, type GlossaryTerm } from './abstractions.js';
import type { RepoEvidence } from './evidence.js';
import { fileImports, MAX_DIAGRAM_MODULES, moduleGraph, moduleOf, moduleSizes, type ModuleEdge } from './modules.js';

/** WIKI.md as data, one page section per golden repo, each fact with the place it comes from. */
export interface RepoWiki {
  repo: RepoEvidence;
  /** The root README, when there is one. */
  readme: string | undefined;
  /** Its first paragraph of prose, when it has one. */
  purpose: { text: string; citation: Citation } | undefined;
  languages: Array<{ language: string; files: number }>;
  /** Each module with its most referenced declarations: what the rest of the repo uses it for. */
  modules: Array<{ module: string; files: number; uses: string[] }>;
  /** Modules drawn in the diagram: the largest that import or are imported, tests left out. */
  drawn: string[];
  edges: ModuleEdge[];
  entryPoints: Array<{ what: string; citation: Citation }>;
  abstractions: Abstraction[];
  tests: { files: number; folders: Array<{ module: string; files: number }>; commands: Array<{ command: string; citation: Citation }> };
  glossary: GlossaryTerm[];
}

/** Declarations named beside each module in the wiki's module table. */
const USES_PER_MODULE = 3;
const README = /^readme(\.(md|markdown|rst|txt))?$/i;
const TEST_FILE = /(^|\/)(tests?|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.go$|(^|\/)test_[^/]+\.py$|_test\.py$|Tests?\.(java|cs|kt)$/;
/** Names that start a program wherever they are, and names that do only at the top of a repo or source root. */
const MAIN_FILE = /^(main|cli|__main__)\.(ts|tsx|js|mjs|cjs|py|go|rs|java|cs)$/;
const TOP_FILE = /^(index|app|server|main|cli)\.(ts|tsx|js|mjs|cjs|py|go|rs)$/;
const TOP_FOLDERS = /^((src|lib|app)\/)?[^/]+$/;

export function buildRepoWiki(repo: RepoEvidence): RepoWiki {
  const code = repo.files.filter((f) => f.language !== null && f.language !== 'markdown' && f.language !== 'text' && f.skipReason === null);
  const modules = moduleSizes(code.map((f) => f.path));
  const imports = fileImports(code, repo.texts);
  const referenced = referencedDeclarations(repo, imports);
  const abstractions = referenced.slice(0, MAX_ABSTRACTIONS);
  const tests = code.filter((f) => TEST_FILE.test(f.path));
  const testPaths = new Set(tests.map((f) => f.path));
  // Tests import everything they test: as arrows they would hide the architecture.
  const edges = moduleGraph(new Map([...imports].filter(([path]) => !testPaths.has(path))));
  const connected = new Set(edges.flatMap((e) => [e.from, e.to]));
  const drawn = modules.map((m) => m.module).filter((m) => connected.has(m)).slice(0, MAX_DIAGRAM_MODULES);
  return {
    repo,
    readme: readmeOf(repo),
    purpose: readmePurpose(repo),
    languages: count(code.map((f) => f.language ?? '')),
    modules: modules.map((m) => ({ ...m, uses: referenced.filter((a) => moduleOf(a.citation.path) === m.module).slice(0, USES_PER_MODULE).map((a) => a.name) })),
    drawn,
    edges: edges.filter((e) => drawn.includes(e.from) && drawn.includes(e.to)),
    entryPoints: entryPoints(repo),
    abstractions,
    tests: { files: tests.length, folders: moduleSizes(tests.map((f) => f.path)).slice(0, 5), commands: testCommands(repo) },
    glossary: glossary(repo, abstractions),
  };
}

function count(values: string[]): Array<{ language: string; files: number }> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([language, files]) => ({ language, files })).sort((a, b) => b.files - a.files || a.language.localeCompare(b.language));
}

function cite(repo: RepoEvidence, path: string, startLine: number, endLine = startLine): Citation {
  return { repo: repo.name, commit: repo.commit, path, startLine, endLine };
}

function readmeOf(repo: RepoEvidence): string | undefined {
  return [...repo.texts.keys()].filter((p) => !p.includes('/') && README.test(p)).sort()[0];
}

/**
 * The first paragraph of prose in the root README: after its title, badges and blank lines, and
 * not inside an HTML block (a centred tagline between `<p>` tags is a caption, not a paragraph).
 */
function readmePurpose(repo: RepoEvidence): RepoWiki['purpose'] {
  const path = readmeOf(repo);
  if (path === undefined) return undefined;
  const lines = (repo.texts.get(path) ?? '').split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || /^\s*(#|!\[|\[!\[|<|=+\s*$|-+\s*$|\||```|~~~)/.test(line) || line.trim() === '') continue;
    let end = i;
    while (end + 1 < lines.length && (lines[end + 1] ?? '').trim() !== '' && !/^\s*(#|```)/.test(lines[end + 1] ?? '')) end++;
    const paragraph = lines.slice(i, end + 1);
    const inHtml = /^ {4}|^\t/.test(line) || paragraph.some((l) => /^\s*</.test(l));
    if (!inHtml) return { text: paragraph.join('\n'), citation: cite(repo, path, i + 1, end + 1) };
    i = end;
  }
  return undefined;
}

/** Where running the code starts: package.json bin/main, Go `cmd/*`, and main/cli/index files near a module's top. */
function entryPoints(repo: RepoEvidence): RepoWiki['entryPoints'] {
  const out: RepoWiki['entryPoints'] = [];
  const manifest = repo.texts.get('package.json');
  if (manifest !== undefined) {
    manifest.split('\n').forEach((line, i) => {
      const field = /^\s{2}"(bin|main|module|exports)"\s*:/.exec(line)?.[1];
      if (field) out.push({ what: `package.json \`${field}\``, citation: cite(repo, 'package.json', i + 1) });
    });
  }
  const paths = repo.files.filter((f) => f.skipReason === null && !TEST_FILE.test(f.path)).map((f) => f.path);
  for (const path of paths) {
    const name = posix.basename(path);
    const program = /^(cmd\/[^/]+\/main\.go|bin\/[^/]+)$/.test(path) || MAIN_FILE.test(name) || (TOP_FILE.test(name) && TOP_FOLDERS.test(path));
    if (program) out.push({ what: `\`${path}\``, citation: cite(repo, path, 1) });
  }
  return out.slice(0, 15);
}

/** Commands that run the tests, from the files that define them. */
function testCommands(repo: RepoEvidence): RepoWiki['tests']['commands'] {
  const out: RepoWiki['tests']['commands'] = [];
  const lineOf = (path: string, pattern: RegExp): number | undefined => {
    const index = (repo.texts.get(path) ?? '').split('\n').findIndex((line) => pattern.test(line));
    return index === -1 ? undefined : index + 1;
  };
  const npm = lineOf('package.json', /^\s*"test"\s*:/);
  if (npm !== undefined) out.push({ command: 'npm test', citation: cite(repo, 'package.json', npm) });
  const make = lineOf('Makefile', /^test\s*:/);
  if (make !== undefined) out.push({ command: 'make test', citation: cite(repo, 'Makefile', make) });
  const markers: Array<[string, RegExp, string]> = [
    ['pyproject.toml', /^\[tool\.pytest/, 'pytest'],
    ['pytest.ini', /^\[pytest\]/, 'pytest'],
    ['tox.ini', /^\[tox\]/, 'tox'],
    ['go.mod', /^module\s/, 'go test ./...'],
    ['Cargo.toml', /^\[package\]/, 'cargo test'],
    ['pom.xml', /<project\b/, 'mvn test'],
    ['build.gradle', /\S/, 'gradle test'],
  ];
  for (const [path, pattern, command] of markers) {
    const line = lineOf(path, pattern);
    if (line !== undefined) out.push({ command, citation: cite(repo, path, line) });
  }
  return out;
}
