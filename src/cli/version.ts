import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// dist/src/cli/version.js and src/cli/version.ts both sit three levels below package.json's folder or two.
function readVersion(): string {
  for (const rel of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = require(rel) as { name?: string; version?: string };
      if (pkg.name === "evio-lint" && pkg.version) return pkg.version;
    } catch {
      // try the next level
    }
  }
  return "0.0.0";
}

export const VERSION = readVersion();
