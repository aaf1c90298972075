import { describe, expect, it } from 'vitest';
import { collectFacts } from '../../src/conventions/observe.js';

async function logging(text: string, language: 'python' | 'javascript' | 'java'): Promise<string[]> {
  const { facts } = await collectFacts(text, language);
  return facts.filter((fact) => fact.key === 'idioms.logging').map((fact) => `${fact.line} ${fact.value}`);
}

describe('what counts as logging', () => {
  it('counts a print that reports a failure, and not a program printing its result', async () => {
    const python = [
      'import sys',
      'def main(city):',
      '    try:',
      '        data = fetch(city)',
      '    except ValueError as e:',
      "        print('bad city')",
      '        return',
      "    print(f'{city}: {data}')",
      "    print('warning', file=sys.stderr)",
      '    print(err)',
      '    logger.info("done")',
    ].join('\n');
    expect(await logging(python, 'python')).toEqual(['6 print()', '9 print()', '10 print()', '11 logger']);
    const js = [
      'async function main() {',
      '  try {',
      '    const rows = await load();',
      '    console.log(rows.length);',
      '  } catch (error) {',
      "    console.log('load failed');",
      '  }',
      "  console.error('slow');",
      '  console.log(err.message);',
      "  console.log('Server listening on 3000');",
      '}',
    ].join('\n');
    expect(await logging(js, 'javascript')).toEqual(['6 console.*', '8 console.*', '9 console.*']);
    const java = 'class A {\n  void run() {\n    System.out.println("total " + total);\n    try { read(); } catch (IOException e) { System.out.println("could not read"); }\n    System.err.println("slow");\n  }\n}\n';
    expect(await logging(java, 'java')).toEqual(['4 console', '5 console']);
  });

  it('does not count a handler telling the user of a terminal program what went wrong, unless it prints the error itself', async () => {
    const python = [
      'def view():',
      '    try:',
      '        rows = open("students.csv").readlines()',
      '    except FileNotFoundError:',
      '        print("Records not found")',
      '    except OSError as e:',
      '        print("could not read:", e)',
      'choice = input("Enter your choice: ")',
    ].join('\n');
    expect(await logging(python, 'python')).toEqual(['7 print()']);
    const java = 'class Menu {\n  void run() {\n    Scanner in = new Scanner(System.in);\n    try { read(in.nextLine()); } catch (IOException e) { System.out.println("No such file, try again"); }\n  }\n}\n';
    expect(await logging(java, 'java')).toEqual([]);
  });
});
