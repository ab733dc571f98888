import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * Replace a file's content atomically: write a temp file beside it with the same mode, then
 * rename over it. A crash leaves either the old file or the new one, never half of each.
 */
export function writeAtomic(absPath: string, content: string): void {
  const target = fs.realpathSync(absPath); // write through a symlink, keep the link
  const { mode } = fs.statSync(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.evio-lint-${randomBytes(4).toString("hex")}.tmp`);
  try {
    fs.writeFileSync(temp, content, { mode: mode & 0o7777 });
    fs.chmodSync(temp, mode & 0o7777); // the umask may have narrowed it
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
