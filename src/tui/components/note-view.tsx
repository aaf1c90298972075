import { Box, Text } from 'ink';
import { memo } from 'react';
import type { HintLevel, Note } from '../../tutor/types.js';
import { TONE_STYLE, usePaint } from '../palette.js';
import { clean, layoutText } from '../text.js';
import { placeOf } from '../../review/render-notes.js';
import { EvidenceLines, SeverityMark } from './note-parts.js';
import { Spinner } from './spinner.js';

const RUNG_NAMES = ['question', 'hint', 'golden example', 'the change'] as const;

export interface NoteViewProps {
  note: Note;
  /** The highest rung climbed: rungs above it are never shown. */
  level: HintLevel;
  selected: boolean;
  width: number;
  /** The newest rung is being written afresh: what streamed so far (empty before the first words). */
  writing?: string | undefined;
}

function Heading({ note, selected }: { note: Note; selected: boolean }): React.JSX.Element {
  const paint = usePaint();
  return (
    <Text wrap="truncate-end" {...paint(selected ? { bold: true } : {})}>
      {selected ? '▸ ' : '  '}
      <SeverityMark severity={note.severity} />
      {` ${placeOf(note)}  ${clean(note.title)}`}
    </Text>
  );
}

/**
 * A finished note. Unselected: one line (place, title, the question cut to fit). Selected: the
 * rungs climbed so far — earlier ones on one line each, the newest in full — its evidence and
 * the keys that act on it; a rung being written afresh streams in where the newest one goes.
 * Memoised: streaming another note never re-renders it.
 */
export const NoteView = memo(function NoteView({ note, level, selected, width, writing }: NoteViewProps): React.JSX.Element {
  const paint = usePaint();
  const rungs = note.ladder.filter((rung) => rung.level <= level).sort((a, b) => a.level - b.level);
  if (!selected) {
    return (
      <Text wrap="truncate-end">
        {'  '}
        <SeverityMark severity={note.severity} />
        {` ${placeOf(note)}  ${clean(note.title)}`}
        <Text {...paint({ dimColor: true })}>{rungs[0] ? ` — ${clean(rungs[0].text).replace(/\s+/g, ' ')}` : ''}</Text>
      </Text>
    );
  }
  const newest = rungs.at(-1);
  const keys = [level < 4 ? '[h] next hint' : '', '[e] golden example', '[d] dismiss'].filter(Boolean).join('  ');
  return (
    <Box flexDirection="column" width={width}>
      <Heading note={note} selected />
      {rungs.slice(0, -1).map((rung) => (
        <Text key={rung.level} wrap="truncate-end" {...paint({ dimColor: true })}>
          {`  ${RUNG_NAMES[rung.level - 1]}: ${clean(rung.text).replace(/\s+/g, ' ')}`}
        </Text>
      ))}
      {newest && newest.level > 1 ? <Text {...paint({ color: 'cyan' })}>{`  ${RUNG_NAMES[newest.level - 1]}:`}</Text> : null}
      {writing === '' ? (
        <Text {...paint({ dimColor: true })}>
          {'  the mentor is writing this rung '}
          <Spinner />
        </Text>
      ) : null}
      {newest && writing !== ''
        ? layoutText(writing ?? newest.text, width - 4).map((line, index) => (
            <Text key={index} wrap="truncate-end" {...paint(TONE_STYLE[line.tone])}>{`  ${line.text}`}</Text>
          ))
        : null}
      <EvidenceLines evidence={note.evidence} />
      <Text wrap="truncate-end" {...paint({ dimColor: true })}>{`  ${keys}${note.partial ? '  (cut off)' : ''}${note.adapted ? `  · ${note.adapted}` : ''}`}</Text>
    </Box>
  );
});
