// Issue 13 (1, 2): installing evio-lint as a user does, with npm offline and its registry on a
// closed port, so any registry lookup fails the install instead of passing unnoticed.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { git, makeRepo, PACKAGE_ROOT, writeFiles } from "../harness/repo.js";
import { uvLockFor } from "../harness/uv-lock.js";

const SLOW = 600_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a user's shell: none of what `npm test` adds (`npm_*` variables that point
 * npm at this checkout, node_modules/.bin folders on PATH), no LEFTHOOK switches, and npm cut off
 * from every registry. The user's npm config file still applies, as it would for them.
 */
function userEnv(cache: string, bin: string | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(npm_|lefthook)/i.test(name)) env[name] = value;
  }
  const dirs = (process.env["PATH"] ?? "").split(path.delimiter).filter((d) => d !== "" && !d.split(path.sep).includes("node_modules"));
  return {
    ...env,
    PATH: [...(bin ? [bin] : []), ...dirs].join(path.delimiter),
    npm_config_registry: "http://127.0.0.1:9/",
    npm_config_offline: "true",
    npm_config_cache: cache,
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
    ...extra,
  };
}

/** A child process, awaited without blocking the other test of this file. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function ok(r: Run, what: string): Run {
  expect(r.code, `${what}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toBe(0);
  return r;
}

/** The fenced ```sh blocks of the README's install section, in order. */
function readmeInstallBlocks(): string[] {
  const readme = fs.readFileSync(path.join(PACKAGE_ROOT, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Install into a Python monorepo"));
  if (!section) throw new Error("README.md has no section 'Install into a Python monorepo'");
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const WORKSPACE = {
  "pyproject.toml": '[project]\nname = "mono"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
  "packages/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n',
};
/** A uv workspace with one member and a script, and no package.json. */
const MONOREPO = { ...WORKSPACE, "uv.lock": uvLockFor(WORKSPACE), "packages/core/setup.sh": "#!/bin/sh\nuv sync\n" };
const PIP_SCRIPT = "#!/bin/sh\nuv sync\npip install requests\n";

let parent: string;
let checkout: string;
let packStdout: string;
let tarball: string;

beforeAll(async () => {
  // A copy of this checkout as `npm ci` leaves it, named as a clone would be. It is packed there,
  // not here: `npm pack` rebuilds dist/, which the other test files are running. node_modules is
  // copied, not linked: npm packs a linked node_modules as paths outside the package.
  parent = makeRepo({}, { git: false });
  checkout = path.join(parent, "evio-lint");
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: PACKAGE_ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const rel of files) {
    const from = path.join(PACKAGE_ROOT, rel);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(checkout, rel)), { recursive: true });
    fs.copyFileSync(from, path.join(checkout, rel));
  }
  execFileSync("cp", ["-a", "--reflink=auto", path.join(PACKAGE_ROOT, "node_modules"), path.join(checkout, "node_modules")]);
  const env = userEnv(path.join(parent, "npm-cache-pack"), undefined);
  // pre-commit's own steps in its clone of a hook repository (languages/node.py): a local
  // install, then `npm pack`, whose stdout it takes as the tarball's file name.
  ok(await run("npm", ["install", "--include=dev", "--include=prod", "--ignore-prepublish", "--no-progress", "--no-save"], checkout, env), "npm install in the hook repository");
  const packed = ok(await run("npm", ["pack"], checkout, env), "npm pack");
  packStdout = packed.stdout;
  tarball = path.join(checkout, packStdout.trim());
}, SLOW);

