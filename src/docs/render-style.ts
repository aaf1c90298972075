import type { Convention } from '../conventions/types.js';
import type { DocsEvidence } from './evidence.js';
import { citeMarkdown, type WebBase } from './links.js';
import { cell, codeBlock, languageName, percent, shortSha } from './markdown.js';
import type { Region } from './markers.js';
import type { StyleLanguage, StyleRule } from './style-guide.js';

/** CODE_STYLE.md as regions: the header with the summary table, an overview, then one region per language. */
export function renderStyleGuide(evidence: DocsEvidence, guide: StyleLanguage[]): Region[] {
  const web = new Map(evidence.repos.map((r) => [r.name, r.located.web]));
  return [
    { name: 'style-header', content: header(evidence, guide) },
    { name: 'style-overview', content: overviewSection(styleOverview(guide)) },
    ...guide.map((section) => ({ name: `style-${section.language}`, content: languageSection(section, web) })),
  ];
}

function header(evidence: DocsEvidence, guide: StyleLanguage[]): string {
  const sources = evidence.repos.map((r) => `\`${r.name}\` @ \`${shortSha(r.commit)}\``).join(', ');
  const rows = guide.flatMap((section) =>
    section.rules.map(({ convention: c }) => `| ${languageName(section.language)} | ${cell(c.statement)} | ${c.support} | ${percent(c.confidence)} | ${c.enforced ? 'yes' : 'no'} |`),
  );
  return [
    '# Code style',
    '',
    `How the team writes code, measured from the golden repositories (${sources || 'none indexed'}) by \`archangel docs\`. Every rule below counts its cases in the golden code; every snippet is quoted from it at the pinned commit.`,
    '',
    '- **cases**: how many places in the golden code the rule applies to; **follow**: the share of them that do what the rule says.',
    '- **enforced**: `archangel check` and `archangel review` point out departures. A rule that is not enforced is a tendency the team also accepts the other way: do not correct others over it.',
    '- **Don\'t** examples are illustrative: written from the rule, not found in the golden code.',
    '',
    '| language | rule | cases | follow | enforced |',
    '| --- | --- | --- | --- | --- |',
    ...(rows.length > 0 ? rows : ['| - | no conventions learned yet: run `archangel index` | - | - | - |']),
  ].join('\n');
}

/** The overview region around its prose (the offline draft, or a model's rewording of it). */
export function overviewSection(prose: string): string {
  return `## At a glance\n\n${prose}`;
}

/** A few sentences a newcomer reads first: the strongest enforced rules of each language. */
export function styleOverview(guide: StyleLanguage[]): string {
  const lines: string[] = [];
  for (const section of guide) {
    const enforced = section.rules.filter((r) => r.convention.enforced);
    if (enforced.length === 0) continue;
    const top = enforced.slice(0, 5).map((r) => `${lowerFirst(r.convention.statement)} (${percent(r.convention.confidence)} of ${r.convention.support})`);
    lines.push(`- **${languageName(section.language)}**: ${enforced.length} enforced rule${enforced.length === 1 ? '' : 's'}; ${top.join('; ')}.`);
  }
  if (lines.length === 0) lines.push('No rule is enforced yet: the golden code is too small or too varied to call anything a convention.');
  return lines.join('\n');
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function languageSection(section: StyleLanguage, web: ReadonlyMap<string, WebBase | undefined>): string {
  const parts = [`## ${languageName(section.language)}`];
  for (const rule of section.rules) parts.push(ruleBlock(rule, section.language, web));
  return parts.join('\n\n');
}

function ruleBlock(rule: StyleRule, language: string, web: ReadonlyMap<string, WebBase | undefined>): string {
  const c: Convention = rule.convention;
  const flags = [`\`${c.id}\``, `${c.support} cases`, `${percent(c.confidence)} follow`, c.enforced ? 'enforced' : 'observed, not enforced', ...(c.lowConfidence ? ['learned without a parser'] : [])];
  const out = [`### ${c.statement}`, '', flags.join(' · ')];
  rule.snippets.forEach((snippet, index) => {
    // Size rules cite the golden code's largest cases: what is still accepted, not what to aim for.
    const label = index > 0 ? 'and in' : c.category === 'size' ? '**Near the limit**, as in' : '**Do**, as in';
    out.push('', `${label} ${citeMarkdown(snippet.citation, web.get(snippet.citation.repo))}:`, '', codeBlock(snippet.lines.join('\n'), language));
  });
  if (rule.snippets.length === 0 && c.examples.length === 0) out.push('', '_Measured over whole files or folders: there is no single snippet to quote._');
  if (rule.dont) {
    out.push('', `**Don't** (illustrative): ${rule.dont.text}`);
    if (rule.dont.code) out.push('', codeBlock(rule.dont.code, language));
  }
  return out.join('\n');
}
