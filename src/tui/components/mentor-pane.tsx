import { Text } from 'ink';
import type { HintLevel } from '../../tutor/types.js';
import { usePaint } from '../palette.js';
import { levelOf } from '../state/selection.js';
import type { NavigatorNote, ReviewView } from '../state/types.js';
import { LiveNoteView } from './live-note.js';
import { NoteView } from './note-view.js';
import { Pane } from './pane.js';

export interface MentorPaneProps {
  review: ReviewView;
  selectedNoteId: string | undefined;
  levels: Readonly<Record<string, HintLevel>>;
  width: number;
  height: number;
  focused: boolean;
  /** Pair sessions: the navigator's notes, and the one being typed (`n`). */
  navigatorNotes?: NavigatorNote[];
  noteDraft?: string | undefined;
}

/** Navigator notes shown above the mentor's: the latest few, the rest are in the session summary. */
const NAVIGATOR_NOTES_SHOWN = 3;

function emptyMessage(review: ReviewView): string {
  if (review.phase === 'idle') return 'Waiting for a save…';
  if (review.phase === 'running') return 'Reading your changes…';
  if (review.phase === 'failed') return 'The review failed; press r to try again.';
  return 'Nothing to say about this save.';
}

/**
 * The notes of the latest review (the selected one expanded, starting one note above it so it
 * stays in view) and the live note streaming in below them.
 */
export function MentorPane({ review, selectedNoteId, levels, width, height, focused, navigatorNotes = [], noteDraft }: MentorPaneProps): React.JSX.Element {
  const paint = usePaint();
  const { notes, live } = review;
  const at = notes.findIndex((note) => note.id === selectedNoteId);
  const first = Math.max(at - 1, 0);
  const inner = width - 2;
  return (
    <Pane title={`Mentor${notes.length > 0 ? ` (${notes.length})` : ''}`} width={width} height={height} focused={focused}>
      {noteDraft !== undefined ? <Text wrap="truncate-start" {...paint({ color: 'cyan' })}>{`✎ note: ${noteDraft}█`}</Text> : null}
      {navigatorNotes.slice(-NAVIGATOR_NOTES_SHOWN).map((note, index) => (
        <Text key={index} {...paint({ color: 'magenta' })}>{`✎ ${note.author}: ${note.text}`}</Text>
      ))}
      {review.stale ? <Text wrap="truncate-end" {...paint({ dimColor: true })}>From the previous save; reviewing again…</Text> : null}
      {notes.length === 0 && !live ? <Text wrap="truncate-end">{emptyMessage(review)}</Text> : null}
      {first > 0 ? <Text {...paint({ dimColor: true })}>{`  ↑ ${first} more`}</Text> : null}
      {notes.slice(first).map((note) => (
        <NoteView key={note.id} note={note} level={levelOf(levels, note)} selected={note.id === selectedNoteId} width={inner} />
      ))}
      {live ? <LiveNoteView live={live} width={inner} /> : null}
    </Pane>
  );
}
