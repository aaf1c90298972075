import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * Small file systems of a test's own, for faults only a real file system shows: a tmpfs of a few
 * megabytes fills up (ENOSPC), and one remounted read-only refuses every write (EROFS), root
 * included (root ignores file modes, so chmod cannot stand in for it). Mounting needs root on
 * Linux; elsewhere `mountTmpfs` says why it could not, for the test to skip with that reason.
 */
export interface Tmpfs {
  dir: string;
  /** Remounts it read-only: from now on every write fails with EROFS. */
  readOnly(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `size` (e.g. `2m`) on `dir`, made if missing; or the reason it could not. */
export function mountTmpfs(dir: string, size: string): Tmpfs | { reason: string } {
  if (process.platform !== 'linux') return { reason: `mounting a tmpfs needs Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { reason: 'mounting a tmpfs needs root' };
  mkdirSync(dir, { recursive: true });
  try {
    mount('-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir);
  } catch (error) {
    return { reason: `mount -t tmpfs failed: ${(error as { stderr?: string }).stderr?.trim() || String(error)}` };
  }
  let mounted = true;
  return {
    dir,
    readOnly: () => mount('-o', 'remount,ro', dir),
    unmount() {
      if (!mounted) return;
      mounted = false;
      // Lazily: a child the test started may still hold a file open there.
      execFileSync('umount', ['-l', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    },
  };
}

function mount(...args: string[]): void {
  execFileSync('mount', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
