import type { Profile } from '../conventions/types.js';
import { percent } from '../conventions/percent.js';
import type { ProseEvidence, ProseRequest } from './model-prose.js';
import { styleOverview } from './glance.js';
import { overviewSection } from './render-style.js';
import { purposeDraft, purposeSection, repoSlug } from './render-wiki.js';
import type { StyleLanguage } from './style-guide.js';
import type { RepoWiki } from './wiki.js';

/**
 * The regions a model may reword: the style guide's overview and each repo's purpose. Each slot
 * carries the deterministic draft, the evidence it may cite, and how its prose becomes the region.
 */
export interface ProseSlot {
  region: string;
  request: ProseRequest;
  wrap(prose: string): string;
}

/** Evidence items per slot: enough to ground a few paragraphs, few enough to read. */
const MAX_EVIDENCE = 16;

export function styleSlot(guide: StyleLanguage[], sizes: Profile['sizes'], web: (repo: string) => ProseEvidence['web']): ProseSlot {
  const evidence: ProseEvidence[] = guide
    .flatMap((section) => section.rules.filter((r) => r.convention.enforced && r.snippets.length > 0))
    .slice(0, MAX_EVIDENCE)
    .map(({ convention: c, snippets: [snippet] }) => ({
      citation: snippet!.citation,
      web: web(snippet!.citation.repo),
      text: `${c.statement} (${c.language}: ${c.support} cases, ${percent(c.confidence, 0)} follow)\n${snippet!.lines.join('\n')}`,
    }));
  return {
    region: 'style-overview',
    request: { template: 'docs-style', subject: 'the code style of the golden repositories', draft: styleOverview(guide, sizes), evidence },
    wrap: overviewSection,
  };
}

export function purposeSlot(wiki: RepoWiki): ProseSlot {
  const web = wiki.repo.located.web;
  const evidence: ProseEvidence[] = [
    ...(wiki.purpose ? [{ citation: wiki.purpose.citation, web, text: wiki.purpose.text }] : []),
    ...wiki.abstractions.map((a) => ({ citation: a.citation, web, text: `${a.kind} ${a.name}, mentioned in ${a.referencedBy} other files${a.summary ? `: ${a.summary}` : ''}` })),
  ].slice(0, MAX_EVIDENCE);
  const modules = wiki.modules.slice(0, 8).map((m) => `${m.module} (${m.files} files)`).join(', ');
  return {
    region: `wiki-${repoSlug(wiki.repo.name)}-purpose`,
    request: { template: 'docs-wiki', subject: `the ${wiki.repo.name} repository`, draft: `${purposeDraft(wiki)}\n\nLargest modules: ${modules}.`, evidence },
    wrap: (prose) => purposeSection(wiki, prose),
  };
}