describe("the packed tarball", () => {
  it("npm pack prints only the tarball's name on stdout (the prepare build stays off it); the tarball bundles its dependencies with their prebuilt binaries", () => {
    expect(packStdout).toBe("evio-lint-0.1.0.tgz\n");
    const listing = execFileSync("tar", ["tzf", tarball], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\n");
    expect(listing).toContain("package/dist/src/cli/main.js");
    // what bin/evio-lint.js runs (tools/bundle.ts): front.cjs, then the bundle; bin/package.json makes bin CommonJS
    expect(listing).toContain("package/bin/package.json");
    expect(listing).toContain("package/dist/bundle/front.cjs");
    expect(listing).toContain("package/dist/bundle/evio-lint.cjs");
    expect(listing).toContain("package/node_modules/yaml/package.json");
    expect(listing).toContain("package/node_modules/tree-sitter/prebuilds/linux-x64/tree-sitter.node");
    expect(listing).toContain("package/node_modules/tree-sitter-bash/prebuilds/linux-x64/tree-sitter-bash.node");
    expect(listing.filter((f) => !f.startsWith("package/") && f !== "")).toEqual([]);
  });
});

describe("npm ci of this repository", () => {
  it("has an allowScripts entry for every locked package with an install script, so npm warns of none", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { allowScripts: Record<string, boolean> };
    const lock = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const scripted = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([at]) => at.slice(at.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(scripted.length).toBeGreaterThan(0);
    expect(scripted.filter((name) => !(name in manifest.allowScripts))).toEqual([]);
  });
});

describe("the release the docs name", () => {
  it("is package.json's version, as tag `vX.Y.Z` and tarball evio-lint-X.Y.Z.tgz, wherever the docs name one", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
    for (const file of ["README.md", "docs/integrations.md", ".pre-commit-hooks.yaml"]) {
      const text = fs.readFileSync(path.join(PACKAGE_ROOT, file), "utf8");
      const named = [...text.matchAll(/(?:rev: v|--branch v|\.git#v|evio-lint-)(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
      expect(named.length, file).toBeGreaterThan(0);
      expect(new Set(named), file).toEqual(new Set([version]));
    }
  });
});

describe.concurrent("installing the tarball with npm offline", () => {
  it(
    "README: the install block run as written in a uv workspace, `init`, lefthook: a commit with `pip install` is refused with the finding, a clean commit passes",
    async () => {
      const mono = path.join(parent, "mono");
      fs.mkdirSync(mono);
      writeFiles(mono, MONOREPO);
      git(mono, "init", "-q", "-b", "main");
      // lefthook as a dev shell provides it: on PATH (here the one in this checkout's devDependencies)
      const bin = path.join(parent, "bin");
      fs.mkdirSync(bin);
      fs.symlinkSync(path.join(PACKAGE_ROOT, "node_modules", ".bin", "lefthook"), path.join(bin, "lefthook"));
      const env = userEnv(path.join(parent, "npm-cache-readme"), bin);

      const block = readmeInstallBlocks()[1]!;
      expect(block).toContain("npm install --save-dev");
      ok(await run("bash", ["-euc", block], mono, env), "the README's install block");
      expect(JSON.parse(fs.readFileSync(path.join(mono, "package.json"), "utf8"))).toEqual({
        devDependencies: { "evio-lint": "file:evio-lint-0.1.0.tgz" },
      });
      expect(fs.readFileSync(path.join(mono, "lefthook.yml"), "utf8")).toContain("run: node_modules/.bin/evio-lint --staged {staged_files}");
      expect(fs.readFileSync(path.join(mono, ".git", "hooks", "pre-commit"), "utf8")).toContain("lefthook");

      const commit = (message: string) => run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-m", message], mono, env);
      const commits = () => git(mono, "rev-list", "--count", "HEAD").trim();

      git(mono, "add", "-A");
      ok(await commit("adopt evio-lint"), "the first, clean commit");
      expect(commits()).toBe("1");

      fs.writeFileSync(path.join(mono, "packages/core/setup.sh"), PIP_SCRIPT);
      git(mono, "add", "packages/core/setup.sh");
      const refused = await commit("install requests");
      expect(refused.code).not.toBe(0);
      const said = refused.stdout + refused.stderr;
      expect(said).toContain("packages/core/setup.sh");
      expect(said).toMatch(/3:1\s+error\s+`pip install` bypasses uv\.lock and the workspace; use `uv add --package core requests`\.\s+no-pip/);
      expect(commits()).toBe("1");

      fs.writeFileSync(path.join(mono, "packages/core/setup.sh"), "#!/bin/sh\nuv sync\nuv add --package core requests\n");
      git(mono, "add", "packages/core/setup.sh");
      ok(await commit("add requests to core"), "the clean commit");
      expect(commits()).toBe("2");
    },
    SLOW,
  );

  it(
    "pre-commit: `npm install -g` of the tarball `npm pack` named, into a fresh prefix; the hooks of .pre-commit-hooks.yaml run from it on staged file names",
    async () => {
      const prefix = path.join(parent, "pre-commit-env");
      // pre-commit's environment for a node hook: its own prefix, its bin first on PATH
      const env = userEnv(path.join(parent, "npm-cache-global"), path.join(prefix, "bin"), { npm_config_prefix: prefix });
      ok(await run("npm", ["install", "-g", tarball], checkout, env), "npm install -g <tarball>");

      const hooks = parseYaml(fs.readFileSync(path.join(PACKAGE_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string; language: string }[];
      const entry = (id: string) => {
        const hook = hooks.find((h) => h.id === id)!;
        expect(hook.language).toBe("node");
        return hook.entry.split(" ");
      };
      const repo = makeRepo({ ...MONOREPO, "packages/core/setup.sh": PIP_SCRIPT });
      const [lint, ...lintArgs] = entry("evio-lint");
      expect(fs.realpathSync(path.join(prefix, "bin", lint!))).toBe(path.join(prefix, "lib", "node_modules", "evio-lint", "bin", "evio-lint.js"));
      const found = await run(lint!, [...lintArgs, "pyproject.toml", "packages/core/setup.sh"], repo, env);
      expect(found.code).toBe(1);
      expect(found.stdout).toMatch(/3:1\s+error\s+`pip install` bypasses uv\.lock and the workspace; use `uv add --package core requests`\.\s+no-pip/);

      const [fix, ...fixArgs] = entry("evio-lint-fix");
      ok(await run(fix!, [...fixArgs, "pyproject.toml", "packages/core/setup.sh"], repo, env), "the evio-lint-fix hook");
      expect(fs.readFileSync(path.join(repo, "packages/core/setup.sh"), "utf8")).toBe("#!/bin/sh\nuv sync\nuv add --package core requests\n");
    },
    SLOW,
  );
});
