import { describe, expect, it } from 'vitest';
import { filesystemType, unreliableFilesystem } from '../../src/watch/watcher/filesystem.js';

/** Lines as /proc/self/mountinfo shows them on the systems named. */
const MOUNTINFO = [
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
  '88 27 0:52 / /home/ana/nfs rw,relatime shared:40 - nfs4 fileserver:/export/home rw,vers=4.2,addr=10.0.0.2',
  '91 27 0:60 / /mnt/team\\040share rw,relatime - cifs //nas/team rw,vers=3.1.1',
  // WSL 2: a Windows drive, mounted as 9p with drvfs as its source.
  '97 27 0:71 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\\;uid=1000',
  // Docker Desktop on macOS: the bind mount of a project.
  '1203 1180 0:195 /host_mnt/Users/ana/app /app rw,relatime - fakeowner /run/host_mark/Users rw',
  // A tmpfs mounted over a folder of the root file system.
  '120 27 0:80 / /home/ana/nfs/scratch rw - tmpfs tmpfs rw',
].join('\n');

describe('filesystemType', () => {
  it('takes the deepest mount point holding the path', () => {
    expect(filesystemType(MOUNTINFO, '/home/ana/project')).toBe('ext4');
    expect(filesystemType(MOUNTINFO, '/home/ana/nfs/project')).toBe('nfs4');
    expect(filesystemType(MOUNTINFO, '/home/ana/nfs/scratch/x')).toBe('tmpfs');
    // A mount point is a whole path segment: /home/ana/nfsother is not below /home/ana/nfs.
    expect(filesystemType(MOUNTINFO, '/home/ana/nfsother')).toBe('ext4');
  });

  it('reads escaped spaces in mount points, WSL drives and Docker Desktop bind mounts', () => {
    expect(filesystemType(MOUNTINFO, '/mnt/team share/repo')).toBe('cifs');
    expect(filesystemType(MOUNTINFO, '/mnt/c/Users/ana/repo')).toBe('drvfs');
    expect(filesystemType(MOUNTINFO, '/app/src')).toBe('fakeowner');
  });
});

describe('unreliableFilesystem', () => {
  it('trusts native events on the local disk this test runs on', () => {
    expect(unreliableFilesystem(process.cwd())).toBeUndefined();
  });
});
