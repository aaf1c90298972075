import { tryLockFile } from '../../src/fs/lock-file.js';

/**
 * A process for the lock race test: `node --import tsx lock-taker-process.ts <lock> <rounds>`.
 * Takes and releases the lock as fast as it can, and prints how many times it held it and how many
 * attempts threw (each a command that would have died with an unexpected error).
 */
const [path = '', rounds = '0'] = process.argv.slice(2);
let held = 0;
const thrown: string[] = [];
for (let round = 0; round < Number(rounds); round++) {
  try {
    const lock = tryLockFile(path);
    if ('release' in lock) {
      held++;
      lock.release();
    }
  } catch (error) {
    thrown.push((error as Error).message);
  }
}
process.stdout.write(JSON.stringify({ held, thrown: thrown.slice(0, 3), thrownCount: thrown.length }));
