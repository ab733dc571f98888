import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown> }>;
}

/** The modules esbuild wrapped in an init function (`__esm`, `__commonJS`, numbered when a bundled library has its own): they run on first import. */
function wrapped(bundle: string): Set<string> {
  return new Set([...fs.readFileSync(bundle, "utf8").matchAll(/__(?:esm|commonJS)\d*\(\{\n\s*"([^"]+)"\(/g)].map((m) => m[1]!));
}

/**
 * The modules a load log names, as sources (tsc's output and node_modules files), so that "loads
 * no TOML parser" is asserted on the same paths with or without the bundle (tools/bundle.ts):
 * - front.cjs (no init wrappers) stands for the sources esbuild put in it;
 * - the CommonJS bundle stands for the sources it runs as it loads (those it did not wrap);
 * - `init:` names a wrapped source that ran.
 */
export function sourcesOf(loaded: readonly string[], packageRoot: string): string[] {
  const meta = JSON.parse(fs.readFileSync(path.join(packageRoot, "dist/bundle/meta.json"), "utf8")) as Metafile;
  const url = (rel: string): string => pathToFileURL(path.join(packageRoot, rel)).href;
  const outputs = new Map<string, string[]>();
  for (const [out, o] of Object.entries(meta.outputs)) {
    const inputs = Object.keys(o.inputs);
    const lazy = out.endsWith(".cjs") ? wrapped(path.join(packageRoot, out)) : new Set<string>();
    outputs.set(url(out), inputs.filter((i) => !lazy.has(i)).map(url));
  }
  return loaded.flatMap((m) => (m.startsWith("init:") ? [url(m.slice("init:".length))] : (outputs.get(m) ?? [m])));
}
