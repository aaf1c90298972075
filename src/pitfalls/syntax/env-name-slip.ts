import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * One setting read under two spellings:
 *
 *   if (!process.env.TELGRAM_API_TOKEN) throw new Error("Telegram bot api token not provided");
 *   const token = process.env.TELEGRAM_API_TOKEN as string;
 *
 * The environment holds one of the two names, so one read is always empty: here the start-up
 * check always throws and the bot never starts; the other way round, the check passes and the
 * code runs with no token. Found where two names read from the environment in one file differ by
 * one letter dropped or doubled inside a word (`TELGRAM`/`TELEGRAM`), both eight letters or longer;
 * names that differ by a changed letter, a digit or a letter at a word's edge (`API_KEY`/`APP_KEY`,
 * `HOST1`/`HOST2`, `BLAS_LIBS`/`CBLAS_LIBS`) are often two settings, and are left alone.
 */

/** How a language reads the environment: the nodes to look at, and the name in their text. */
interface EnvGrammar {
  prefix: string;
  languages: readonly ParsedLanguage[];
  types: readonly string[];
  name: RegExp;
}

const GRAMMARS: readonly EnvGrammar[] = [
  { prefix: 'js', languages: ECMASCRIPT, types: ['member_expression', 'subscript_expression'], name: /^process\.env(?:\.(\w+)|\[\s*["'`](\w+)["'`]\s*\])$/ },
  { prefix: 'python', languages: ['python'], types: ['call', 'subscript'], name: /^os\.(?:getenv\(\s*|environ\.get\(\s*|environ\[\s*)["'](\w+)["']/ },
  { prefix: 'java', languages: ['java'], types: ['method_invocation'], name: /^System\.getenv\(\s*"(\w+)"/ },
  { prefix: 'go', languages: ['go'], types: ['call_expression'], name: /^os\.(?:Getenv|LookupEnv)\(\s*"(\w+)"/ },
];

const SHORTEST = 8;

/**
 * Whether `longer` is `shorter` with one letter added inside a word (a letter dropped or doubled in
 * the other: `TELGRAM`/`TELEGRAM`). A letter at a word's edge makes another word (`BLAS`/`CBLAS`,
 * `HOST`/`HOSTS`), often another setting.
 */
function oneLetterAdded(shorter: string, longer: string): boolean {
  if (longer.length !== shorter.length + 1) return false;
  let at = 0;
  while (at < shorter.length && shorter[at] === longer[at]) at++;
  // Where letters are doubled, the first differing place may be the second of the pair: step back over it.
  while (at > 0 && longer[at - 1] === longer[at]) at--;
  const inWord = /[A-Za-z]/.test(longer[at - 1] ?? '') && /[A-Za-z]/.test(longer[at + 1] ?? '');
  return /[A-Za-z]/.test(longer[at] ?? '') && inWord && longer.slice(at + 1) === shorter.slice(at);
}

const envNameSlip = (grammar: EnvGrammar): SyntaxRule => ({
  id: `${grammar.prefix}/env-name-slip`,
  languages: grammar.languages,
  concern: 'correctness',
  // One of the two reads is empty every time the program runs.
  failure: 'certain',
  title: 'one setting read under two spellings',
  question: 'Which of these two names does the environment (your .env) really hold, and what does the other read give back?',
  docsUrl: 'https://12factor.net/config',
  fix: 'Read the setting once, under the name the environment holds, into one constant (`const token = process.env.TELEGRAM_API_TOKEN; if (!token) throw ...`), and use that constant everywhere',
  types: grammar.types,
  mentions: /\benv\b|environ|getenv|Getenv|LookupEnv/i,
  find(index) {
    const first = new Map<string, Node>();
    for (const node of grammar.types.flatMap((type) => index.of(type)).sort((a, b) => a.startIndex - b.startIndex)) {
      const match = grammar.name.exec(node.text.replace(/\s+/g, ' '));
      const name = match?.[1] ?? match?.[2];
      if (name && !first.has(name)) first.set(name, node);
    }
    const hits: SyntaxHit[] = [];
    for (const [a, nodeA] of first) {
      for (const [b, nodeB] of first) {
        if (a.length < SHORTEST || !oneLetterAdded(a, b)) continue;
        const [earlier, later, laterName, earlierName] = nodeA.startIndex < nodeB.startIndex ? [nodeA, nodeB, b, a] : [nodeB, nodeA, a, b];
        hits.push({ node: earlier, message: `\`${earlierName}\` here and \`${laterName}\` on line ${later.startPosition.row + 1} are one letter apart: the environment holds one of them, so the other read is always empty.` });
      }
    }
    return hits;
  },
});

export const ENV_NAME_SLIP_RULES: readonly SyntaxRule[] = GRAMMARS.map(envNameSlip);
