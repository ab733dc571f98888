import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// bin/evio-lint.js runs dist/bundle/main.js: tsc's output (dist/src, dist/rules) bundled with the
// libraries, so that start-up reads a few dozen files by relative path instead of resolving ~150
// modules through node_modules (docs/performance.md). Splitting keeps every dynamic import a
// chunk of its own: `--version` still loads no rule, a shell-only run no TOML, Markdown or Nix code.
// Made after tsc by `npm run build` (and `prepare`), and by vitest's global setup when stale.

/** The package's folder, from dist/tools/bundle.js (tsc's output) or tools/bundle.ts (under vitest). */
function packageRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error("tools/bundle: no package.json above this file");
  }
}

const PACKAGE_ROOT = packageRoot();
const BUNDLE = "dist/bundle";
/** esbuild's metafile: which sources each chunk holds (test/harness/load-log maps chunks back to them). */
export const BUNDLE_META = path.join(PACKAGE_ROOT, BUNDLE, "meta.json");
const ENTRY = "dist/src/cli/main.js";

/**
 * Loaded at run time from node_modules, never bundled: the native tree-sitter bindings (a `.node`
 * file found from their own folder) and web-tree-sitter with the Nix grammar's `.wasm`, which
 * locate their files relative to their own modules.
 */
const EXTERNAL = ["tree-sitter", "tree-sitter-bash", "web-tree-sitter", "@cursorless/tree-sitter-wasms"];

// Bundled CommonJS code (vscode-languageserver) requires Node's built-in modules; an ES module has
// no `require` of its own, so each chunk gets one (esbuild renames the sources' own `require`s).
const BANNER = 'import { createRequire as __evioCreateRequire } from "node:module"; const require = __evioCreateRequire(import.meta.url);';

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ metafile: { outputs: Record<string, object> } }>;
}

/**
 * esbuild, or undefined when node_modules predates it. Imported by a name the compiler does not
 * resolve, so that such a checkout still type-checks and tests (bin then runs tsc's output).
 */
async function loadEsbuild(): Promise<Esbuild | undefined> {
  const name = "esbuild";
  try {
    return (await import(name)) as Esbuild;
  } catch {
    return undefined;
  }
}

export async function bundle(esbuild?: Esbuild): Promise<void> {
  const bundler = esbuild ?? (await loadEsbuild());
  if (!bundler) throw new Error("tools/bundle: esbuild is not installed; run `npm ci`");
  // Built beside and renamed into place: a run started meanwhile never sees half a bundle.
  const temp = `${BUNDLE}.tmp-${process.pid}`;
  const result = await bundler.build({
    absWorkingDir: PACKAGE_ROOT,
    // worker.js beside main.js: src/cli/parallel.ts starts `./worker.js` relative to its own chunk.
    entryPoints: { main: ENTRY, worker: "dist/src/cli/worker.js" },
    outdir: temp,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // jsonc-parser's `main` is a UMD build whose inner require()s a bundle cannot follow; its `module` build is plain ESM.
    mainFields: ["module", "main"],
    external: EXTERNAL,
    banner: { js: BANNER },
    metafile: true,
    logLevel: "warning",
  });
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, o]) => [file.replace(temp, BUNDLE), o]));
  fs.writeFileSync(path.join(PACKAGE_ROOT, temp, "meta.json"), JSON.stringify({ ...result.metafile, outputs }));
  fs.rmSync(path.join(PACKAGE_ROOT, BUNDLE), { recursive: true, force: true });
  fs.renameSync(path.join(PACKAGE_ROOT, temp), path.join(PACKAGE_ROOT, BUNDLE));
}

/** Bundle when tsc's output is newer than the bundle (bin/evio-lint.js's own test); nothing to do without it. */
export async function bundleIfStale(): Promise<void> {
  const mtime = (rel: string): number => fs.statSync(path.join(PACKAGE_ROOT, rel), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (mtime(ENTRY) === -1 || mtime(`${BUNDLE}/main.js`) >= mtime(ENTRY)) return;
  const esbuild = await loadEsbuild();
  if (!esbuild) {
    process.stderr.write("tools/bundle: esbuild is not installed (run `npm ci`): bin/evio-lint.js runs tsc's output, unbundled\n");
    return;
  }
  await bundle(esbuild);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await bundle();
