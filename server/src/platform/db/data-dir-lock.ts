import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * PGlite is one process per data directory: two writers silently corrupt it. The lock file holds
 * the owner's pid; a live owner makes the second process stop with a message naming it.
 */
export class DataDirLockedError extends Error {}

export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'yiwang.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const owner = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
          if (owner.pid === process.pid) rmSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      if (owner && owner.host === hostname() && isAlive(owner.pid)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by process ${owner.pid} (started ${owner.since}). ` +
            `Stop it first, or set DATA_DIR to another directory.\n` +
            `数据目录 ${dataDir} 正被进程 ${owner.pid} 使用（自 ${owner.since} 起），请先停止该进程或改用其他 DATA_DIR。`,
        );
      }
      if (owner && owner.host !== hostname()) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is locked by host ${owner.host} (pid ${owner.pid}); remove ${file} only if that host is gone.`,
        );
      }
      rmSync(file, { force: true }); // stale: its owner died without cleaning up
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

function readOwner(file: string): { pid: number; host: string; since: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { pid: number; host: string; since: string };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
