import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeRealShapedRepo } from "./synth-repo.js";

// bin/evio-lint.js runs dist/bundle/evio-lint.cjs: tsc's output bundled with the libraries into
// one CommonJS file, which src/cli/bundle-loader.ts compiles with V8's code cache (Node 20 has none for
// ES modules). Modules reached by a dynamic import stay lazy: esbuild wraps each in an init
// function that runs on first import, so `--version` still runs no rule and a shell-only run no
// TOML, Markdown or Nix code (test/e2e/startup.test.ts logs those inits). The code cache is made
// here by one warm-up run over a synthetic repository, and again by bin if V8 rejects it.
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
const OUTPUT = "evio-lint.cjs";
/** esbuild's metafile: which sources the bundle holds (test/harness/load-log maps it back to them). */
export const BUNDLE_META = path.join(PACKAGE_ROOT, BUNDLE, "meta.json");
const ENTRY = "dist/src/cli/bundle-entry.js";
const FRONT = "dist/src/cli/front.js";
/** tsc's output of the CLI: a bundle older than it is stale. */
const COMPILED_MAIN = "dist/src/cli/main.js";

/**
 * Loaded at run time from node_modules, never bundled: the native tree-sitter bindings (a `.node`
 * file found from their own folder) and the Nix grammar's package, a `.wasm`. web-tree-sitter is
 * bundled: src/parse/nix.ts tells it where its own `.wasm` is.
 */
const EXTERNAL = ["tree-sitter", "tree-sitter-bash", "@cursorless/tree-sitter-wasms"];

// The sources read import.meta.url (to find package.json, the worker, the grammars): in the bundle
// it is the bundle's own URL.
const BANNER = '"use strict"; var __evioBundleUrl = require("node:url").pathToFileURL(__filename).href; var __evioInitLog = globalThis.__evioLoadLog;';

// esbuild's init wrappers, as this esbuild writes them; each also reports the module it runs to
// the load log when a test installed one. A wrapper that changes shape fails the build here.
/**
 * web-tree-sitter's CommonJS build: its ES module build imports `fs/promises` and `module`
 * dynamically, which code run by vm.Script (src/cli/bundle-loader.ts) cannot do on Node 20.
 */
const COMMONJS_WEB_TREE_SITTER = {
  name: "commonjs-web-tree-sitter",
  setup(build: { onResolve(options: { filter: RegExp }, callback: () => { path: string }): void }): void {
    const cjs = createRequire(path.join(PACKAGE_ROOT, "package.json")).resolve("web-tree-sitter");
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: cjs }));
  },
};

