import { describe, expect, it } from 'vitest';
import { buildProfile, checkFile, observeFile } from '../../../src/conventions/index.js';
import { synthetic } from '../golden.js';

/** A React file as teams write them: components named like types, helpers like functions. */
const COMPONENTS = `import { useState } from 'react';

function formatCount(count: number): string {
  return count === 1 ? '1 item' : \`\${count} items\`;
}

export function CartSummary({ items }: { items: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <section>
      <button onClick={() => setOpen(!open)}>{formatCount(items.length)}</button>
      {open && items.map((item) => <CartRow key={item} name={item} />)}
    </section>
  );
}

const CartRow = ({ name }: { name: string }) => <li>{name}</li>;

export const EmptyCart = (props: { show: boolean }) => (props.show ? <p>Your cart is empty.</p> : null);

function renderRows(rows: string[]) {
  return rows.map((row) => <li key={row}>{row}</li>);
}
`;

describe('components in TSX', () => {
  it('counts functions that return JSX as components, apart from the other functions', async () => {
    const observations = await observeFile(COMPONENTS, 'tsx');
    const names = (key: string) => Object.fromEntries(Object.entries(observations.cat[key] ?? {}).map(([style, count]) => [style, count.n]));
    // CartSummary (through parentheses), CartRow (an arrow's body), EmptyCart (a ternary).
    expect(names('naming.component')).toEqual({ PascalCase: 3 });
    // formatCount, and renderRows: it returns an array built by a callback that returns JSX.
    expect(names('naming.function')).toEqual({ camelCase: 2 });
  });

  it('learns both habits from the golden code and holds each kind of function to its own', async () => {
    const profile = buildProfile(await synthetic(25, 'tsx', COMPONENTS, (i) => `src/ui/cart-${i}.tsx`));
    expect(profile.conventions.find((c) => c.id === 'tsx.naming.component')).toMatchObject({ expected: 'PascalCase', enforced: true });
    expect(profile.conventions.find((c) => c.id === 'tsx.naming.function')).toMatchObject({ expected: 'camelCase', enforced: true });
    const text = 'export function orderBadge({ n }: { n: number }) {\n  return <span>{n}</span>;\n}\n\nexport function badgeLabel(n: number): string {\n  return String(n);\n}\n';
    const findings = await checkFile(profile, { path: 'src/ui/badge.tsx', language: 'tsx', text });
    expect(findings.map((f) => [f.ruleId, f.symbol])).toEqual([['tsx.naming.component', 'orderBadge']]);
  });
});
