import { describe, expect, it } from 'vitest';
import type { ParsedLanguage } from '../../src/index/language.js';
import { found } from './syntax-hits.js';

const onePass = async (language: ParsedLanguage, code: string): Promise<string[]> => (await found(language, code)).filter((hit) => hit.includes('one-pass-loop'));

describe('a loop that stops after its first pass', () => {
  it('is a search whose match and miss branches both leave, in Python, Java, Go and JavaScript', async () => {
    const python = ['def find(books, title):', '    for book in books:', '        if book.title == title:', '            return book', '        else:', '            print("not found")', '            return None'].join('\n');
    expect(await onePass('python', python)).toEqual(['2 python/one-pass-loop']);
    const java = ['class Library {', '  Book find(String title) {', '    for (Book b : books) {', '      if (b.getTitle().equals(title)) {', '        return b;', '      } else {', '        return null;', '      }', '    }', '    return null;', '  }', '}'].join('\n');
    expect(await onePass('java', java)).toEqual(['3 java/one-pass-loop']);
    const go = ['package main', '', 'func search(slice []int, target int) int {', '\tfor i := 0; i < len(slice); i++ {', '\t\tif slice[i] == target {', '\t\t\treturn i', '\t\t} else {', '\t\t\treturn -1', '\t\t}', '\t}', '\treturn -1', '}'].join('\n');
    expect(await onePass('go', go)).toEqual(['4 go/one-pass-loop']);
    const js = ['function won(cells, lines) {', '  for (const [a, b, c] of lines) {', '    if (cells[a] && cells[a] === cells[b] && cells[a] === cells[c]) {', '      return true;', '    } else {', '      return false;', '    }', '  }', '}'].join('\n');
    expect(await onePass('javascript', js)).toEqual(['2 js/one-pass-loop']);
  });

  it('is a search whose else says "no such item" and leaves, even when the match goes on', async () => {
    const python = [
      'async def buy(ctx, args):',
      '    for bst in boosts:',
      '        if args.lower() == bst.get_name().lower():',
      '            bal[ctx.author.id] -= bst.get_cost()',
      '            await ctx.send("bought")',
      '        else:',
      '            await ctx.send(f"Sorry, there are no {args} in the store.")',
      '            return',
    ].join('\n');
    expect(await onePass('python', python)).toEqual(['2 python/one-pass-loop']);
  });

  it('leaves alone the idioms that mean one pass, loops that go round, and loops that stop where they mean to', async () => {
    const python = [
      'def first(xs):',
      '    for x in xs:',
      '        return x',
      'def leading_blanks(line):',
      '    n = 0',
      '    for ch in line:',
      '        if ch == " ":',
      '            n += 1',
      '        else:',
      '            break',
      '    return n',
      'def lookup(spec, entry):',
      '    for klass in spec.__mro__:',
      '        result = klass.__dict__.get(entry)',
      '        if result is None:',
      '            continue',
      '        if isinstance(result, staticmethod):',
      '            return False',
      '        else:',
      '            return True',
      'def dispatch(events):',
      '    for name in events:',
      '        if name == "start":',
      '            start()',
      '        elif name == "end":',
      '            end()',
      '        else:',
      '            print("unknown event")',
      '            return',
      'def all_zero(data):',
      '    for b in data:',
      '        if b == 0:',
      '            continue',
      '        else:',
      '            return False',
      '    return True',
    ].join('\n');
    expect(await onePass('python', python)).toEqual([]);
    const js = ['function isEmpty(obj) {', '  for (const _k in obj) return false;', '  return true;', '}', 'function find(items, id) {', '  for (const item of items) {', '    if (item.id === id) return item;', '  }', '  return null;', '}'].join('\n');
    expect(await onePass('javascript', js)).toEqual([]);
    const java = ['class Retry {', '  void run() {', '    while (true) {', '      try { call(); return; } catch (IOException e) { log(e); }', '    }', '  }', '}'].join('\n');
    expect(await onePass('java', java)).toEqual([]);
  });
});
