import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { sourcesOf } from "../harness/load-log/sources.js";
import { VERSION } from "../../src/cli/version.js";
import { binaryAsGiven, cliAsGiven, makeRepo, PACKAGE_ROOT } from "../harness/repo.js";

// Start-up is paid on every commit: what a run loads is asserted on the built binary, with a
// preload that logs every module (ES and CommonJS) the process loaded, and each module of the
// bundle (tools/bundle.ts) that ran: esbuild keeps a module reached by a dynamic import in an init
// function of its own, so the bundle holds the TOML parser but a shell-only run never runs it.
const REGISTER = path.join(PACKAGE_ROOT, "test/harness/load-log/register.mjs");

function loadedBy(cwd: string, args: readonly string[], extra = ["--workspace", "required"]): { code: number; stdout: string; modules: string[]; files: string[] } {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-load-")), "loaded.txt");
  // These repos declare no uv workspace; `--workspace required` runs the probe rule (no-pip) there, as the harness's `binary` does.
  const r = spawnSync(process.execPath, ["--import", REGISTER, path.join(PACKAGE_ROOT, "bin/evio-lint.js"), ...args, ...extra], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", EVIO_LINT_LOAD_LOG: log },
  });
  const files = fs.readFileSync(log, "utf8").split("\n").filter((l) => l !== "");
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
  return { code: r.status ?? -1, stdout: r.stdout, modules: sourcesOf(files, PACKAGE_ROOT), files };
}

const PARSERS: Record<string, RegExp> = {
  toml: /node_modules\/(smol-toml|toml-eslint-parser|@ltd\/j-toml)\//,
  markdown: /node_modules\/(@lezer\/[^/]+|mdast-[^/]+|micromark[^/]*)\/|dist\/src\/(parse\/markdown|embed\/markdown\/blocks)\.js/,
  nix: /node_modules\/(web-tree-sitter|@cursorless\/tree-sitter-wasms)\/|dist\/src\/parse\/nix\.js/,
  shell: /node_modules\/(tree-sitter|tree-sitter-bash)\/|dist\/src\/parse\/shell\.js/,
  yaml: /node_modules\/yaml\/|dist\/src\/parse\/yaml\.js/,
};
const loads = (modules: readonly string[], kind: string) => modules.filter((m) => PARSERS[kind]!.test(m));

