import { ECMASCRIPT, FUNCTION_VALUES, FUNCTIONS } from './ecmascript-grammar.js';
import { ancestor, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A headless browser launched and never closed: `const browser = await puppeteer.launch()` in a
 * scraper function with no `browser.close()`. Each call starts a whole Chromium (hundreds of MB
 * and several processes) that lives on after the function returns; a server that scrapes per
 * request runs out of memory after a few dozen requests. Found where the function that launches
 * it never closes it and does not hand it on (returns it or stores it on `this`).
 */

const LAUNCH = /^(?:await\s+)?(?:puppeteer|playwright\.\w+|chromium|firefox|webkit)\.launch\s*\(/;
const SCOPES = new Set([...FUNCTIONS, ...FUNCTION_VALUES, 'program']);

const browserLeftOpen: SyntaxRule = {
  id: 'js/browser-left-open',
  languages: ECMASCRIPT,
  concern: 'correctness',
  title: 'browser launched and never closed',
  question: 'When this function returns, what happens to the browser it launched, and how many are running after a hundred calls?',
  docsUrl: 'https://pptr.dev/api/puppeteer.browser.close',
  fix: 'Close it however the work ends: `try { ... } finally { await browser.close(); }`, or launch one browser when the program starts and open a new page per request',
  types: ['variable_declarator'],
  mentions: /\.launch\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const declarator of index.of('variable_declarator')) {
      const name = declarator.childForFieldName('name')?.text;
      if (!name || !LAUNCH.test(declarator.childForFieldName('value')?.text ?? '')) continue;
      const scope = ancestor(declarator, SCOPES);
      const kept = new RegExp(`\\b${name}\\s*\\.\\s*close\\s*\\(|\\breturn\\s+${name}\\b|\\bthis\\.\\w+\\s*=\\s*${name}\\b`);
      if (scope && !kept.test(scope.text)) hits.push({ node: declarator, message: `\`${name}\` is launched here and never closed: every call leaves a browser running.` });
    }
    return hits;
  },
};

export const BROWSER_LEFT_OPEN_RULES: readonly SyntaxRule[] = [browserLeftOpen];
