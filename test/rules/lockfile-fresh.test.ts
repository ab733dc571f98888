import type { CaseBase } from "../harness/rule-tester.js";
import { ruleTester } from "../harness/rule-tester.js";
import { uvLockFor } from "../harness/uv-lock.js";

const ROOT = '[tool.uv.workspace]\nmembers = ["libs/*", "apps/*"]\n';
const CORE = '[project]\nname = "evio-core"\nversion = "0.1.0"\ndependencies = ["numpy>=1.24, <3"]\n\n[project.optional-dependencies]\ngui = ["PyQt6>=6.5"]\n\n[dependency-groups]\ntest = ["pytest>=8"]\ndev = [{ include-group = "test" }, "ruff"]\n';
const UI = '[project]\nname = "ui"\nversion = "0.1.0"\ndependencies = ["evio-core", "httpx>=0.27"]\n\n[tool.uv.sources]\nevio-core = { workspace = true }\n';
const LOCK = `version = 1
revision = 3
requires-python = ">=3.11"

[manifest]
members = [
    "evio-core",
    "ui",
]

[[package]]
name = "evio-core"
version = "0.1.0"
source = { editable = "libs/evio-core" }

[package.metadata]
requires-dist = [
    { name = "numpy", specifier = "<3,>=1.24" },
    { name = "pyqt6", marker = "extra == 'gui'", specifier = ">=6.5" },
]
provides-extras = ["gui"]

[package.metadata.requires-dev]
dev = [
    { name = "pytest", specifier = ">=8" },
    { name = "ruff" },
]
test = [{ name = "pytest", specifier = ">=8" }]

[[package]]
name = "ui"
version = "0.1.0"
source = { virtual = "apps/ui" }

[package.metadata]
requires-dist = [
    { name = "evio-core", editable = "libs/evio-core" },
    { name = "httpx", specifier = ">=0.27" },
]
`;
const TREE = { "pyproject.toml": ROOT, "libs/evio-core/pyproject.toml": CORE, "apps/ui/pyproject.toml": UI, "uv.lock": LOCK };

/** The linted file is also on disk, in the workspace above (overrides in `files`). */
function repo(file: string, code: string, files: Record<string, string> = {}): CaseBase {
  return { file, code, files: { ...TREE, ...files, [file]: code } };
}
const core = (code: string) => repo("libs/evio-core/pyproject.toml", code);

