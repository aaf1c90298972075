import { describe, expect, it } from 'vitest';
import { found, syntaxEngine as engine } from './syntax-hits.js';

const hits = async (code: string): Promise<string[]> => (await found('typescript', code)).filter((hit) => hit.includes('declared-in-another'));

describe('a name declared only in another function', () => {
  it('is a handler reading the id another handler takes from req.params', async () => {
    const js = [
      "const Product = require('../models/product');",
      'const getOne = async (req, res) => {',
      '  const product = await Product.findById(id);',
      '  res.json(product);',
      '};',
      'const update = async (req, res) => {',
      '  const { id } = req.params;',
      '  res.json(await Product.findByIdAndUpdate(id, req.body));',
      '};',
    ].join('\n');
    expect(await hits(js)).toEqual(['3 js/declared-in-another-function']);
  });

  it('is a hidden fault in a catch block: it throws only after something else failed', async () => {
    const js = ["const pool = require('./db');", 'async function load(e) { return e; }', 'async function clear(id) {', '  try { await pool.query("delete", [id]); return true; }', '  catch { console.log(e); }', '  return e;', '}'].join('\n');
    const pitfalls = await engine.check({ path: 'db.js', language: 'javascript', text: js });
    expect(pitfalls.filter((p) => p.ruleId.includes('declared-in-another')).map((p) => `${p.startLine} ${p.failure ?? 'risk'}`)).toEqual(['5 hidden']);
  });

  it('leaves alone closures, top-level names, typeof, own names, index signatures, globals assigned, and browser scripts', async () => {
    const ts = [
      "import { z } from 'zod';",
      'export function outer(value: string) {',
      '  const inner = () => value.length;',
      '  class Definition {}',
      '  Object.defineProperty(Definition, "name", { value: "x" });',
      '  return inner();',
      '}',
      'export function other() {',
      "  if (typeof value === 'number') return 1;",
      '  const fix = function* fix() { yield 1; };',
      '  total = 0;',
      '  return z;',
      '}',
      'export function third() { return total; }',
      'type Bag = { [key: string]: unknown };',
      'function uses(key: string) { return key; }',
    ].join('\n');
    expect(await hits(ts)).toEqual([]);
    const script = ['function init(map) { map.draw(); }', 'function tick() { map.move(); }'].join('\n');
    expect(await hits(script)).toEqual([]);
  });
});
