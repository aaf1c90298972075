import { Text } from 'ink';
import type { Evidence, Severity } from '../../tutor/types.js';
import { formatEvidence } from '../../review/render-notes.js';
import { usePaint, type Style } from '../palette.js';
import { clean } from '../text.js';

/** Distinct glyphs, so severity reads without colour too. */
const MARKS: Readonly<Record<Severity, { mark: string; style: Style }>> = {
  error: { mark: '✖', style: { color: 'red' } },
  warn: { mark: '●', style: { color: 'yellow' } },
  info: { mark: '○', style: { color: 'blue' } },
};

/** The severity marker of a note. */
export function SeverityMark({ severity }: { severity: Severity }): React.JSX.Element {
  const paint = usePaint();
  const { mark, style } = MARKS[severity];
  return <Text {...paint(style)}>{mark}</Text>;
}

/** Evidence lines kept under a note; the rest are counted. */
const MAX_EVIDENCE_LINES = 2;

/** `golden: repo path:start-end @commit` or `convention: statement — N of M golden cases (P%)`, one line each. */
export function EvidenceLines({ evidence }: { evidence: Evidence[] }): React.JSX.Element | null {
  const paint = usePaint();
  if (evidence.length === 0) return null;
  const more = evidence.length - MAX_EVIDENCE_LINES;
  return (
    <>
      {evidence.slice(0, MAX_EVIDENCE_LINES).map((item) => (
        <Text key={item.id} wrap="truncate-end" {...paint({ dimColor: true })}>
          {`  ${clean(formatEvidence(item))}`}
        </Text>
      ))}
      {more > 0 ? <Text {...paint({ dimColor: true })}>{`  +${more} more`}</Text> : null}
    </>
  );
}