ruleTester("lockfile-fresh", {
  valid: [
    core(CORE),
    repo("apps/ui/pyproject.toml", UI),
    repo("uv.lock", LOCK),
    { name: "the harness's uvLockFor writes a fresh lock", ...repo("libs/evio-core/pyproject.toml", CORE, { "uv.lock": uvLockFor(TREE) }) },
    { name: "the harness's uvLockFor writes a fresh lock (uv.lock side)", ...repo("uv.lock", uvLockFor(TREE)) },
    { name: "specifiers compare without spaces or order", ...core(CORE.replace('"numpy>=1.24, <3"', '"numpy<3,>=1.24"')) },
    { name: "an empty uv.lock is no lock", ...repo("libs/evio-core/pyproject.toml", CORE.replace("numpy", "scipy"), { "uv.lock": "" }) },
    {
      name: "no uv.lock: single-lockfile's business",
      file: "libs/evio-core/pyproject.toml",
      code: CORE.replace("numpy", "scipy"),
      files: { "pyproject.toml": ROOT, "libs/evio-core/pyproject.toml": CORE.replace("numpy", "scipy") },
    },
    { name: "a project that is no member", ...repo("tools/x/pyproject.toml", '[project]\nname = "x"\ndependencies = ["django"]\n') },
    { name: "docs are not checked", file: "docs/a.md", code: '```toml\n[project]\nname = "evio-core"\ndependencies = ["scipy"]\n```\n', files: TREE },
  ],
  invalid: [
    {
      name: "a new dependency",
      ...core(CORE.replace('"numpy>=1.24, <3"', '"numpy>=1.24, <3", "scipy>=1.11"')),
      errors: [{ messageId: "dependencyNotLocked", line: 4, column: 36, endColumn: 49, message: "`scipy>=1.11` (dependencies) is not in uv.lock as declared; run `uv lock` and commit uv.lock." }],
      output: null,
    },
    {
      name: "a changed specifier",
      ...core(CORE.replace('"numpy>=1.24, <3"', '"numpy>=2"')),
      errors: [{ line: 4, column: 17, message: "`numpy>=2` (dependencies) is not in uv.lock as declared (uv.lock has `numpy<3,>=1.24`); run `uv lock` and commit uv.lock." }],
      output: null,
    },
    { name: "an extra", ...core(CORE.replace('gui = ["PyQt6>=6.5"]', 'gui = ["PyQt6>=6.5", "pyqtgraph"]')), errors: [{ line: 7, column: 22, message: /^`pyqtgraph` \(extra `gui`\)/ }], output: null },
    { name: "a group", ...core(CORE.replace('"ruff"]', '"ruff>=0.5"]')), errors: [{ line: 11, column: 36, message: /^`ruff>=0\.5` \(group `dev`\) is not in uv\.lock as declared \(uv\.lock has `ruff`\)/ }], output: null },
    { name: "a source that changed", ...repo("apps/ui/pyproject.toml", `${UI}httpx = { git = "https://github.com/encode/httpx" }\n`), errors: [{ line: 4, column: 30, message: "`httpx>=0.27` (dependencies) is not in uv.lock as declared (uv.lock has `httpx>=0.27` from a package index, not the declared source); run `uv lock` and commit uv.lock." }], output: null },
    {
      name: "a source that went back to the index",
      ...repo("apps/ui/pyproject.toml", UI, { "uv.lock": LOCK.replace('{ name = "httpx", specifier = ">=0.27" }', '{ name = "httpx", git = "https://github.com/encode/httpx" }') }),
      errors: [{ line: 4, column: 30, message: "`httpx>=0.27` (dependencies) is not in uv.lock as declared (uv.lock has `httpx` from a git, path or URL source); run `uv lock` and commit uv.lock." }],
      output: null,
    },
    {
      name: "a member uv.lock does not know",
      ...repo("apps/new/pyproject.toml", '[project]\nname = "new-app"\nversion = "0.1.0"\n'),
      errors: [{ messageId: "memberNotLocked", line: 2, column: 8, message: "Workspace member `new-app` is not in uv.lock; run `uv lock` and commit uv.lock." }],
      output: null,
    },
    {
      name: "uv.lock: a member that left",
      ...repo("uv.lock", LOCK, { "apps/ui/pyproject.toml": "" }),
      errors: [{ messageId: "staleMember", line: 8, column: 5, message: "uv.lock still locks `ui`, which is no longer a workspace member; run `uv lock` and commit uv.lock." }],
      output: null,
    },
    {
      name: "uv.lock: dependencies the member dropped",
      ...repo("uv.lock", LOCK, { "libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\ndependencies = ["numpy"]\n' }),
      errors: [
        { messageId: "staleDependency", line: 19, column: 5, message: "uv.lock locks `pyqt6>=6.5` for `evio-core` (extra `gui`), which its pyproject.toml no longer declares; run `uv lock` and commit uv.lock." },
        { line: 25, column: 5, message: "uv.lock locks `pytest>=8` for `evio-core` (group `dev`), which its pyproject.toml no longer declares; run `uv lock` and commit uv.lock." },
        { line: 26, column: 5, message: "uv.lock locks `ruff` for `evio-core` (group `dev`), which its pyproject.toml no longer declares; run `uv lock` and commit uv.lock." },
        { line: 28, column: 9, message: /\(group `test`\)/ },
      ],
      output: null,
    },
  ],
});
