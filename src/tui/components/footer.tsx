import { Box, Text } from 'ink';
import { memo } from 'react';
import type { KeyArea } from '../keys.js';
import { footerText } from '../footer-text.js';
import { usePaint } from '../palette.js';
import type { Notice } from '../state/types.js';

const TONES = { info: 'blue', warn: 'yellow', error: 'red' } as const;

/** The newest notice on the left, wrapped (see `footerText`); the keys of the active area on the right. */
export const Footer = memo(function Footer({ notice, area, quitting, width }: { notice: Notice | undefined; area: KeyArea; quitting: boolean; width: number }): React.JSX.Element {
  const paint = usePaint();
  const { lines, hints } = footerText(notice, area, quitting, width);
  return (
    <Box width={width} height={lines.length} flexDirection="row" overflow="hidden">
      <Box flexGrow={1} flexShrink={1} flexDirection="column" overflow="hidden">
        {notice
          ? lines.map((line, index) => (
              <Text key={index} wrap="truncate-end" {...paint({ color: TONES[notice.level] })}>
                {` ${line}`}
              </Text>
            ))
          : null}
      </Box>
      <Box flexShrink={0} alignSelf="flex-end">
        <Text {...paint({ dimColor: true })}>{` ${hints} `}</Text>
      </Box>
    </Box>
  );
});