describe("start-up loads only what the run needs", () => {
  const repo = makeRepo({ "scripts/a.sh": "#!/bin/sh\npip install requests\n" });

  it("runs the bundle: front.cjs, then the bundle, no module of tsc's output, and no bundled library from node_modules", () => {
    const r = loadedBy(repo, ["--format", "json"]);
    expect(r.code).toBe(1);
    const bundle = pathToFileURL(path.join(PACKAGE_ROOT, "dist/bundle/")).href;
    expect(r.files).toContain(`${bundle}front.cjs`);
    expect(r.files).toContain(`${bundle}evio-lint.cjs`);
    expect(r.files.filter((f) => f.includes("/dist/src/") || f.includes("/dist/rules/"))).toEqual([]);
    // What stays outside the bundle: the native shell parser, and what src/parse/toml.ts requires when first used.
    const outside = r.files.filter((f) => f.includes("/node_modules/")).map((f) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(f)![1]);
    expect([...new Set(outside)].sort()).toEqual(["node-gyp-build", "tree-sitter", "tree-sitter-bash"]);
  });

  it("--version and --help are answered by front.cjs: the bundle does not load", () => {
    for (const args of [["--version"], ["--help"], ["--version", "--format", "json"]]) {
      const r = loadedBy(repo, args);
      expect(r.code).toBe(0);
      expect(r.files.filter((f) => f.endsWith("/evio-lint.cjs"))).toEqual([]);
    }
  });

  it("--version alone is answered by bin itself: not even front.cjs loads", () => {
    for (const args of [["--version"], ["-v"]]) {
      const r = loadedBy(repo, args, []);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: `${VERSION}\n` });
      expect(r.files.filter((f) => f.includes("/dist/"))).toEqual([]);
    }
  });

  it("front.cjs answers as main would: the same text and exit code, a usage error still main's", async () => {
    for (const args of [["--version"], ["--help"], ["-h"], ["--version", "--format", "json"], ["--version", "--bogus"], ["--help", "--format", "nope"]]) {
      const built = binaryAsGiven(repo, args);
      const inProcess = await cliAsGiven(repo, args);
      expect({ args, code: built.code, stdout: built.stdout, stderr: built.stderr }).toEqual({ args, code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr });
    }
    expect(binaryAsGiven(repo, ["--version", "--bogus"]).code).toBe(2);
  });

  it("--version and --help load the option parser, no rule and no library", () => {
    for (const args of [["--version"], ["--help"]]) {
      const r = loadedBy(repo, args);
      expect(r.code).toBe(0);
      expect(r.modules.filter((m) => m.includes("/node_modules/") || m.includes("/dist/rules/"))).toEqual([]);
    }
  });

  it("--list-rules and explain read rule metadata and load no parser", () => {
    for (const args of [["--list-rules"], ["explain", "no-pip"]]) {
      const r = loadedBy(repo, args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("no-pip");
      for (const kind of Object.keys(PARSERS)) expect(loads(r.modules, kind), `${args.join(" ")} loads the ${kind} parser`).toEqual([]);
      expect(r.modules.filter((m) => /node_modules\/(diff|jsonc-parser)\//.test(m))).toEqual([]);
    }
  });

  it("a run served from the cache reports the same finding and loads no engine, config or baseline parser", () => {
    const dir = makeRepo({ "scripts/a.sh": "#!/bin/sh\npip install requests\n" });
    const first = loadedBy(dir, ["--cache", "--format", "json"]);
    const warm = loadedBy(dir, ["--cache", "--format", "json"]);
    const found = (stdout: string) => JSON.parse(stdout).diagnostics.map((d: { rule: string; range: { start: { line: number; column: number } } }) => [d.rule, d.range.start.line, d.range.start.column]);
    expect(warm.code).toBe(1);
    expect(found(warm.stdout)).toEqual([["no-pip", 2, 1]]);
    expect(found(warm.stdout)).toEqual(found(first.stdout));
    const has = (modules: readonly string[], file: string) => modules.some((m) => m.endsWith(`/${file}`));
    expect(has(first.modules, "dist/src/config/load.js")).toBe(true);
    for (const file of ["dist/src/config/load.js", "dist/src/config/schema.js", "dist/src/baseline/suppressions.js", "dist/src/engine/run.js"]) expect(has(warm.modules, file), file).toBe(false);
    expect(warm.modules.filter((m) => /jsonc-parser/.test(m))).toEqual([]);
  });

  it("a shell-only run loads the shell parser and no TOML, Markdown, Nix or YAML code", () => {
    const r = loadedBy(repo, ["--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["no-pip"]);
    expect(loads(r.modules, "shell")).not.toEqual([]);
    for (const kind of ["toml", "markdown", "nix", "yaml"]) expect(loads(r.modules, kind), `loads the ${kind} parser`).toEqual([]);
  });

  it("a Markdown file loads @lezer/markdown (the log sees it), and micromark no more", () => {
    const docs = makeRepo({ "README.md": "# Setup\n\n```bash\npip install requests\n```\n" });
    const r = loadedBy(docs, ["--format", "json"]);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["no-pip"]);
    expect(r.modules.filter((m) => m.includes("node_modules/@lezer/markdown/"))).not.toEqual([]);
    expect(r.modules.filter((m) => /node_modules\/(mdast-[^/]+|micromark[^/]*)\//.test(m))).toEqual([]);
  });

  it("a workspace's pyproject.toml loads the TOML parser (the log sees it)", () => {
    const ws = makeRepo({
      "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
      "scripts/a.sh": "#!/bin/sh\npip install requests\n",
    });
    const r = loadedBy(ws, ["--format", "json"]);
    expect(r.code).toBe(1);
    expect(loads(r.modules, "toml")).not.toEqual([]);
    expect(loads(r.modules, "markdown")).toEqual([]);
  });
});

describe("Node's own modules a run does not need stay unloaded", () => {
  /** Node's built-in modules the run loaded, as `process.moduleLoadList` names them at exit. */
  function builtinsLoadedBy(cwd: string, args: readonly string[]): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-builtins-"));
    const preload = path.join(dir, "log.cjs");
    const log = path.join(dir, "builtins.json");
    fs.writeFileSync(preload, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(log)}, JSON.stringify(process.moduleLoadList)));\n`);
    spawnSync(process.execPath, ["--require", preload, path.join(PACKAGE_ROOT, "bin/evio-lint.js"), ...args, "--workspace", "required"], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const loaded = (JSON.parse(fs.readFileSync(log, "utf8")) as string[]).filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice("NativeModule ".length));
    fs.rmSync(dir, { recursive: true, force: true });
    return loaded;
  }

  it("a lint run loads neither crypto (no hash to take) nor worker_threads (one thread); --fix hashes what it reads", () => {
    const repo = makeRepo({ "scripts/a.sh": "#!/bin/sh\npip install requests\n", "docs/setup.md": "Run `pip install requests`.\n" });
    const lint = builtinsLoadedBy(repo, []);
    expect(lint).toContain("child_process");
    expect(lint).not.toContain("crypto");
    expect(lint).not.toContain("worker_threads");
    expect(builtinsLoadedBy(repo, ["--fix"])).toContain("crypto");
  });
});
