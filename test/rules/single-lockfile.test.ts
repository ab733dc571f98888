import type { CaseBase } from "../harness/rule-tester.js";
import { ruleTester } from "../harness/rule-tester.js";

const WS = '[tool.uv.workspace]\nmembers = ["libs/*"]\n';
const CORE = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';
const LOCK = "version = 1\nrevision = 3\n";

function repo(file: string, code: string, files: Record<string, string> = {}): CaseBase {
  return { file, code, files: { "pyproject.toml": WS, "libs/evio-core/pyproject.toml": CORE, "uv.lock": LOCK, ...files, [file]: code } };
}

ruleTester("single-lockfile", {
  valid: [
    repo("pyproject.toml", WS),
    repo("uv.lock", LOCK),
    repo("libs/evio-core/pyproject.toml", CORE),
    { name: "a lockfile in a folder that is no member", ...repo("vendor/tool/uv.lock", LOCK) },
    { name: "poetry.lock at the root is no-requirements-files' business", ...repo("poetry.lock", "[metadata]\n") },
    { name: "a lone project without a workspace", file: "pyproject.toml", code: '[project]\nname = "solo"\n', files: { "pyproject.toml": '[project]\nname = "solo"\n' } },
    { name: "a workspace root that uv does not manage", file: "pyproject.toml", code: `${CORE}${WS}\n[tool.uv]\nmanaged = false\n`, files: { "pyproject.toml": `${CORE}${WS}\n[tool.uv]\nmanaged = false\n` } },
    { name: "a virtual root whose globs match nothing has nothing to lock", file: "pyproject.toml", code: WS, files: { "pyproject.toml": WS } },
  ],
  invalid: [
    { ...repo("libs/evio-core/uv.lock", LOCK), errors: [{ messageId: "lockInMember", data: { file: "libs/evio-core/uv.lock", member: "evio-core" }, line: 1, column: 1, endColumn: 12 }], output: null },
    { ...repo("libs/evio-core/poetry.lock", "[metadata]\n"), errors: [{ messageId: "poetryLockInMember", data: { file: "libs/evio-core/poetry.lock", member: "evio-core" }, line: 1, column: 1 }], output: null },
    {
      ...repo("libs/evio-core/pyproject.toml", CORE, { "libs/evio-core/.venv/pyvenv.cfg": "home = /usr/bin\n" }),
      errors: [{ messageId: "venvInMember", line: 1, column: 1, endColumn: 10, message: "`libs/evio-core/.venv` is a virtual environment inside workspace member `evio-core`; the workspace uses the root .venv (`uv sync` from the root). Delete it." }],
      output: null,
    },
    {
      name: "no root uv.lock",
      file: "pyproject.toml",
      code: WS,
      files: { "pyproject.toml": WS, "libs/evio-core/pyproject.toml": CORE },
      errors: [{ messageId: "noRootLock", line: 1, column: 1, endColumn: 20 }],
      output: null,
    },
  ],
});
