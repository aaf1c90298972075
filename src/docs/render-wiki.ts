import { citeMarkdown } from './links.js';
import { languageName } from '../index/language.js';
import { cell, codeBlock, shortSha } from './markdown.js';
import type { Region } from './markers.js';
import { mermaidFlowchart } from './mermaid.js';
import { MAX_DIAGRAM_EDGES, MAX_DIAGRAM_MODULES } from './modules.js';
import { MAX_TERMS } from './abstractions.js';
import type { RepoWiki } from './wiki.js';

/** Modules listed in the table (the diagram shows fewer). */
const MAX_MODULE_ROWS = 30;

/** `acme/payments-api` → `acme-payments-api`: region names and anchors. */
export function repoSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'repo';
}

/** WIKI.md as regions: an index of the golden repos, then per repo its purpose and its page. */
export function renderWiki(wikis: RepoWiki[]): Region[] {
  const index = [
    '# Wiki',
    '',
    'What each golden repository is for and how it is built, computed by `archangel docs` from the code at the pinned commit. Each section cites the lines it was read from.',
    '',
    ...wikis.map((w) => `- [${w.repo.name}](#${repoAnchor(w)}) @ \`${shortSha(w.repo.commit)}\` (${w.repo.files.length} files)${w.purpose ? `: ${oneLine(w.purpose.text)}` : ''}`),
  ];
  return [
    { name: 'wiki-index', content: index.join('\n') },
    ...wikis.flatMap((wiki) => [
      { name: `wiki-${repoSlug(wiki.repo.name)}-purpose`, content: purposeSection(wiki) },
      { name: `wiki-${repoSlug(wiki.repo.name)}`, content: repoPage(wiki) },
    ]),
  ];
}

/**
 * Where the index links a repo's page: an explicit anchor, since hosts derive heading anchors
 * differently (`acme/api` is `acmeapi` on GitHub) and a repo may share its name with a heading.
 */
function repoAnchor(wiki: RepoWiki): string {
  return `repo-${repoSlug(wiki.repo.name)}`;
}

/** The README's first sentence on one line, for the index; clipped when it runs long. */
function oneLine(text: string): string {
  const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  return sentence.length > 160 ? `${sentence.slice(0, 159)}…` : sentence;
}

/** The heading and what the repo is for, from its README (a model may reword it: see model-prose.ts). */
export function purposeSection(wiki: RepoWiki, prose?: string): string {
  return [`## ${wiki.repo.name} <a id="${repoAnchor(wiki)}"></a>`, '', prose ?? purposeDraft(wiki)].join('\n');
}

export function purposeDraft(wiki: RepoWiki): string {
  const web = wiki.repo.located.web;
  const start = 'start from its entry points and key abstractions below';
  if (!wiki.readme) return `This repository has no README at its root, so nothing in it says what it is for: ${start}.`;
  if (!wiki.purpose) return `Its \`${wiki.readme}\` has no paragraph of prose to quote (only headings, badges, lists or code), so it does not say in a sentence what the repository is for: ${start}.`;
  const quoted = wiki.purpose.text.split('\n').map((line) => `> ${line}`).join('\n');
  return `${quoted}\n\n— ${citeMarkdown(wiki.purpose.citation, web)}`;
}

function repoPage(wiki: RepoWiki): string {
  const web = wiki.repo.located.web;
  const { repo } = wiki;
  const out: string[] = [`Commit \`${repo.commit}\`; ${repo.files.length} files, ${wiki.languages.map((l) => `${l.files} ${languageName(l.language)}`).join(', ') || 'no source files'}.`];
  out.push('', '### Architecture', '', `Top-level modules (folders, with \`src/\`-style roots split one level down), from the files at \`${shortSha(repo.commit)}\`, each with the declarations that the files importing it mention most (see Key abstractions):`, '');
  out.push('| module | files | most used by other files |', '| --- | --- | --- |', ...wiki.modules.slice(0, MAX_MODULE_ROWS).map((m) => `| \`${cell(m.module)}\` | ${m.files} | ${m.uses.map((name) => `\`${name}\``).join(', ')} |`));
  if (wiki.modules.length > MAX_MODULE_ROWS) out.push('', `…and ${wiki.modules.length - MAX_MODULE_ROWS} more.`);
  out.push('', ...moduleDiagram(wiki));
  out.push('', '### Entry points', '');
  out.push(...(wiki.entryPoints.length > 0 ? wiki.entryPoints.map((e) => `- ${e.what}: ${citeMarkdown(e.citation, web)}`) : ['_No conventional entry point (package.json `bin`/`main`, `main.*`, `cli.*`, `cmd/*/main.go`) was found._']));
  out.push('', '### Key abstractions', '', 'The declarations mentioned by the most files that import them: a fair guess at what to understand first.', '');
  out.push(...(wiki.abstractions.length > 0 ? wiki.abstractions.map((a) => `- \`${a.name}\` (${a.kind}, used by ${a.referencedBy} file${a.referencedBy === 1 ? '' : 's'}) ${citeMarkdown(a.citation, web)}${a.summary ? `: ${a.summary}` : ''}`) : ['_No named declarations are referenced across files._']));
  out.push('', '### Tests', '');
  if (wiki.tests.files === 0) out.push('_No test files were found._');
  else out.push(`${wiki.tests.files} test files, in ${wiki.tests.folders.map((f) => `\`${f.module}\` (${f.files})`).join(', ')}.`);
  if (wiki.tests.commands.length > 0) out.push('', 'Run them with:', '', ...wiki.tests.commands.map((c) => `- \`${c.command}\` (${citeMarkdown(c.citation, web)})`));
  out.push('', '### Glossary', '', `The ${wiki.glossary.length === MAX_TERMS ? MAX_TERMS : wiki.glossary.length} words this repo's declarations are most often named with (generic programming words left out), alphabetically, each with where it appears:`, '');
  out.push(...(wiki.glossary.length > 0 ? wiki.glossary.map((t) => `- **${t.term}** (${t.symbols} declarations): ${t.examples.map((e) => `\`${e.name}\` ${citeMarkdown(e.citation, web)}`).join(', ')}`) : ['_Too few named declarations for a glossary._']));
  return out.join('\n');
}

/** The dependency diagram, or the plain reason there is none: one module only, or modules that never import each other. */
function moduleDiagram(wiki: RepoWiki): string[] {
  const [only] = wiki.modules;
  if (!only) return ['_There are no source files, so there are no modules to draw._'];
  if (wiki.modules.length === 1) return [`All ${only.files} source file${only.files === 1 ? '' : 's'} sit${only.files === 1 ? 's' : ''} in one module, \`${only.module}\`: there are no dependencies between modules to draw.`];
  if (wiki.edges.length === 0) return [`None of the ${wiki.modules.length} modules imports another (no import of a non-test file resolves to a file in a different module), so there is no dependency diagram to draw.`];
  const drawn = wiki.edges.slice(0, MAX_DIAGRAM_EDGES);
  const scope = drawn.length < wiki.edges.length ? `The ${drawn.length} heaviest of ${wiki.edges.length} dependencies` : 'The dependencies';
  return [
    `${scope} between modules (at most ${MAX_DIAGRAM_MODULES}), counted from the imports of non-test files that resolve to files of this repo; an arrow labelled 12 means 12 files import across it:`,
    '',
    codeBlock(mermaidFlowchart(wiki.drawn, drawn), 'mermaid'),
  ];
}
