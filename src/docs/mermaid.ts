import type { ModuleEdge } from './modules.js';

/**
 * A Mermaid `flowchart LR` of module dependencies. Folder names become node ids made only of
 * letters, digits and `_` (dots, dashes, `@`, slashes and parentheses are not valid in ids), each
 * id unique; the folder name itself is the quoted label. Every node is declared before any edge.
 */
export function mermaidFlowchart(modules: string[], edges: ModuleEdge[]): string {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const module of modules) {
    const base = `m_${module.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'root'}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(module, id);
  }
  const lines = ['flowchart LR'];
  for (const module of modules) lines.push(`  ${ids.get(module)}["${label(module)}"]`);
  for (const edge of edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (from && to) lines.push(`  ${from} -->|${edge.imports}| ${to}`);
  }
  return lines.join('\n');
}

/** Quotes and markup characters would end or change a label: spell them as Mermaid entities. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
