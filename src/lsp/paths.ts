import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Where the server finds files: client URIs as real paths, and its own package (for rule docs).

/** The local path of a file: URI; null for untitled buffers and other schemes. */
export function filePath(uri: string): string | null {
  if (!uri.startsWith("file:")) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** Symlinks resolved as the root is (the file may not exist yet: resolve its folder then). */
export function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  }
}

/** dist/src/lsp/server.js and src/lsp/server.ts sit three or two levels below the package. */
export function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ["../..", "../../.."]) {
    const dir = path.resolve(here, up);
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "evio-lint") return dir;
    } catch {
      // try the next level
    }
  }
  return path.resolve(here, "../../..");
}
