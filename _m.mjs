const mb = (b) => (b / 1048576).toFixed(1);
const show = (l) => { globalThis.gc(); const m = process.memoryUsage(); console.log(l.padEnd(30), 'rss', mb(m.rss), 'heapT', mb(m.heapTotal), 'heapU', mb(m.heapUsed), 'ext', mb(m.external), 'ab', mb(m.arrayBuffers)); };
show('start');
for (const m of process.argv.slice(2)) { await import(m); show(m.replace('/work/wt-docs/dist/', '')); }