// esbuild numbers a helper, or its parameter, when a bundled module has a name like it
// (web-tree-sitter's own build holds esbuild's helpers): `__commonJS2`, `err2`. Ours start a line.
const WRAPPERS: [RegExp, string][] = [
  [/^var __esm\d* = \(fn, res, err\d*\) => function __init\(\) \{\n/m, "$&  if (fn && __evioInitLog) __evioInitLog(PROP_NAMES(fn)[0]);\n"],
  [/^var __commonJS\d* = \(cb, mod\) => function __require\(\) \{\n/m, "$&  if (!mod && __evioInitLog) __evioInitLog(PROP_NAMES(cb)[0]);\n"],
];
const PROP_NAMES = /^var (__getOwnPropNames\d*) = Object\.getOwnPropertyNames;$/m;

// The worker thread's entry, beside the bundle: src/cli/parallel.ts starts `./worker.js` relative to it.
const WORKER = `import front from "./front.cjs";

await front.loadBundle().exports.runWorker();
`;

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
  try {
    await build(bundler, temp);
  } finally {
    // gone once renamed; left by a build that failed, it would be packed with dist/
    fs.rmSync(path.join(PACKAGE_ROOT, temp), { recursive: true, force: true });
  }
  warmUp();
}

async function build(bundler: Esbuild, temp: string): Promise<void> {
  const result = await bundler.build({
    absWorkingDir: PACKAGE_ROOT,
    entryPoints: [ENTRY],
    outfile: path.join(temp, OUTPUT),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    // jsonc-parser's `main` is a UMD build whose inner require()s a bundle cannot follow; its `module` build is plain ESM.
    mainFields: ["module", "main"],
    external: EXTERNAL,
    plugins: [COMMONJS_WEB_TREE_SITTER],
    // `__evioRequire("x")` is how a source asks for a library at first use that the bundle should hold (src/parse/toml.ts).
    define: { "import.meta.url": "__evioBundleUrl", __evioRequire: "require" },
    banner: { js: BANNER },
    metafile: true,
    logLevel: "warning",
  });
  // bin's first module: the option parser for --help and --version, and the bundle's loader.
  // CommonJS, like bin: an ES module would start Node's ES module loader, 4-6 ms of every run.
  const front = await bundler.build({
    absWorkingDir: PACKAGE_ROOT,
    entryPoints: [FRONT],
    outfile: path.join(temp, "front.cjs"),
    bundle: true,
    format: "cjs",
    define: { "import.meta.url": "__evioFrontUrl" },
    banner: { js: '"use strict"; var __evioFrontUrl = require("node:url").pathToFileURL(__filename).href;' },
    platform: "node",
    target: "node20",
    metafile: true,
    logLevel: "warning",
  });
  const file = path.join(PACKAGE_ROOT, temp, OUTPUT);
  let code = fs.readFileSync(file, "utf8");
  const propNames = PROP_NAMES.exec(code)?.[1];
  for (const [from, to] of WRAPPERS) {
    if (!propNames || !from.test(code)) throw new Error(`tools/bundle: esbuild's helper changed shape, cannot instrument: ${from.source}`);
    code = code.replace(from, to.replace("PROP_NAMES", propNames));
  }
  fs.writeFileSync(file, asciiOnly(code));
  fs.writeFileSync(path.join(PACKAGE_ROOT, temp, "worker.js"), WORKER);
  const outputs = Object.fromEntries([result, front].flatMap((r) => Object.entries(r.metafile.outputs)).map(([out, o]) => [out.replace(temp, BUNDLE), o]));
  fs.writeFileSync(path.join(PACKAGE_ROOT, temp, "meta.json"), JSON.stringify({ outputs }));
  fs.rmSync(path.join(PACKAGE_ROOT, BUNDLE), { recursive: true, force: true });
  fs.renameSync(path.join(PACKAGE_ROOT, temp), path.join(PACKAGE_ROOT, BUNDLE));
}

/**
 * The bundle with every non-ASCII character written as a `\u` escape. esbuild escapes them in
 * strings, templates and names but leaves them in regular expressions and comments (`’` and `✅` in
 * the prose patterns); one such character makes V8 hold the whole 1.9 MB source as two bytes a
 * character, and reading it took 4 ms instead of 2 in every run (docs/performance.md). In a regular
 * expression `\u2019` is the character itself, with or without the u flag, a surrogate pair too;
 * an escaped one (`\’`, the character itself too) keeps its backslash as the escape's.
 */
export function asciiOnly(code: string): string {
  return code.replace(/(\\*)([^\0-\x7f])/g, (_, slashes: string, c: string) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, "0");
    return slashes.length % 2 === 1 ? `${slashes}u${hex}` : `${slashes}\\u${hex}`;
  });
}

/**
 * One run of the bundle over a synthetic repository shaped like a real one (tools/synth-repo.ts),
 * so that bin writes a code cache holding the functions a lint compiles. Without one (no git, a
 * failed run) the first real run writes it.
 */
function warmUp(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-warm-up-"));
  try {
    writeRealShapedRepo(dir);
    spawnSync("git", ["-c", "init.defaultBranch=main", "init", "-q"], { cwd: dir, stdio: "ignore" });
    spawnSync("git", ["add", "-A"], { cwd: dir, stdio: "ignore" });
    spawnSync(process.execPath, [path.join(PACKAGE_ROOT, "bin/evio-lint.js"), "--format", "json", "."], { cwd: dir, stdio: "ignore" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Bundle when tsc's output is newer than the bundle (bin/evio-lint.js's own test); nothing to do without it. */
export async function bundleIfStale(): Promise<void> {
  const mtime = (rel: string): number => fs.statSync(path.join(PACKAGE_ROOT, rel), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (mtime(COMPILED_MAIN) === -1 || mtime(`${BUNDLE}/${OUTPUT}`) >= mtime(COMPILED_MAIN)) return;
  const esbuild = await loadEsbuild();
  if (!esbuild) {
    process.stderr.write("tools/bundle: esbuild is not installed (run `npm ci`): bin/evio-lint.js runs tsc's output, unbundled\n");
    return;
  }
  await bundle(esbuild);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await bundle();
