import fs from "node:fs";

/**
 * A writer for standard output or error that calls write(2) itself. The first use of
 * `process.stdout` builds a stream, and for a pipe (a hook's, CI's) that loads Node's `net`
 * module: 2-3 ms of a run served from the cache (docs/performance.md). Node writes pipes, files
 * and terminals synchronously on Linux and macOS anyway, so the output is the same. A descriptor
 * that is non-blocking (EAGAIN) or fails in any other way hands the rest to the stream, and
 * every later write too, so that nothing is written out of order and the stream reports the
 * error as before. On Windows the stream is used from the start.
 */
export function fdWriter(fd: number, stream: () => NodeJS.WritableStream): (text: string) => void {
  let direct = process.platform !== "win32";
  return (text) => {
    if (!direct) {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, "utf8");
    let done = 0;
    try {
      while (done < bytes.length) done += fs.writeSync(fd, bytes, done);
    } catch {
      direct = false;
      stream().write(bytes.subarray(done));
    }
  };
}
