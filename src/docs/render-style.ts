import type { Citation, Convention, Profile } from '../conventions/types.js';
import type { DocsEvidence } from './evidence.js';
import { ruleAnchor, styleOverview } from './glance.js';
import { citeMarkdown } from './links.js';
import { percent } from '../conventions/percent.js';
import { languageName } from '../index/language.js';
import { cell, codeBlock, inline, shortSha } from './markdown.js';
import type { Region } from './markers.js';
import { MIN_TENDENCY_CASES, type StyleLanguage, type StyleRule } from './style-guide.js';

/**
 * CODE_STYLE.md as regions: the title, the overview in plain sentences, the summary tables (the
 * enforced rules, then the tendencies), then one region per language.
 */
export function renderStyleGuide(evidence: DocsEvidence, guide: StyleLanguage[]): Region[] {
  const web = new Map(evidence.repos.map((r) => [r.name, r.located.web]));
  // With more than one golden repo, a citation names its repo even where it is a link.
  const named = evidence.repos.length > 1;
  const { sizes } = evidence.profile;
  return [
    { name: 'style-header', content: header(evidence) },
    { name: 'style-overview', content: overviewSection(styleOverview(guide, sizes)) },
    { name: 'style-summary', content: summary(guide) },
    ...guide.map((section) => ({ name: `style-${section.language}`, content: languageSection(section, sizes, (c) => citeMarkdown(c, web.get(c.repo), named)) })),
  ];
}

function header(evidence: DocsEvidence): string {
  const sources = evidence.repos.map((r) => `\`${r.name}\` @ \`${shortSha(r.commit)}\``).join(', ');
  return [
    '# Code style',
    '',
    `How the team writes code, measured from the golden repositories (${sources || 'none indexed'}) by \`archangel docs\`. Every rule below counts its cases in the golden code; every snippet is quoted from it at the pinned commit.`,
  ].join('\n');
}

/** The summary tables: what `archangel check` holds new code to, then what the team merely tends to do. */
function summary(guide: StyleLanguage[]): string {
  const rows = (enforced: boolean): string[] =>
    guide.flatMap((section) =>
      section.rules
        .filter(({ convention: c }) => c.enforced === enforced)
        .map(({ convention: c }) => `| ${languageName(section.language)} | [${cell(c.statement)}](#${ruleAnchor(c)}) | ${c.support} | ${percent(c.confidence, 0)} |`),
    );
  const table = (lines: string[], none: string): string[] => ['| language | rule | cases | follow |', '| --- | --- | --- | --- |', ...(lines.length > 0 ? lines : [`| - | ${none} | - | - |`])];
  return [
    '## Rules (enforced)',
    '',
    '`archangel check` and `archangel review` point out departures from these. **cases**: how many places in the golden code the rule applies to; **follow**: the share of them that do what it says.',
    '',
    ...table(rows(true), 'no rule is enforced yet: run `archangel index` on more golden code'),
    '',
    '## Tendencies (observed, not enforced)',
    '',
    `What the golden code mostly does, too weak or too varied to hold anyone to: the team also accepts the other way, so do not correct others over it. Habits seen in fewer than ${MIN_TENDENCY_CASES} places are left out.`,
    '',
    ...table(rows(false), 'none'),
    '',
    "In the sections below, **Don't** examples are illustrative: written from the rule, not found in the golden code.",
  ].join('\n');
}

/** The overview region around its prose (the offline draft, or a model's rewording of it). */
export function overviewSection(prose: string): string {
  return `## At a glance\n\n${prose}`;
}

type Cite = (citation: Citation) => string;

function languageSection(section: StyleLanguage, sizes: Profile['sizes'], cite: Cite): string {
  const parts = [`## ${languageName(section.language)}`];
  section.rules.forEach((rule, index) => {
    // Rules come enforced first: one line marks where the tendencies start.
    if (index === 0 && !rule.convention.enforced) parts.push('_No rule is enforced here: these are tendencies, observed in the golden code._');
    else if (!rule.convention.enforced && section.rules[index - 1]?.convention.enforced) parts.push('_The rest are tendencies: observed, not enforced._');
    parts.push(ruleBlock(rule, section.language, sizes, cite));
  });
  return parts.join('\n\n');
}

function ruleBlock(rule: StyleRule, language: string, sizes: Profile['sizes'], cite: Cite): string {
  const c: Convention = rule.convention;
  const flags = [`\`${c.id}\``, `${c.support} cases`, `${percent(c.confidence, 0)} follow`, c.enforced ? 'enforced' : 'observed, not enforced', ...(c.lowConfidence ? ['learned without a parser'] : [])];
  const out = [`### ${inline(c.statement)} <a id="${ruleAnchor(c)}"></a>`, '', flags.join(' · ')];
  rule.snippets.forEach((snippet, index) => {
    // Size rules cite the golden code's largest cases: what is still accepted, not what to aim for.
    const label = index > 0 ? 'and in' : c.category === 'size' ? '**Near the limit**, as in' : '**Do**, as in';
    out.push('', `${label} ${cite(snippet.citation)}:`, '', codeBlock(snippet.lines.join('\n'), language));
  });
  if (rule.snippets.length === 0 && c.examples.length === 0) out.push('', '_Measured over whole files or folders: there is no single snippet to quote._');
  if (rule.dont) {
    out.push('', `**Don't** (illustrative): ${rule.dont.text}`);
    if (rule.dont.code) out.push('', codeBlock(rule.dont.code, language));
  }
  return out.join('\n');
}
