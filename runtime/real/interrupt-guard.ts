/**
 * Holding interrupts while the CLI puts files in place. A synchronous write cannot be interrupted
 * by a JavaScript handler; with one installed, SIGINT, SIGTERM and SIGHUP wait until the write has
 * finished or been undone, then `onInterrupt` cleans up and the signal is raised again with its
 * default action, so the exit status still says "interrupted". The handlers stay one turn of the
 * event loop after `release`, so a signal that arrived during the write is still delivered.
 */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Installs the handlers; call the returned function when the files are in place. */
export function holdInterrupts(onInterrupt: () => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    onInterrupt();
    for (const s of SIGNALS) process.removeListener(s, handler);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, handler);
  return () => {
    setImmediate(() => {
      for (const s of SIGNALS) process.removeListener(s, handler);
    });
  };
}
