import { Box, measureElement, Text, type DOMElement } from 'ink';
import { useEffect, useRef } from 'react';
import { withoutRulesSentence } from '../../conventions/coverage.js';
import { placeOf } from '../../review/render-notes.js';
import type { ResolvedNote } from '../../review/types.js';
import type { HintLevel } from '../../tutor/types.js';
import { bindingsFor, keyLabel } from '../keys.js';
import { usePaint } from '../palette.js';
import { clean } from '../text.js';
import { levelOf } from '../state/selection.js';
import type { NavigatorNote, ReviewView, TuiState } from '../state/types.js';
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
  /** A rung being written afresh for the learner. */
  freshRung?: TuiState['freshRung'];
  /** Rows scrolled out of view at the top, and rows of content that do not fit (as last reported). */
  scroll?: number;
  overflow?: number;
  /** Told, after each drawing, how many rows of content do not fit (how far the pane can scroll). */
  onOverflow?: (rows: number) => void;
}

/** The keys that scroll the pane, as the help screen names them (`J`, `K`). */
const SCROLL_KEYS = Object.fromEntries(bindingsFor('mentor').filter((b) => b.command.startsWith('scroll-')).map((b) => [b.command, keyLabel(b.keys[0] ?? '')]));

/** Resolved notes listed by name before the count of the rest. */
const RESOLVED_LISTED = 3;

/** `✓ resolved: naming (src/a.ts:3)`, one line per note this save fixed, the rest counted. */
function resolvedLines(resolved: ResolvedNote[]): string[] {
  const listed = resolved.slice(0, RESOLVED_LISTED).map((note) => `✓ resolved: ${clean(note.title)} (${placeOf(note)})`);
  const rest = resolved.length - listed.length;
  return rest > 0 ? [...listed, `✓ and ${rest} more resolved`] : listed;
}

function emptyMessage(review: ReviewView): string {
  if (review.phase === 'idle') return 'Waiting for a save…';
  if (review.phase === 'running') return 'Reading your changes…';
  if (review.phase === 'failed') return 'The review failed; press r to try again.';
  return 'Nothing to say about this save.';
}

/** `Mentor (2) ↑3 ↓12 J/K`: the note count, then the rows hidden above and below and the keys that show them. */
function title(notes: number, above: number, below: number): string {
  const base = `Mentor${notes > 0 ? ` (${notes})` : ''}`;
  if (above === 0 && below === 0) return base;
  const hidden = [above > 0 ? `↑${above}` : '', below > 0 ? `↓${below} more` : ''].filter(Boolean).join(' ');
  return `${base} ${hidden} ${SCROLL_KEYS['scroll-down']}/${SCROLL_KEYS['scroll-up']}`;
}

/**
 * The notes of the latest review (the selected one expanded, starting one note above it so it
 * stays in view) and the live note streaming in below them. Content taller than the pane scrolls;
 * the title says how many rows are hidden above and below.
 */
export function MentorPane({ review, selectedNoteId, levels, width, height, focused, navigatorNotes = [], noteDraft, freshRung, scroll = 0, overflow = 0, onOverflow }: MentorPaneProps): React.JSX.Element {
  const paint = usePaint();
  const content = useRef<DOMElement>(null);
  const visible = Math.max(height - 2, 0);
  useEffect(() => {
    if (content.current) onOverflow?.(Math.max(measureElement(content.current).height - visible, 0));
  });
  const { notes, live } = review;
  const at = notes.findIndex((note) => note.id === selectedNoteId);
  const first = Math.max(at - 1, 0);
  const inner = width - 2;
  const shown = Math.min(scroll, overflow);
  return (
    <Pane title={title(notes.length, shown, overflow - shown)} width={width} height={height} focused={focused}>
      <Box ref={content} flexDirection="column" flexShrink={0} marginTop={-shown}>
        {noteDraft !== undefined ? <Text wrap="truncate-start" {...paint({ color: 'cyan' })}>{`✎ note: ${noteDraft}█`}</Text> : null}
        {navigatorNotes.map((note, index) => (
          <Text key={index} {...paint({ color: 'magenta' })}>{`✎ ${note.author}: ${note.text}`}</Text>
        ))}
        {review.stale ? <Text wrap="truncate-end" {...paint({ dimColor: true })}>From the previous save; reviewing again…</Text> : null}
        {resolvedLines(review.resolved).map((line) => (
          <Text key={line} wrap="truncate-end" {...paint({ color: 'green' })}>{line}</Text>
        ))}
        {notes.length === 0 && !live ? <Text wrap="truncate-end">{emptyMessage(review)}</Text> : null}
        {first > 0 ? <Text {...paint({ dimColor: true })}>{`  ↑ ${first} more`}</Text> : null}
        {notes.slice(first).map((note) => (
          <NoteView
            key={note.id}
            note={note}
            level={levelOf(levels, note)}
            selected={note.id === selectedNoteId}
            width={inner}
            writing={freshRung?.noteId === note.id && freshRung.level === levelOf(levels, note) ? freshRung.text : undefined}
          />
        ))}
        {live ? <LiveNoteView live={live} width={inner} /> : null}
        {review.withoutRules.length > 0 ? <Text {...paint({ dimColor: true })}>{withoutRulesSentence(review.withoutRules)}</Text> : null}
      </Box>
    </Pane>
  );
}
