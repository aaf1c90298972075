import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { usePaint } from '../palette.js';

export interface PaneProps {
  title: string;
  width: number;
  height: number;
  /** A focused pane gets a heavy border (readable without colour) and a cyan one with colour. */
  focused: boolean;
  children: ReactNode;
}

/** A bordered pane of an exact size with its title in the top border; content beyond it is clipped. */
export function Pane({ title, width, height, focused, children }: PaneProps): React.JSX.Element {
  const paint = usePaint();
  const [left, line, right] = focused ? ['┏', '━', '┓'] : ['┌', '─', '┐'];
  const label = ` ${title} `.slice(0, Math.max(width - 3, 0));
  const top = `${left}${line}${label}${line.repeat(Math.max(width - label.length - 3, 0))}${right}`;
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text {...paint(focused ? { color: 'cyan', bold: true } : {})}>{top}</Text>
      {/* Keyed by focus: Ink 6.8 re-applies only the changed style props, so switching borderStyle
          alone would bring back the top border's row (empty, since borderTop is off). */}
      <Box
        key={focused ? 'focused' : 'plain'}
        flexDirection="column"
        width={width}
        height={height - 1}
        borderStyle={focused ? 'bold' : 'single'}
        borderTop={false}
        borderColor={paint({ color: focused ? 'cyan' : 'gray' }).color}
        overflow="hidden"
      >
        {/* Natural height, clipped at the bottom: without this, Yoga shrinks the lines of content
            taller than the pane (Ink's default flexShrink is 1) and headings vanish. */}
        <Box flexDirection="column" flexShrink={0}>
          {children}
        </Box>
      </Box>
    </Box>
  );
}
