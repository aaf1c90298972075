import subprocess
from pathlib import Path

BACKUP_ROOT = Path("/var/backups/app")


def backup_folder(folder, label):
    archiveName = BACKUP_ROOT / f"{label}.tar.gz"
    subprocess.run(f"tar czf {archiveName} {folder}", shell=True, check=True)
    return archiveName


def list_backups():
    return sorted(p.name for p in BACKUP_ROOT.glob("*.tar.gz"))
