import { Box, Text } from 'ink';
import type { LiveNote } from '../state/types.js';
import { clean, wrap } from '../text.js';
import { placeOf } from '../../review/render-notes.js';
import { EvidenceLines, SeverityMark } from './note-parts.js';
import { Spinner } from './spinner.js';

/** Streamed lines shown: the live region stays a few lines tall however long the note gets. */
const LIVE_TEXT_LINES = 3;

/** The note being written: its heading, the last lines streamed so far, its evidence. */
export function LiveNoteView({ live, width }: { live: LiveNote; width: number }): React.JSX.Element {
  const lines = live.text ? wrap(live.text, width - 4).slice(-LIVE_TEXT_LINES) : [];
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        {'  '}
        <SeverityMark severity={live.head.severity} />
        {` ${placeOf(live.head)}  ${clean(live.head.title)} `}
        <Spinner />
      </Text>
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-end">{`  ${line}`}</Text>
      ))}
      <EvidenceLines evidence={live.evidence} />
    </Box>
  );
}
