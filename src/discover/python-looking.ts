import path from "node:path";

/**
 * Files that say "a Python project lives in this folder". A folder holding one, and everything
 * under it, is Python-looking; in a repo that is no uv workspace only such files are linted.
 */
const MARKER = /^(?:pyproject\.toml|setup\.py|setup\.cfg|uv\.lock|Pipfile|Pipfile\.lock|poetry\.lock|\.python-version|requirements[\w.-]*\.(?:txt|in))$/;

export const isPythonMarker = (file: string): boolean => MARKER.test(path.posix.basename(file));

/** Whether a root-relative posix path lies in or under a folder that holds a Python marker file. */
export function pythonLooking(files: readonly string[]): (file: string) => boolean {
  const projectDirs = new Set(files.filter(isPythonMarker).map((f) => path.posix.dirname(f)));
  if (projectDirs.has(".")) return () => true;
  return (file) => {
    for (let dir = path.posix.dirname(file); dir !== "."; dir = path.posix.dirname(dir)) {
      if (projectDirs.has(dir)) return true;
    }
    return false;
  };
}
