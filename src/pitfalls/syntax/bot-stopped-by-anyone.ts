import type { Node } from 'web-tree-sitter';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * A chat bot's command that stops or restarts the bot, open to everyone:
 *
 *   @client.command()
 *   async def stop(ctx):
 *       restart()            # os.execl(python, python, *sys.argv)
 *
 * Any member of any server the bot is in can type `.stop` and take it offline, over and over.
 * Found where a discord.py command (`@bot.command()`, `@commands.command()`) ends or restarts the
 * process (`sys.exit`, `os.execl`, `bot.close()`, `os.system("shutdown ...")`), itself or through a
 * function of the file it calls, with no check on who asks: no `@commands.is_owner()`,
 * `@commands.has_permissions(...)`, `@commands.has_role(...)` or `@commands.check(...)`, and no
 * test of `ctx.author` in its body.
 */

const COMMAND = /^@\s*(?:\w+\.)?command\s*\(/;
const CHECKED = /^@\s*(?:commands\.)?(?:is_owner|has_permissions|has_guild_permissions|has_role|has_any_role|check|check_any)\b/;
/** Ends or restarts the process, or logs the bot out. */
const STOPS = /\b(?:os\.(?:execv|execl|execvp|execlp|_exit)\s*\(|os\.system\(\s*["'](?:shutdown|reboot)|sys\.exit\s*\(|(?<![.\w])(?:exit|quit)\s*\(|(?:bot|client|self\.bot)\.(?:close|logout)\s*\()/;
/** A test of who asked. */
const ASKS_WHO = /\bctx\.(?:author|message\.author)\b|\bis_owner\s*\(|\bowner_ids?\b/;

const botStoppedByAnyone: SyntaxRule = {
  id: 'python/bot-stopped-by-anyone',
  languages: ['python'],
  concern: 'security',
  // Anyone who can talk to the bot can do it now.
  failure: 'certain',
  title: 'command anyone can use to stop the bot',
  question: 'Who can type this command, and what stops a stranger in any server from typing it?',
  docsUrl: 'https://discordpy.readthedocs.io/en/stable/ext/commands/commands.html#checks',
  fix: 'Limit the command to the bot\'s owner (`@commands.is_owner()` under `@bot.command()`) or to a permission (`@commands.has_permissions(administrator=True)`), so the library refuses everyone else',
  types: ['decorated_definition', 'function_definition'],
  // discord.py's commands; click's `@cli.command()` runs for whoever started the program.
  mentions: /\bdiscord\b/,
  find(index) {
    const functions = new Map<string, Node>();
    for (const fn of index.of('function_definition')) {
      const name = fn.childForFieldName('name')?.text;
      if (name) functions.set(name, fn);
    }
    /** Whether `fn` stops the process, itself or through a function of the file it calls. */
    const stops = (body: string): boolean =>
      STOPS.test(body) || [...body.matchAll(/(?<![.\w])(\w+)\s*\(/g)].some(([, callee]) => callee !== undefined && STOPS.test(functions.get(callee)?.childForFieldName('body')?.text ?? ''));
    const hits: SyntaxHit[] = [];
    for (const decorated of index.of('decorated_definition')) {
      const decorators = decorated.namedChildren.filter((child): child is Node => child?.type === 'decorator').map((decorator) => decorator.text);
      const definition = decorated.childForFieldName('definition');
      const body = definition?.childForFieldName('body')?.text ?? '';
      if (!definition || !decorators.some((text) => COMMAND.test(text)) || decorators.some((text) => CHECKED.test(text))) continue;
      if (ASKS_WHO.test(body) || !stops(body)) continue;
      hits.push({ node: definition, message: `\`${definition.childForFieldName('name')?.text ?? ''}\` stops the bot, and nothing checks who asked: anyone who can message it can take it offline.` });
    }
    return hits;
  },
};

export const BOT_STOPPED_BY_ANYONE_RULES: readonly SyntaxRule[] = [botStoppedByAnyone];
