import { readFileSync, realpathSync } from 'node:fs';

/**
 * File system types whose native change events miss writes made elsewhere (by another NFS
 * client, by Windows on a WSL drive, by the host of a Docker Desktop or VM shared folder), by
 * what to call them in the header. Watching such a tree natively would look fine and stay silent.
 */
const UNRELIABLE_TYPES: Record<string, string> = {
  nfs: 'NFS',
  nfs4: 'NFS',
  cifs: 'SMB',
  smb3: 'SMB',
  smbfs: 'SMB',
  drvfs: 'a Windows drive under WSL',
  '9p': 'a 9p share',
  // Docker Desktop's bind mounts, by generation: osxfs, gRPC FUSE, virtiofs, and "fakeowner" over virtiofs.
  'fuse.osxfs': 'a Docker Desktop bind mount',
  'fuse.grpcfuse': 'a Docker Desktop bind mount',
  fakeowner: 'a Docker Desktop bind mount',
  virtiofs: 'a virtiofs share (Docker Desktop or a VM)',
  vboxsf: 'a VirtualBox shared folder',
  vmhgfs: 'a VMware shared folder',
  'fuse.vmhgfs-fuse': 'a VMware shared folder',
  prl_fs: 'a Parallels shared folder',
  'fuse.sshfs': 'SSHFS',
};

/**
 * Why the tree at `root` should be polled rather than watched natively, or undefined when native
 * events can be trusted. Linux only (it reads `/proc/self/mountinfo`); elsewhere, undefined.
 */
export function unreliableFilesystem(root: string): string | undefined {
  let mountinfo: string;
  try {
    mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  const type = filesystemType(mountinfo, realpathOr(root));
  return type === undefined ? undefined : UNRELIABLE_TYPES[type];
}

/**
 * The type of the file system holding `path`, from the text of `/proc/self/mountinfo`: the
 * deepest mount point containing it ('drvfs' for a Windows drive under WSL, whatever it is mounted as). Each line: `id parent major:minor root mountpoint options
 * [optional fields] - type source super-options`, with spaces in paths written as `\040`.
 */
export function filesystemType(mountinfo: string, path: string): string | undefined {
  let best: { point: string; type: string } | undefined;
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    const point = left?.split(' ')[4];
    // WSL 2 mounts Windows drives as 9p with "drvfs" as the source (or in `aname=`).
    const type = right?.includes('drvfs') ? 'drvfs' : right?.split(' ')[0];
    if (!point || !type) continue;
    const mountPoint = point.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
    const contains = mountPoint === '/' || path === mountPoint || path.startsWith(`${mountPoint}/`);
    // Equal lengths: a later line is a mount stacked on top of an earlier one, and hides it.
    if (contains && (!best || mountPoint.length >= best.point.length)) best = { point: mountPoint, type };
  }
  return best?.type;
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
