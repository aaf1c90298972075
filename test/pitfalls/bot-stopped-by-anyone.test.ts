import { describe, expect, it } from 'vitest';
import { found } from './syntax-hits.js';

const hits = async (code: string): Promise<string[]> => (await found('python', code)).filter((hit) => hit.includes('bot-stopped'));

describe('a discord.py command anyone can use to stop the bot', () => {
  it('is a command that exits or restarts, itself or through a function of the file, with no check on who asks', async () => {
    const python = [
      'import os, sys',
      'from discord.ext import commands',
      'client = commands.Bot(command_prefix=".")',
      'def restart():',
      '    os.execl(sys.executable, sys.executable, *sys.argv)',
      '@client.command()',
      'async def stop(ctx):',
      '    restart()',
      '@client.command()',
      'async def shutdown(ctx):',
      '    await client.close()',
    ].join('\n');
    expect(await hits(python)).toEqual(['7 python/bot-stopped-by-anyone', '10 python/bot-stopped-by-anyone']);
  });

  it('leaves alone commands limited to the owner or a permission, ones that test the author, and click commands', async () => {
    const python = [
      'import sys',
      'import click',
      'from discord.ext import commands',
      '@bot.command()',
      '@commands.is_owner()',
      'async def stop(ctx):',
      '    await bot.close()',
      '@bot.command()',
      'async def restart(ctx):',
      '    if ctx.author.id != OWNER:',
      '        return',
      '    sys.exit(0)',
      '@bot.command()',
      'async def ping(ctx):',
      '    await ctx.send("pong")',
    ].join('\n');
    expect(await hits(python)).toEqual([]);
    expect(await hits(['import click', '@cli.command()', 'def run(ctx):', '    sys.exit(1)'].join('\n'))).toEqual([]);
  });
});
