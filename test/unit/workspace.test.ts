import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadWorkspace } from "../../src/facts/python/workspace-load.js";
import type { WorkspaceModel } from "../../src/facts/python/workspace.js";
import type { Range } from "../../src/text/range.js";
import { SourceFile } from "../../src/text/source-file.js";

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes files into a fresh temp folder; a key ending in "/" is an empty directory. */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "evio-ws-"));
  tempDirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (rel.endsWith("/")) {
      fs.mkdirSync(abs, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return root;
}

function at(text: string, range: Range | undefined) {
  if (!range) return undefined;
  const file = new SourceFile("pyproject.toml", text);
  const { line, column } = file.positionAt(range.start);
  return { text: file.slice(range), line, column };
}

const names = (ws: WorkspaceModel) => ws.members.map((member) => member.name).sort();

// The layout of seed 003 (docs/plans/2025-11-15-nix-infrastructure-design.md). The seed gives no
// text for evio/pyproject.toml; this one is the smallest that makes evio a member with a script.
const SEED_003 = {
  "pyproject.toml": `[tool.uv.workspace]
members = [
    "evio",
    "workspace/libs/*",
    "workspace/plugins/*",
    "workspace/apps/*",
]

[tool.uv]
# Require Python 3.11+ across all workspace members
# This is the intersection of all member requirements
requires-python = ">=3.11"
`,
  "flake.nix": "{ }\n",
  "evio/pyproject.toml": `[project]
name = "evio"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = ["numpy>=1.24.0"]

[project.scripts]
play-dat = "evio.scripts.play_dat:main"
`,
  "evio/scripts/play_dat.py": "",
  "evio/src/evio/__init__.py": "",
  "evio/data/": "",
  "workspace/libs/evio-core/pyproject.toml": `[project]
name = "evio-core"
version = "0.1.0"
description = "Core event camera processing library with evlib integration"
requires-python = ">=3.11"
dependencies = [
    "evlib>=0.8.0",
    "polars>=0.20.0",
    "numpy>=1.24.0",
]

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
`,
  "workspace/libs/evio-core/src/evio_core/__init__.py": "",
  "workspace/libs/evio-core/README.md": "",
  "workspace/plugins/fan-bbox/pyproject.toml": `# ❌ é 😀 (non-ASCII before every key)
[project]
name = "fan-bbox"
version = "0.1.0"
description = "Fan bounding box detector plugin"
requires-python = ">=3.11"
dependencies = [
    "evio-core",
]

[tool.uv.sources]
evio-core = { workspace = true }

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
`,
  "workspace/plugins/fan-bbox/src/fan_bbox/__init__.py": "",
  "workspace/apps/detector-ui/pyproject.toml": `[project]
name = "detector-ui"
version = "0.1.0"
description = "Interactive event camera detection workbench"
requires-python = ">=3.11"
dependencies = [
    "evio-core",
    "opencv-python>=4.8.0",
]

[tool.uv.sources]
evio-core = { workspace = true }

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
`,
  "workspace/apps/detector-ui/src/detector_ui/__init__.py": "",
  // uv ignores files matched by a glob and hidden directories without a pyproject.toml
  "workspace/apps/README.md": "",
  "workspace/plugins/.pytest_cache/": "",
};

describe("loadWorkspace on the seed-003 layout", () => {
  const ws = loadWorkspace(tree(SEED_003));
  const member = (name: string) => ws.memberByName(name)!;

  it("finds the four members of a virtual root", () => {
    expect(ws.isWorkspace).toBe(true);
    expect(ws.rootPyproject?.path).toBe("pyproject.toml");
    expect(ws.problems).toEqual([]);
    expect(names(ws)).toEqual(["detector-ui", "evio", "evio-core", "fan-bbox"]);
    expect(ws.memberAtDir(".")).toBeUndefined();
  });

  it.each([
    ["evio", "evio", "evio/pyproject.toml"],
    ["evio-core", "workspace/libs/evio-core", "workspace/libs/evio-core/pyproject.toml"],
    ["fan-bbox", "workspace/plugins/fan-bbox", "workspace/plugins/fan-bbox/pyproject.toml"],
    ["detector-ui", "workspace/apps/detector-ui", "workspace/apps/detector-ui/pyproject.toml"],
  ])("places %s in %s", (name, dir, pyprojectPath) => {
    expect(member(name)).toMatchObject({ dir, pyprojectPath, version: "0.1.0", requiresPython: ">=3.11" });
    expect(ws.memberAtDir(dir)?.name).toBe(name);
  });

  it("records each glob with its range and matches", () => {
    const text = ws.rootPyproject!.text;
    expect(ws.memberGlobs.map((glob) => [glob.pattern, at(text, glob.range)?.line, glob.matches])).toEqual([
      ["evio", 3, ["evio"]],
      ["workspace/libs/*", 4, ["workspace/libs/evio-core"]],
      ["workspace/plugins/*", 5, ["workspace/plugins/fan-bbox"]],
      ["workspace/apps/*", 6, ["workspace/apps/detector-ui"]],
    ]);
    expect(ws.memberGlobs.flatMap((glob) => glob.missingPyproject)).toEqual([]);
  });

  it.each([
    ["evio-core", 0, '"evlib>=0.8.0"', 7, 5, "evlib", ">=0.8.0"],
    ["evio-core", 2, '"numpy>=1.24.0"', 9, 5, "numpy", ">=1.24.0"],
    ["fan-bbox", 0, '"evio-core"', 8, 5, "evio-core", ""],
    ["detector-ui", 1, '"opencv-python>=4.8.0"', 8, 5, "opencv-python", ">=4.8.0"],
  ])("reads %s dependency %i at its array element", (name, index, text, line, column, depName, specifier) => {
    const m = member(name);
    const dependency = m.dependencies[index]!;
    expect(dependency.group).toEqual({ kind: "project" });
    expect(dependency.requirement).toMatchObject({ name: depName, specifier });
    expect(at(m.text, dependency.range)).toEqual({ text, line, column });
  });

  it("reads fan-bbox's workspace source", () => {
    const m = member("fan-bbox");
    expect(m.sources).toHaveLength(1);
    const [source] = m.sources;
    expect(source).toMatchObject({ name: "evio-core", normalizedName: "evio-core", kind: "workspace" });
    expect(source!.file).toBe("workspace/plugins/fan-bbox/pyproject.toml");
    expect(at(m.text, source!.range)).toEqual({ text: "{ workspace = true }", line: 12, column: 13 });
    expect(at(m.text, source!.keyRange)).toEqual({ text: "evio-core", line: 12, column: 1 });
    expect(ws.rootSources).toEqual([]);
  });

  it("ranges name, version and requires-python", () => {
    const m = member("fan-bbox");
    expect(at(m.text, m.nameRange)).toEqual({ text: '"fan-bbox"', line: 3, column: 8 });
    expect(at(m.text, m.versionRange)).toEqual({ text: '"0.1.0"', line: 4, column: 11 });
    expect(at(m.text, m.requiresPythonRange)).toEqual({ text: '">=3.11"', line: 6, column: 19 });
  });

  it.each([
    ["workspace/libs/evio-core/src/evio_core/__init__.py", "evio-core"],
    ["workspace/libs/evio-core", "evio-core"],
    ["./workspace/plugins/fan-bbox/", "fan-bbox"],
    ["evio/scripts/play_dat.py", "evio"],
    ["evio/data/fan/fan_const_rpm.dat", "evio"],
    ["evio", "evio"],
    ["workspace/libs", undefined],
    ["workspace/libs/evio-core-extra/x.py", undefined],
    ["flake.nix", undefined],
    [".", undefined],
    ["../elsewhere/evio/x.py", undefined],
  ])("memberOwning(%j) is %s", (file, owner) => {
    expect(ws.memberOwning(file)?.name).toBe(owner);
  });

  it.each(["evio_core", "Evio.Core", "evio-core", "EVIO--CORE"])("memberByName(%j) finds evio-core", (name) => {
    expect(ws.memberByName(name)?.name).toBe("evio-core");
  });

  it("finds console scripts and near names", () => {
    expect(ws.scriptOwner("play-dat").map((m) => m.name)).toEqual(["evio"]);
    expect(ws.scriptOwner("python")).toEqual([]);
    expect(ws.closestMemberName("evio-cor")).toBe("evio-core");
    expect(ws.closestMemberName("fan_box")).toBe("fan-bbox");
    expect(ws.closestMemberName("detector_ui")).toBe("detector-ui");
    expect(ws.closestMemberName("numpy")).toBeUndefined();
  });
});

const project = (name: string, extra = "") => `[project]\nname = "${name}"\nversion = "0.1.0"\n${extra}`;
const workspaceRoot = (members: string[], rest = "") =>
  `[tool.uv.workspace]\nmembers = ${JSON.stringify(members)}\n${rest}`;

describe("loadWorkspace member globs", () => {
  it.each<[string, Record<string, string>, string[], Partial<{ missing: string[]; without: string[] }>]>([
    [
      "a directory without pyproject.toml",
      { "pyproject.toml": workspaceRoot(["libs/*"]), "libs/a/pyproject.toml": project("a"), "libs/stub/src/": "" },
      ["a"],
      { missing: ["libs/stub"] },
    ],
    [
      "a hidden directory with a pyproject.toml",
      { "pyproject.toml": workspaceRoot(["libs/*"]), "libs/.secret/pyproject.toml": project("secret"), "libs/.cache/": "" },
      ["secret"],
      { missing: [] },
    ],
    [
      "exclude globs",
      {
        "pyproject.toml": workspaceRoot(["packages/*"], 'exclude = ["packages/seeds", "packages/old-*"]\n'),
        "packages/a/pyproject.toml": project("a"),
        "packages/seeds/pyproject.toml": project("seeds"),
        "packages/old-b/": "",
      },
      ["a"],
      { missing: [] },
    ],
    [
      "a `*` in exclude that crosses `/` as uv's does",
      {
        "pyproject.toml": workspaceRoot(["packages/*", "packages/nested/*"], 'exclude = ["packages/n*"]\n'),
        "packages/a/pyproject.toml": project("a"),
        "packages/nested/b/pyproject.toml": project("b"),
      },
      ["a"],
      {},
    ],
    [
      "leading ./ and trailing /",
      { "pyproject.toml": workspaceRoot(["./libs/*/", "./tools"]), "libs/a/pyproject.toml": project("a"), "tools/pyproject.toml": project("tools") },
      ["a", "tools"],
      {},
    ],
    [
      "`**` and character classes",
      {
        "pyproject.toml": workspaceRoot(["deep/**/pkg-[ab]"]),
        "deep/x/y/pkg-a/pyproject.toml": project("pkg-a"),
        "deep/pkg-b/pyproject.toml": project("pkg-b"),
        "deep/pkg-c/pyproject.toml": project("pkg-c"),
        "deep/node_modules/pkg-a/pyproject.toml": project("npm-a"),
      },
      ["pkg-a", "pkg-b"],
      {},
    ],
    [
      "braces, which uv takes literally",
      { "pyproject.toml": workspaceRoot(["{a,b}"]), "a/pyproject.toml": project("a"), "{a,b}/pyproject.toml": project("braces") },
      ["braces"],
      {},
    ],
    [
      "node_modules, .venv and .git",
      {
        "pyproject.toml": workspaceRoot(["*"]),
        "node_modules/pyproject.toml": project("npm"),
        ".venv/pyproject.toml": project("venv"),
        "real/pyproject.toml": project("real"),
      },
      ["real"],
      {},
    ],
    [
      "a pyproject.toml without [project]",
      { "pyproject.toml": workspaceRoot(["libs/*"]), "libs/tooling/pyproject.toml": "[tool.ruff]\nline-length = 100\n" },
      [],
      { without: ["libs/tooling"] },
    ],
    [
      "a member marked managed = false",
      { "pyproject.toml": workspaceRoot(["libs/*"]), "libs/a/pyproject.toml": project("a", "[tool.uv]\nmanaged = false\n") },
      [],
      { without: [] },
    ],
    [
      "a root that is itself a project",
      { "pyproject.toml": project("albatross") + workspaceRoot(["packages/*", "."]), "packages/bird-feeder/pyproject.toml": project("bird-feeder") },
      ["albatross", "bird-feeder"],
      {},
    ],
  ])("handles %s", (_name, files, expected, { missing, without }) => {
    const ws = loadWorkspace(tree(files));
    expect(names(ws)).toEqual(expected);
    if (missing) expect(ws.memberGlobs.flatMap((glob) => glob.missingPyproject)).toEqual(missing);
    if (without) expect(ws.memberGlobs.flatMap((glob) => glob.withoutProject)).toEqual(without);
  });

  it("reports a glob that matches nothing", () => {
    const ws = loadWorkspace(tree({ "pyproject.toml": workspaceRoot(["libs/*", "gone"]), "libs/": "" }));
    expect(ws.memberGlobs.map((glob) => glob.matches)).toEqual([[], []]);
    expect(ws.members).toEqual([]);
  });

  it("treats a root project without [tool.uv.workspace] as its only member", () => {
    const ws = loadWorkspace(tree({ "pyproject.toml": project("solo"), "sub/pyproject.toml": project("sub") }));
    expect(ws.isWorkspace).toBe(false);
    expect(names(ws)).toEqual(["solo"]);
    expect(ws.memberOwning("sub/x.py")?.dir).toBe(".");
  });

  it("has no members and no root without a root pyproject.toml", () => {
    const ws = loadWorkspace(tree({ "libs/a/pyproject.toml": project("a") }));
    expect(ws.rootPyproject).toBeUndefined();
    expect(ws.isWorkspace).toBe(false);
    expect(ws.members).toEqual([]);
  });

  it("gives the deepest member when members nest", () => {
    const ws = loadWorkspace(
      tree({ "pyproject.toml": project("root") + workspaceRoot(["app", "app/plugins/*"]), "app/pyproject.toml": project("app"), "app/plugins/p/pyproject.toml": project("p") }),
    );
    expect(ws.memberOwning("app/plugins/p/src/x.py")?.name).toBe("p");
    expect(ws.memberOwning("app/plugins/x.py")?.name).toBe("app");
    expect(ws.memberOwning("docs/readme.md")?.name).toBe("root");
  });

  it("keeps both members that share a normalized name", () => {
    const ws = loadWorkspace(
      tree({ "pyproject.toml": workspaceRoot(["a", "b"]), "a/pyproject.toml": project("Evio_Core"), "b/pyproject.toml": project("evio.core") }),
    );
    expect(ws.members.map((m) => m.normalizedName)).toEqual(["evio-core", "evio-core"]);
    expect(ws.memberByName("evio-core")?.dir).toBe("a");
  });

  it("puts a member that does not parse in problems and loads the rest", () => {
    const ws = loadWorkspace(
      tree({ "pyproject.toml": workspaceRoot(["libs/*"]), "libs/a/pyproject.toml": project("a"), "libs/bad/pyproject.toml": "# ❌ é 😀\n[project\nname = 1\n" }),
    );
    expect(names(ws)).toEqual(["a"]);
    expect(ws.problems).toHaveLength(1);
    expect(ws.problems[0]!.file).toBe("libs/bad/pyproject.toml");
    const text = "# ❌ é 😀\n[project\nname = 1\n";
    expect(new SourceFile("x", text).positionAt(ws.problems[0]!.problem.range.start)).toMatchObject({ line: 2, column: 9 });
  });

  it("loads a 1,000-member workspace", () => {
    const files: Record<string, string> = { "pyproject.toml": workspaceRoot(["packages/*"]) };
    for (let i = 0; i < 1000; i++) {
      const name = `pkg-${String(i).padStart(4, "0")}`;
      files[`packages/${name}/pyproject.toml`] = project(name, `dependencies = ["pkg-0000", "numpy>=1"]\n`);
    }
    const ws = loadWorkspace(tree(files));
    expect(ws.members).toHaveLength(1000);
  });
});

describe("loadWorkspace pyproject facts", () => {
  const ROOT = `\ufeff# ❌ é 😀
[project]
name = "albatross"
version = "1.0.0"
dependencies = ["bird-feeder", "not a requirement !!"]

[project.optional-dependencies]
plot = ["matplotlib>=3"]

[dependency-groups]
dev = ["pytest>=8", { include-group = "lint" }]
lint = ["ruff"]

[project.scripts]
albatross = "albatross:main"
serve = "albatross.web:serve"

[tool.uv]
dev-dependencies = ["mypy"]

[tool.uv.sources]
bird-feeder = { workspace = true }
seeds = { path = "libs/seeds", editable = true }
torch = [
  { index = "pytorch-cpu", marker = "sys_platform == 'linux'" },
  { url = "https://x/torch.whl", marker = "sys_platform == 'darwin'" },
]
httpx = { git = "https://github.com/encode/httpx", tag = "0.27.0" }
weird = { something = 1 }
dated = 1979-05-27

[tool.uv.sources.evio]
workspace = true

[tool.uv.workspace]
members = ["packages/*"]
`;
  const ws = loadWorkspace(tree({ "pyproject.toml": ROOT, "packages/bird-feeder/pyproject.toml": project("bird-feeder", '[project.scripts]\nserve = "bf:serve"\n') }));
  const root = ws.memberAtDir(".")!;

  it("reads every dependency group and skips what is not PEP 508", () => {
    expect(root.dependencies.map((d) => [d.group.kind, d.group.name, d.requirement.name])).toEqual([
      ["project", undefined, "bird-feeder"],
      ["optional", "plot", "matplotlib"],
      ["group", "dev", "pytest"],
      ["group", "lint", "ruff"],
      ["group", "dev", "mypy"],
    ]);
  });

  it("measures offsets without the BOM", () => {
    expect(root.text.startsWith("# ❌")).toBe(true);
    expect(at(root.text, root.dependencies[0]!.range)).toEqual({ text: '"bird-feeder"', line: 5, column: 17 });
  });

  it("reads each kind of source", () => {
    expect(root.sources.map((s) => [s.name, s.kind, s.path, s.editable])).toEqual([
      ["bird-feeder", "workspace", undefined, undefined],
      ["seeds", "path", "libs/seeds", true],
      ["torch", "index", undefined, undefined],
      ["torch", "url", undefined, undefined],
      ["httpx", "git", undefined, undefined],
      ["weird", "other", undefined, undefined],
      ["dated", "other", undefined, undefined],
      ["evio", "workspace", undefined, undefined],
    ]);
    expect(ws.rootSources).toEqual(root.sources);
    const [, , , url, , , , evio] = root.sources;
    expect(at(root.text, url!.range)?.text).toBe('{ url = "https://x/torch.whl", marker = "sys_platform == \'darwin\'" }');
    expect(at(root.text, evio!.range)?.text).toBe("[tool.uv.sources.evio]\nworkspace = true");
    expect(at(root.text, evio!.keyRange)?.text).toBe("evio");
  });

  it("lists every owner of a console script", () => {
    expect(ws.scriptOwner("serve").map((m) => m.name)).toEqual(["albatross", "bird-feeder"]);
    expect(Object.keys(root.scripts)).toEqual(["albatross", "serve"]);
  });
});
