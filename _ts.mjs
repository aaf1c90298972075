import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const mb = (b) => (b / 1048576).toFixed(1);
const show = (l) => { globalThis.gc(); const m = process.memoryUsage(); console.log(l.padEnd(30), 'rss', mb(m.rss), 'heapT', mb(m.heapTotal), 'heapU', mb(m.heapUsed), 'ext', mb(m.external), 'ab', mb(m.arrayBuffers)); };
show('start');
const { Parser, Language } = await import('web-tree-sitter');
show('import');
await Parser.init();
show('init');
for (const g of process.argv.slice(2)) {
  const lang = await Language.load(require.resolve(`@repomix/tree-sitter-wasms/out/tree-sitter-${g}.wasm`));
  show('grammar ' + g);
  const p = new Parser(); p.setLanguage(lang);
  const t = p.parse(require('node:fs').readFileSync('/work/wt-docs/src/watch/session.ts', 'utf8'));
  t.delete();
  show('parsed ' + g);
}
