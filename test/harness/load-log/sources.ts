import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown> }>;
}

/**
 * The modules a load log names, with each chunk of the bundle bin/evio-lint.js runs (dist/bundle,
 * tools/bundle.ts) replaced by the sources esbuild put in it (tsc's output and node_modules files),
 * so that "loads no TOML parser" is asserted on the same paths with or without the bundle.
 */
export function sourcesOf(loaded: readonly string[], packageRoot: string): string[] {
  const meta = JSON.parse(fs.readFileSync(path.join(packageRoot, "dist/bundle/meta.json"), "utf8")) as Metafile;
  const url = (rel: string): string => pathToFileURL(path.join(packageRoot, rel)).href;
  const chunks = new Map(Object.entries(meta.outputs).map(([out, o]) => [url(out), Object.keys(o.inputs).map(url)]));
  return loaded.flatMap((m) => chunks.get(m) ?? [m]);
}
