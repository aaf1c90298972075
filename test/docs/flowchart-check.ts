/**
 * A structural check of the flowcharts `archangel docs` draws, beside the Mermaid parser: the
 * header, ids made of safe characters and declared once, every edge between declared nodes.
 */
export function checkFlowchart(diagram: string): { nodes: number; edges: number } {
  const [header, ...lines] = diagram.split('\n');
  if (header !== 'flowchart LR') throw new Error(`not a flowchart: ${header}`);
  const declared = new Set<string>();
  let edges = 0;
  for (const line of lines) {
    const node = /^ {2}([A-Za-z0-9_]+)\["([^"]*)"\]$/.exec(line);
    const edge = /^ {2}([A-Za-z0-9_]+) -->\|(\d+)\| ([A-Za-z0-9_]+)$/.exec(line);
    if (node) {
      if (declared.has(node[1]!)) throw new Error(`node ${node[1]} declared twice`);
      declared.add(node[1]!);
    } else if (edge) {
      if (!declared.has(edge[1]!) || !declared.has(edge[3]!)) throw new Error(`edge to an undeclared node: ${line}`);
      edges++;
    } else throw new Error(`unexpected line: ${line}`);
  }
  return { nodes: declared.size, edges };
}
