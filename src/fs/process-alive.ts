/**
 * Whether a process with this id runs on this machine: what the owner of a lock, a half-made
 * folder or a temporary file is asked before its leftovers are taken over. EPERM means it runs, as
 * another user.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
