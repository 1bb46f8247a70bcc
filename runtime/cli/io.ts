/** Where the CLI writes; tests pass a capturing implementation. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * A reader that goes away (`cdktf-resilience check plan | head`) closes the pipe under us: the
 * rest of the output has nowhere to go, which is not an error of the run, so writing stops and
 * the exit code stays the run's verdict. Any other write error on a standard stream (a full disk
 * behind `> file`) is said once on stderr, and the exit code says nothing was delivered (2).
 */
export function tolerateClosedStreams(onBroken: (code: string) => void): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") return;
      onBroken(e.code ?? e.message);
    });
}
