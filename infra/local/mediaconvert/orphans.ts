import { execFileSync } from 'node:child_process';

/**
 * Stops an ffmpeg that a runtime killed under it left running (SIGKILL gives the runtime no
 * chance to stop its children), so that it does not compete with the job's new attempt. Only a
 * process whose command line names `workDir` is ours; a process that got a reused pid is left
 * alone. Returns whether one was stopped.
 */
export function stopOrphan(pid: number, workDir: string): boolean {
  let command: string;
  try {
    command = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return false; // no such process (or no ps)
  }
  if (!command.includes(workDir)) return false;
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false; // it ended meanwhile
  }
}
