import { severityMark, type Palette } from '../cli/terminal.js';
import { formatEvidence } from '../review/render-notes.js';
import { READY_LIST } from './thresholds.js';
import type { ProgressReport, TopicProgress, TopicStatus } from './types.js';

const HEADINGS: Record<TopicStatus, string> = {
  struggling: 'struggling — keeps coming back or needs the whole ladder',
  learning: 'learning',
  new: 'new — seen once',
  mastered: 'mastered — fixed on your own, several times in a row',
};

const TREND_MARK = { improving: '↓ less often', steady: '', worsening: '↑ more often' } as const;

/**
 * The progress summary as plain lines, shared by `archangel progress` and the `p` pane in watch
 * (which passes a palette without colour). Pure: the report in, text out.
 */
export function formatProgress(report: ProgressReport, p: Palette): string[] {
  const { progress, ready } = report;
  const window = progress.since === null ? 'all history' : `since ${new Date(progress.since).toISOString().slice(0, 10)}`;
  const lines = [p.bold(`Progress of ${progress.learner} (${window})`)];
  if (progress.topics.length === 0) {
    lines.push('No notes in this window yet: the record fills as `archangel watch` or `archangel review` runs.');
  } else {
    const { counts } = progress;
    lines.push(`${counts.struggling} struggling · ${counts.learning} learning · ${counts.new} new · ${counts.mastered} mastered`);
    for (const status of ['struggling', 'learning', 'new', 'mastered'] as const) {
      const topics = progress.topics.filter((topic) => topic.status === status);
      if (topics.length === 0) continue;
      lines.push('', p.bold(HEADINGS[status]));
      for (const topic of topics) lines.push(`  ${topicLine(topic, p)}`);
    }
  }
  lines.push('', p.bold('Focus next'));
  if (progress.focus.length === 0) lines.push('  Nothing stands out: keep going.');
  for (const [index, item] of progress.focus.entries()) {
    lines.push(`  ${index + 1}. ${item.title} (${item.topic}) — ${item.reason}`);
    lines.push(p.dim(`     ${item.example ? formatEvidence(item.example) : 'no golden example on record yet'}`));
  }
  lines.push('', p.bold('Ready for review?'));
  const where = changedWhere(ready);
  if (ready.changedFiles === 0) {
    lines.push(`  Nothing to review: ${nothingChanged(ready)}.`);
  } else if (ready.notes.length === 0) {
    lines.push(`  Yes: no open notes on ${where}.`);
  } else {
    const more = ready.notes.length - READY_LIST;
    lines.push(`  Not yet: ${ready.notes.length} open ${ready.notes.length === 1 ? 'note' : 'notes'} on ${where} a reviewer would likely raise.`);
    for (const note of ready.notes.slice(0, READY_LIST)) {
      lines.push(`  ${severityMark(p, note.severity)} ${note.path}:${note.startLine}  ${note.title}`);
    }
    if (more > 0) lines.push(p.dim(`  and ${more} more`));
  }
  return lines;
}

/** Where the open notes were looked for: `the 3 staged files on main`, `the 2 files changed in main..HEAD`. */
function changedWhere(ready: ProgressReport['ready']): string {
  const count = ready.changedFiles;
  if (count === undefined) return ready.branch;
  const files = count === 1 ? 'file' : 'files';
  switch (ready.target?.kind) {
    case 'staged':
      return `the ${count} staged ${files} on ${ready.branch}`;
    case 'range':
      return `the ${count} ${files} changed in ${ready.target.range}`;
    default:
      return `the ${count} changed ${files} on ${ready.branch}`;
  }
}

function nothingChanged(ready: ProgressReport['ready']): string {
  switch (ready.target?.kind) {
    case 'staged':
      return `nothing is staged on ${ready.branch}`;
    case 'range':
      return `no changes in ${ready.target.range}`;
    default:
      return `no changes on ${ready.branch} since the last commit`;
  }
}

function topicLine(topic: TopicProgress, p: Palette): string {
  const fixes = topic.fixes === 0 ? 'not fixed yet' : `fixed ${topic.fixes} (${topic.unaidedFixes} on your own)`;
  const parts = [`seen ${topic.sightings}`, fixes];
  if (topic.open > 0) parts.push(`${topic.open} open`);
  if (topic.relapses > 0) parts.push(`came back ${topic.relapses}`);
  if (topic.fullLadder > 0) parts.push(`needed the change ${topic.fullLadder}`);
  if (topic.rushed > 0) parts.push(`went straight to it ${topic.rushed}`);
  if (topic.quizRight + topic.quizWrong > 0) parts.push(`quiz ${topic.quizRight}/${topic.quizRight + topic.quizWrong}`);
  const trend = TREND_MARK[topic.trend];
  return `${topic.title} ${p.dim(`(${topic.topic})`)}  ${parts.join(' · ')}${trend ? `  ${trend}` : ''}`;
}
