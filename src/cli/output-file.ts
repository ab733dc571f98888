import fs from "node:fs";
import path from "node:path";
import { randomHex } from "../text/hash.js";
import { UsageError } from "./options.js";

/**
 * `--output-file`: a regular file (or a new one) is replaced atomically, temp file beside it then
 * rename, so a CI job or an editor reading it never sees half a report; anything else the user
 * named (`/dev/stderr`, a FIFO, a symlink) is written through as it is.
 */
export function writeReport(abs: string, report: string, typed: string): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.lstatSync(abs);
  } catch {
    // a new file
  }
  try {
    if (st && !st.isFile()) {
      fs.writeFileSync(abs, report);
      return;
    }
    const temp = path.join(path.dirname(abs), `.evio-lint-${randomHex(4)}.tmp`);
    try {
      fs.writeFileSync(temp, report, { flag: "wx", mode: st ? st.mode & 0o7777 : 0o666 });
      fs.renameSync(temp, abs);
    } catch (e) {
      fs.rmSync(temp, { force: true });
      throw e;
    }
  } catch (e) {
    throw new UsageError(`--output-file ${typed}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
