import { Text } from 'ink';
import { usePaint, type Style } from '../palette.js';
import type { TuiState } from '../state/types.js';
import { wrap } from '../text.js';
import { Pane } from './pane.js';

/**
 * What stopped the session, in full (wrapped to the terminal, never cut), what to do about it, and
 * how to leave: any key quits, and the command prints the error again below the last frame so it
 * stays in the terminal after the screen closes.
 */
export function FatalView({ fatal, width, height }: { fatal: NonNullable<TuiState['fatal']>; width: number; height: number }): React.JSX.Element {
  const paint = usePaint();
  const inner = Math.max(width - 4, 10);
  const block = (text: string, style: Style) => wrap(text, inner).map((line) => ({ line, style }));
  const lines = [
    ...block(`error: ${fatal.message}`, { color: 'red' }),
    ...(fatal.hint ? [{ line: '', style: {} }, ...block(`hint: ${fatal.hint}`, { color: 'yellow' })] : []),
    { line: '', style: {} },
    ...block(`Press any key to quit (exit code ${fatal.exitCode}); the error stays printed below.`, { dimColor: true }),
  ];
  return (
    <Pane title="ArchAngel stopped" width={width} height={height} focused>
      {lines.map(({ line, style }, index) => (
        <Text key={index} {...paint(style)}>
          {` ${line}`}
        </Text>
      ))}
    </Pane>
  );
}
