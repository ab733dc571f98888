import fs from "node:fs";
import path from "node:path";

export const BASELINE_FILE = "evio-lint-suppressions.json";

/**
 * Whether the root has no baseline, known without loading its JSON parser (a run served from the
 * cache loads little else). False also when the folder cannot be looked at: the reader reports that.
 */
export function noBaseline(root: string): boolean {
  try {
    return fs.statSync(path.join(root, BASELINE_FILE), { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}
