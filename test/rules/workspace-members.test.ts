import type { CaseBase } from "../harness/rule-tester.js";
import { ruleTester } from "../harness/rule-tester.js";

const CORE = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';
const TREE = { "libs/evio-core/pyproject.toml": CORE, "apps/ui/pyproject.toml": '[project]\nname = "ui"\nversion = "0.1.0"\n' };

/** The linted file is also on disk, in a repo with these files. */
function repo(file: string, code: string, files: Record<string, string> = {}): CaseBase {
  return { file, code, files: { ...TREE, ...files, [file]: code } };
}
const root = (code: string, files: Record<string, string> = {}) => repo("pyproject.toml", code, files);
const WS = '[tool.uv.workspace]\nmembers = ["libs/*", "apps/*"]\n';

ruleTester("workspace-members", {
  valid: [
    root(WS),
    { name: "a lone project with nothing below it", file: "pyproject.toml", code: '[project]\nname = "solo"\n', files: { "pyproject.toml": '[project]\nname = "solo"\n' } },
    { name: "an excluded project", ...repo("tools/x/pyproject.toml", '[project]\nname = "x"\n', { "pyproject.toml": `${WS}exclude = ["tools/*"]\n` }) },
    { name: "under an excluded folder", ...repo("vendor/a/b/pyproject.toml", '[project]\nname = "b"\n', { "pyproject.toml": `${WS}exclude = ["vendor"]\n` }) },
    { name: "a hidden folder without pyproject.toml is skipped, as uv does", ...root(WS, { "libs/.cache/x.txt": "" }) },
    { name: "a member", ...repo("libs/evio-core/pyproject.toml", CORE, { "pyproject.toml": WS }) },
    { name: "docs are not checked", file: "docs/a.md", code: '```toml\n[tool.uv.workspace]\nmembers = ["nothing/*"]\n```\n' },
  ],
  invalid: [
    {
      ...root('[tool.uv.workspace]\nmembers = [\n    "libs/*",\n    "plugins/*",\n]\n'),
      errors: [{ messageId: "globMatchesNothing", line: 4, column: 5, endColumn: 16, message: "`plugins/*` matches no folder; fix the glob or remove it from `members`." }],
      output: null,
    },
    { ...root(WS, { "libs/notes/README.md": "x" }), errors: [{ messageId: "noPyproject", line: 2, column: 12, message: /matches `libs\/notes`, with no pyproject.toml/ }], output: null },
    { ...root(WS, { "libs/tool/pyproject.toml": "[tool.ruff]\nline-length = 100\n" }), errors: [{ messageId: "noProject", line: 2, column: 12, message: "`libs/*` matches `libs/tool`, whose pyproject.toml has no `[project]` name; uv refuses such a member. Add `[project]` with a name, or list the folder in `exclude`." }], output: null },
    {
      name: "no workspace, projects below the root",
      ...root('[project]\nname = "evio-evlib"\n'),
      errors: [{ messageId: "noWorkspace", line: 1, column: 1, endColumn: 10, message: "`apps/ui/pyproject.toml` and 1 more pyproject.toml file below the root belong to no workspace: the root pyproject.toml has no `[tool.uv.workspace]`. Add `[tool.uv.workspace] members = [...]` listing their folders." }],
      output: null,
    },
    { name: "a project nobody listed", ...repo("tools/x/pyproject.toml", '[project]\nname = "x"\n', { "pyproject.toml": WS }), errors: [
        {
          messageId: "notMember",
          line: 2,
          column: 8,
          message:
            "`tools/x/pyproject.toml` is neither a workspace member nor excluded; uv treats it as a project of its own, outside the workspace and its uv.lock. Add its folder to `[tool.uv.workspace] members` in the root pyproject.toml, or to `exclude`.",
        },
      ], output: null },
    { name: "a pyproject without [project] nobody listed", ...repo("tools/x/pyproject.toml", "[tool.ruff]\nline-length = 100\n", { "pyproject.toml": WS }), errors: [
        {
          messageId: "notMember",
          line: 1,
          column: 1,
          // Not "add it to members": a member without a `[project]` name is what noProject reports.
          message:
            "`tools/x/pyproject.toml` is neither a workspace member nor excluded; it has no `[project]` name, so it cannot be a member. Add its folder to `[tool.uv.workspace] exclude` in the root pyproject.toml, or give it a `[project]` with a name and add its folder to `members`.",
        },
      ], output: null },
    {
      name: "two members, one normalized name",
      ...repo("apps/ui/pyproject.toml", '[project]\nname = "Evio_Core"\n', { "pyproject.toml": WS }),
      errors: [{ messageId: "duplicateName", line: 2, column: 8, message: "`Evio_Core` is also the name of the member in `libs/evio-core/pyproject.toml` (names compare as `evio-core`); uv requires unique member names. Rename one of them." }],
      output: null,
    },
    { name: "a nested workspace", ...repo("libs/evio-core/pyproject.toml", `${CORE}\n[tool.uv.workspace]\nmembers = ["plugins/*"]\n`, { "pyproject.toml": WS }), errors: [{ messageId: "nestedWorkspace", line: 5, column: 1, endColumn: 20 }], output: null },
  ],
});
