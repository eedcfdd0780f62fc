import { getPriority, platform, setPriority } from 'node:os';

/** The nice value of threads whose work can wait (an import's reading, writing and verifying): the threads that answer the window run at the process's own. */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's scheduling priority so that, when the cores are busy, the threads
 * that answer the window run first. Only on Linux, where each thread has its own nice value:
 * elsewhere setPriority(0) lowers the whole process, the window's thread with it, so nothing is
 * changed there. A thread already nicer is left as it is (raising priority again needs privilege).
 * Returns the thread's nice value afterwards, or undefined where it was left alone.
 */
export function runThisThreadInBackground(): number | undefined {
  if (platform() !== 'linux') return undefined;
  try {
    if (getPriority(0) < BACKGROUND_NICE) setPriority(0, BACKGROUND_NICE);
    return getPriority(0);
  } catch {
    return undefined;
  }
}
