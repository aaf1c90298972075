import { posix } from 'node:path';
import type { Citation } from '../index/citation.js';
import { splitWords } from '../tutor/offline/case-convert.js';
import type { RepoEvidence } from './evidence.js';

/** Symbols listed as key abstractions. */
export const MAX_ABSTRACTIONS = 12;
/** Terms in the glossary. */
export const MAX_TERMS = 15;
/** Kinds of declaration that name an abstraction (methods belong to their class). */
const ABSTRACTION_KINDS = new Set(['class', 'interface', 'type', 'enum', 'function', 'namespace', 'impl']);

export interface Abstraction {
  name: string;
  kind: string;
  citation: Citation;
  /** Other files that mention the name. */
  referencedBy: number;
  /** First sentence of its doc comment, when it has one. */
  summary: string | undefined;
}

export interface GlossaryTerm {
  term: string;
  /** Declarations whose names use the term. */
  symbols: number;
  examples: Array<{ name: string; citation: Citation }>;
}

/**
 * The referenced declarations of a repo, most referenced first: for each named class, interface,
 * type or function, how many files that import its file (or, in Go, its folder) mention its name.
 * A name declared in several files is ambiguous and left out. The first MAX_ABSTRACTIONS are the
 * repo's key abstractions.
 */
export function referencedDeclarations(repo: RepoEvidence, imports: ReadonlyMap<string, ReadonlySet<string>>): Abstraction[] {
  const declared = new Map<string, RepoEvidence['symbols'][number] | null>();
  for (const symbol of repo.symbols) {
    if (!ABSTRACTION_KINDS.has(symbol.kind) || symbol.symbol.includes('.') || symbol.symbol.length < 4) continue;
    const first = declared.get(symbol.symbol);
    declared.set(symbol.symbol, first === undefined || first?.path === symbol.path ? (first ?? symbol) : null);
  }
  const importers = new Map<string, string[]>();
  for (const [path, targets] of imports) {
    for (const target of targets) {
      const key = target.endsWith('.go') ? posix.dirname(target) : target;
      importers.set(key, [...(importers.get(key) ?? []), path]);
    }
  }
  const referencing = new Map<string, number>();
  for (const [name, symbol] of declared) {
    if (!symbol) continue;
    const key = symbol.path.endsWith('.go') ? posix.dirname(symbol.path) : symbol.path;
    const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
    const count = (importers.get(key) ?? []).filter((path) => path !== symbol.path && word.test(repo.texts.get(path) ?? '')).length;
    if (count > 0) referencing.set(name, count);
  }
  return [...referencing]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, referencedBy]) => {
      const symbol = declared.get(name)!;
      const citation = { repo: repo.name, commit: repo.commit, path: symbol.path, startLine: symbol.startLine, endLine: symbol.endLine };
      return { name, kind: symbol.kind, citation, referencedBy, summary: docSummary(repo.texts.get(symbol.path), symbol.startLine, symbol.endLine) };
    });
}

/** The first sentence of the doc comment at the top of lines start..end (JSDoc, `//`, `#`, or a Python docstring). */
export function docSummary(text: string | undefined, start: number, end: number): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.split('\n').slice(start - 1, Math.min(end, start + 30));
  const comment: string[] = [];
  let index = 0;
  while (index < lines.length && /^\s*(\/\*\*?|\*(?!\/)|\/\/|#(?!!))/.test(lines[index] ?? '')) {
    comment.push((lines[index] ?? '').replace(/^\s*(\/\*\*?|\*|\/\/\/?|#)\s?/, '').replace(/\*\/\s*$/, ''));
    if (/\*\/\s*$/.test(lines[index] ?? '')) break;
    index++;
  }
  if (comment.length === 0) {
    const docstring = lines.slice(1, 4).join('\n').match(/^\s*(?:"""|''')([\s\S]*?)(?:"""|'''|$)/);
    if (docstring?.[1]) comment.push(docstring[1]);
  }
  const prose = comment.join(' ').replace(/\s+/g, ' ').trim();
  if (prose === '' || prose.startsWith('@')) return undefined;
  // "e.g." and "i.e." do not end a sentence.
  const sentence = /^(.+?(?<!\b(?:e\.g|i\.e))[.!?])(\s|$)/.exec(prose)?.[1] ?? prose;
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}

/** Words that name programming, not the domain: left out of the glossary. */
const GENERIC = new Set(
  `get set has is are can should will make create new build read write load save open close init start stop run runs
   to from of for in on at by with without into and or not the a an all any each some one two no
   add remove delete update find search list map array string number value values key keys item items data info
   type types kind name names id ids file files path paths dir folder line lines text code source src test tests spec mock fake
   error errors err exception result results option options config settings param params arg args input output
   handle handler handlers callback event events state props context ctx node nodes tree root parent child children
   base default util utils helper helpers internal impl manager service factory provider wrapper client server request response
   async sync promise await function method class object interface module package index count size length first last next prev
   format parse parser print log logger debug warn check valid validate is to as be do if else return true false null undefined
   self this that it its get_ str int bool dict tuple char byte bytes buffer stream message messages entry entries record records
   fn func cb opts cfg val vals obj tmp temp foo bar baz main app cli command commands describe visit view views render`.split(/\s+/),
);

/** Words the repo's own declarations are built from, most used first: the vocabulary of its domain. */
export function glossary(repo: RepoEvidence, abstractions: Abstraction[]): GlossaryTerm[] {
  const byTerm = new Map<string, Map<string, Citation>>();
  const cite = (s: RepoEvidence['symbols'][number]): Citation => ({ repo: repo.name, commit: repo.commit, path: s.path, startLine: s.startLine, endLine: s.endLine });
  for (const symbol of repo.symbols) {
    const name = (symbol.symbol.split('.').pop() ?? symbol.symbol).replace(/^#/, '');
    for (const word of new Set(splitWords(name))) {
      if (word.length < 4 || GENERIC.has(word) || /\d/.test(word)) continue;
      const names = byTerm.get(word) ?? new Map<string, Citation>();
      if (!names.has(name)) names.set(name, cite(symbol));
      byTerm.set(word, names);
    }
  }
  const central = new Set(abstractions.map((a) => a.name));
  return [...byTerm]
    .filter(([, names]) => names.size >= 2)
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .slice(0, MAX_TERMS)
    .map(([term, names]) => {
      // Examples: the key abstractions using the term first, then the rest by name.
      const ordered = [...names].sort((a, b) => Number(central.has(b[0])) - Number(central.has(a[0])) || a[0].localeCompare(b[0]));
      return { term, symbols: names.size, examples: ordered.slice(0, 3).map(([name, citation]) => ({ name, citation })) };
    })
    .sort((a, b) => a.term.localeCompare(b.term));
}
