import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeOf } from '../review/render-notes.js';
import type { Activity } from '../session/activity.js';
import type { PairNote } from '../session/pair-notes.js';
import type { NoteRecord } from '../session/types.js';
import type { PairMeta } from './metadata.js';

/** What a pair session left in the driver's record, between its start and its stop. */
export interface SessionRecord {
  activity: Activity;
  pairNotes: PairNote[];
  stoppedAt: number;
}

/** How many topics "came up most" lists. */
const TOP_TOPICS = 5;

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time as `yyyy-mm-dd hh:mm` (`sep` between date and time). */
export function localStamp(ms: number, sep = ' ', timeSep = ':'): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}${sep}${pad(d.getHours())}${timeSep}${pad(d.getMinutes())}`;
}

const where = (note: NoteRecord) => `\`${placeOf(note)}\``;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function section(title: string, lines: string[], empty: string): string[] {
  return [`## ${title}${lines.length > 0 ? ` (${lines.length})` : ''}`, '', ...(lines.length > 0 ? lines : [`_${empty}_`]), ''];
}

/** The topics with the most notes, most first (then by how far their hints were climbed). */
function topTopics(activity: Activity): string[] {
  const counts = new Map<string, { notes: number; hints: number }>();
  const topicOf = new Map(activity.notes.map((note) => [note.id, note.topic]));
  for (const note of activity.notes) {
    const entry = counts.get(note.topic) ?? { notes: 0, hints: 0 };
    entry.notes++;
    counts.set(note.topic, entry);
  }
  for (const hint of activity.hints) {
    const entry = counts.get(topicOf.get(hint.noteId) ?? '');
    if (entry) entry.hints++;
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].notes - a[1].notes || b[1].hints - a[1].hints || a[0].localeCompare(b[0]))
    .slice(0, TOP_TOPICS)
    .map(([topic, { notes, hints }]) => `- \`${topic}\`: ${notes} note${notes === 1 ? '' : 's'}${hints > 0 ? `, ${hints} hint${hints === 1 ? '' : 's'} climbed` : ''}`);
}

/** The markdown summary of a pair session. */
export function renderSummary(meta: PairMeta, record: SessionRecord): string {
  const { activity, pairNotes, stoppedAt } = record;
  const minutes = Math.max(Math.round((stoppedAt - meta.startedAt) / 60_000), 0);
  const titles = new Map(activity.notes.map((note) => [note.id, note]));
  const climbs = new Map<string, number[]>();
  for (const hint of activity.hints) climbs.set(hint.noteId, [...(climbs.get(hint.noteId) ?? []), hint.level]);
  return [
    `# Pair session ${meta.name}`,
    '',
    `- Repository: \`${meta.repo}\` (${meta.branch})`,
    `- Driver: ${meta.driver} · Navigator: ${meta.navigator}`,
    `- ${localStamp(meta.startedAt)} to ${localStamp(stoppedAt)} (${minutes} min)`,
    '',
    ...section('Notes given', activity.notes.map((note) => `- **${oneLine(note.title)}** ${where(note)} (\`${note.topic}\`, ${note.severity})`), 'No notes this session.'),
    ...section(
      'Hints climbed',
      [...climbs.entries()].map(([id, levels]) => {
        const note = titles.get(id);
        return `- ${note ? `**${oneLine(note.title)}** ${where(note)}` : id}: ${levels.map((level) => `L${level}`).join(', ')}`;
      }),
      'No hints asked for.',
    ),
    ...section('Notes dismissed', activity.dismissed.map((note) => `- **${oneLine(note.title)}** ${where(note)} (\`${note.topic}\`)`), 'None dismissed.'),
    ...section('Chat questions', activity.questions.map((message) => `- ${oneLine(message.text)}`), 'No questions asked.'),
    ...section('Navigator notes', pairNotes.map((note) => `- ${note.author} (${localStamp(note.at).slice(11)}): ${oneLine(note.text)}`), 'The navigator added no notes.'),
    ...section('Conventions that came up most', topTopics(activity), 'None came up.'),
  ].join('\n');
}

/** Writes the summary to `<stateDir>/sessions/<name>-<yyyy-mm-dd-hhmm>.md` (never over an older one); returns the path. */
export function writeSummary(meta: PairMeta, record: SessionRecord): string {
  const dir = join(meta.stateDir, 'sessions');
  mkdirSync(dir, { recursive: true });
  const stem = `${meta.name}-${localStamp(meta.startedAt, '-', '')}`;
  const text = renderSummary(meta, record);
  for (let n = 1; ; n++) {
    const path = join(dir, `${stem}${n === 1 ? '' : `-${n}`}.md`);
    try {
      writeFileSync(path, text, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
