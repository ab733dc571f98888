import type { CaseBase } from "../harness/rule-tester.js";
import { ruleTester } from "../harness/rule-tester.js";

const ROOT = '[tool.uv.workspace]\nmembers = ["libs/*", "apps/*"]\n\n[tool.uv.sources]\nevio-core = { workspace = true }\n';
const CORE = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';
const APP = "apps/ui/pyproject.toml";

/** The linted pyproject is also on disk, beside the workspace it belongs to. */
function inWorkspace(code: string, files: Record<string, string> = {}): CaseBase {
  return { file: APP, code, files: { "pyproject.toml": ROOT, "libs/evio-core/pyproject.toml": CORE, ...files, [APP]: code } };
}

const app = (rest: string) => `[project]\nname = "ui"\nversion = "0.1.0"\n${rest}`;

ruleTester("workspace-version", {
  valid: [
    inWorkspace(app('dependencies = ["evio-core>=0.1", "evio-core~=0.1.0", "evio-core==0.1.*", "evio-core"]\n')),
    inWorkspace(app('dependencies = ["requests>=99"]\n')),
    { name: "a git source takes it from elsewhere", ...inWorkspace(app('dependencies = ["evio-core>=0.4"]\n\n[tool.uv.sources]\nevio-core = { git = "https://example.com/evio-core.git", tag = "v0.4.0" }\n')) },
    { name: "a member with a dynamic version", ...inWorkspace(app('dependencies = ["evio-core>=9"]\n'), { "libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\ndynamic = ["version"]\n' }) },
    { name: "a pre-release member version", ...inWorkspace(app('dependencies = ["evio-core>=0.1"]\n'), { "libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.2.0rc1"\n' }) },
    { name: "a doc that shows no workspace", file: "docs/a.md", code: '```toml\n[project]\nname = "ui"\ndependencies = ["core>=2"]\n```\n\n```toml\n[project]\nname = "core"\nversion = "1.0"\n```\n' },
  ],
  invalid: [
    {
      ...inWorkspace(app('dependencies = [\n    "evio-core>=0.4.0",\n]\n')),
      errors: [{ messageId: "unsatisfied", line: 5, column: 5, endColumn: 23, message: "`evio-core>=0.4.0` asks for a version workspace member `evio-core` does not have (it is 0.1.0); uv cannot resolve the workspace. Change the specifier to match 0.1.0, or bump `evio-core`'s version." }],
      output: null,
    },
    {
      name: "in a group, any spelling",
      ...inWorkspace(app('\n[dependency-groups]\ndev = ["Evio_Core<0.1; python_version >= \'3.11\'"]\n')),
      errors: [{ line: 6, column: 8, message: "`Evio_Core<0.1` asks for a version workspace member `evio-core` does not have (it is 0.1.0); uv cannot resolve the workspace. Change the specifier to match 0.1.0, or bump `evio-core`'s version." }],
      output: null,
    },
    {
      name: "a doc that shows the workspace",
      file: "docs/workspace.md",
      code: '```toml\n[tool.uv.workspace]\nmembers = ["evio"]\n```\n\n```toml\n[project]\nname = "evio"\nversion = "0.1.0"\n```\n\n```toml\n[project]\nname = "app"\ndependencies = ["evio>=0.4.0"]\n```\n',
      errors: [{ line: 15, column: 17, message: "`evio>=0.4.0` asks for a version workspace member `evio` does not have (it is 0.1.0); uv cannot resolve the workspace. Change the specifier to match 0.1.0, or bump `evio`'s version." }],
      output: null,
    },
  ],
});
