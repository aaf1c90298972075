import { Text } from 'ink';
import type { Evidence, Severity } from '../../tutor/types.js';
import { formatEvidence } from '../../review/render-notes.js';
import { SEVERITY_MARK } from '../../tutor/severity.js';
import { usePaint, type Style } from '../palette.js';
import { clean } from '../text.js';

const MARK_STYLES: Readonly<Record<Severity, Style>> = { error: { color: 'red' }, warn: { color: 'yellow' }, info: { color: 'blue' } };

/** The severity marker of a note. */
export function SeverityMark({ severity }: { severity: Severity }): React.JSX.Element {
  const paint = usePaint();
  return <Text {...paint(MARK_STYLES[severity])}>{SEVERITY_MARK[severity]}</Text>;
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
