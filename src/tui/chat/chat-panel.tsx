import { Box, Text } from 'ink';
import { TONE_STYLE, usePaint } from '../palette.js';
import type { ChatTurn } from '../state/types.js';
import { layoutText, wrap, type ToneLine } from '../text.js';
import { Spinner } from '../components/spinner.js';

export interface ChatPanelProps {
  turns: ChatTurn[];
  streaming: boolean;
  focused: boolean;
  /** Transcript lines above the input line. */
  lines: number;
  width: number;
  /** The question being typed. */
  draft: string;
}

/** A transcript line: the learner's in bold, the mentor's laid out (code fences, diffs). */
type TranscriptLine = ToneLine & { you: boolean };

/** The last `count` lines of the transcript, laid out to `width`. */
function transcriptLines(turns: ChatTurn[], width: number, count: number): TranscriptLine[] {
  if (count <= 0) return [];
  const lines: TranscriptLine[] = [];
  for (const turn of turns.slice(-count)) {
    const text = turn.error ? `${turn.text}${turn.text ? ' ' : ''}(error: ${turn.error})` : turn.text;
    if (turn.role === 'user') {
      lines.push(...wrap(`you: ${text}`, width).map((line) => ({ text: line, tone: 'prose' as const, you: true })));
      continue;
    }
    // The reply's own first line may open a code fence, so "mentor:" is put before what it lays out.
    const laid = layoutText(text, width - 'mentor: '.length);
    lines.push(...laid.map((line, index) => ({ ...line, text: `${index === 0 ? 'mentor: ' : '        '}${line.text}`, you: false })));
    if (laid.length === 0) lines.push({ text: 'mentor:', tone: 'prose', you: false });
  }
  return lines.slice(-count);
}

/** The last chat turns and the input line (a block cursor when focused, a hint when not). */
export function ChatPanel({ turns, streaming, focused, lines, width, draft }: ChatPanelProps): React.JSX.Element {
  const paint = usePaint();
  const shown = transcriptLines(turns, width - 1, lines);
  const room = Math.max(width - 4, 1);
  return (
    <Box flexDirection="column" width={width} height={lines + 1} overflow="hidden">
      <Box flexDirection="column" height={lines} justifyContent="flex-end">
        {shown.map((line, index) => (
          <Text key={index} wrap="truncate-end" {...paint(line.you ? { bold: true } : TONE_STYLE[line.tone])}>{` ${line.text}`}</Text>
        ))}
      </Box>
      <Text wrap="truncate-end">
        {streaming ? <Spinner /> : <Text {...paint(focused ? { color: 'cyan' } : {})}>›</Text>}
        {' '}
        {focused ? (
          <Text>{`${draft.slice(-room)}█`}</Text>
        ) : (
          <Text {...paint({ dimColor: true })}>{draft || 'ask about this diff… (c or /)'}</Text>
        )}
      </Text>
    </Box>
  );
}
