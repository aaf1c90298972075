import { Box, Text } from 'ink';
import { usePaint } from '../palette.js';
import type { ChatTurn } from '../state/types.js';
import { wrap } from '../text.js';
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

/** The last `count` lines of the transcript, wrapped to `width`. */
function transcriptLines(turns: ChatTurn[], width: number, count: number): string[] {
  if (count <= 0) return [];
  const lines: string[] = [];
  for (const turn of turns.slice(-count)) {
    const who = turn.role === 'user' ? 'you: ' : 'mentor: ';
    const text = turn.error ? `${turn.text}${turn.text ? ' ' : ''}(error: ${turn.error})` : turn.text;
    lines.push(...wrap(who + text, width));
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
          <Text key={index} wrap="truncate-end" {...paint(line.startsWith('you: ') ? { bold: true } : {})}>{` ${line}`}</Text>
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
