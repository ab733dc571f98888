import type { CaseBase, InvalidCase } from "../harness/rule-tester.js";
import { ruleTester } from "../harness/rule-tester.js";

const ROOT = '[tool.uv.workspace]\nmembers = ["libs/*", "apps/*"]\n';
const CORE = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';
const APP = "apps/ui/pyproject.toml";

/** The linted pyproject is also on disk, beside the workspace it belongs to. */
function inWorkspace(code: string, options: { file?: string; root?: string; files?: Record<string, string> } = {}): CaseBase {
  const file = options.file ?? APP;
  return {
    file,
    code,
    files: { "pyproject.toml": options.root ?? ROOT, "libs/evio-core/pyproject.toml": CORE, "vendor/blob/pyproject.toml": '[project]\nname = "blob"\n', ...options.files, [file]: code },
  };
}

const app = (rest: string) => `[project]\nname = "ui"\nversion = "0.1.0"\n${rest}`;
const invalid = (c: CaseBase, rest: Omit<InvalidCase, keyof CaseBase>): InvalidCase => ({ ...c, ...rest });
/** The message for a dependency `requirement` on member `member` that has no workspace source (`key` as the entry to add writes it). */
const missing = (requirement: string, member = "evio-core", key = member) =>
  `\`${requirement}\` names workspace member \`${member}\`, but no \`[tool.uv.sources]\` entry says so; uv would fetch \`${member}\` from the package index. Add \`${key} = { workspace = true }\` to \`[tool.uv.sources]\`.`;
const PATH_TO_CORE = "The `path` source of `evio-core` points at workspace member `evio-core` (libs/evio-core); declare it as `evio-core = { workspace = true }` so uv locks the member itself.";

ruleTester("workspace-sources", {
  valid: [
    inWorkspace(app('dependencies = ["evio-core"]\n\n[tool.uv.sources]\nevio-core = { workspace = true }\n')),
    { name: "the root's source applies to every member (uv's rule)", ...inWorkspace(app('dependencies = ["evio-core"]\n'), { root: `${ROOT}\n[tool.uv.sources]\nevio-core = { workspace = true }\n` }) },
    inWorkspace(app('dependencies = ["requests>=2", "blob"]\n')),
    { name: "a path to a folder that is no member", ...inWorkspace(app('dependencies = ["blob"]\n\n[tool.uv.sources]\nblob = { path = "../../vendor/blob" }\n')) },
    { name: "a git source is a choice", ...inWorkspace(app('dependencies = ["evio-core"]\n\n[tool.uv.sources]\nevio-core = { git = "https://example.com/evio-core.git" }\n')) },
    inWorkspace(app('dependencies = ["evio-core @ https://example.com/evio_core-0.1.0-py3-none-any.whl"]\n')),
    { name: "an extra of its own project", ...inWorkspace('[project]\nname = "evio-core"\nversion = "0.1.0"\n\n[project.optional-dependencies]\nall = ["evio-core[gui]"]\n', { file: "libs/evio-core/pyproject.toml" }) },
    { name: "a project that is no member", ...inWorkspace('[project]\nname = "blob"\ndependencies = ["evio-core"]\n', { file: "vendor/blob/pyproject.toml" }) },
    { name: "a doc that shows no workspace", file: "docs/a.md", code: '```toml\n[project]\nname = "ui"\ndependencies = ["evio-core"]\n```\n' },
  ],
  invalid: [
    invalid(inWorkspace(app('dependencies = ["evio-core>=0.1"]\n\n[tool.uv.sources]\nblob = { path = "../../vendor/blob" }  # vendored\n# keep this comment\n\n[build-system]\nrequires = ["hatchling"]\n')), {
      errors: [{ messageId: "missing", line: 4, column: 17, endColumn: 33, message: missing("evio-core>=0.1") }],
      output: app('dependencies = ["evio-core>=0.1"]\n\n[tool.uv.sources]\nblob = { path = "../../vendor/blob" }  # vendored\nevio-core = { workspace = true }\n# keep this comment\n\n[build-system]\nrequires = ["hatchling"]\n'),
    }),
    invalid(inWorkspace(app('dependencies = ["evio-core"]\n')), {
      errors: [{ line: 4, column: 17, message: missing("evio-core") }],
      output: app('dependencies = ["evio-core"]\n\n[tool.uv.sources]\nevio-core = { workspace = true }\n'),
    }),
    { name: "no trailing newline stays none", ...invalid(inWorkspace(app('dependencies = ["evio-core"]')), {
      errors: [{ line: 4, column: 17, message: missing("evio-core") }],
      output: app('dependencies = ["evio-core"]\n\n[tool.uv.sources]\nevio-core = { workspace = true }'),
    }) },
    { name: "a table ending the file without a newline", ...invalid(inWorkspace(app('dependencies = ["evio-core", "blob"]\n\n[tool.uv.sources]\nblob = { path = "../../vendor/blob" }')), {
      errors: [{ line: 4, column: 17, message: missing("evio-core") }],
      output: app('dependencies = ["evio-core", "blob"]\n\n[tool.uv.sources]\nblob = { path = "../../vendor/blob" }\nevio-core = { workspace = true }'),
    }) },
    { name: "an inline sources table", ...invalid(inWorkspace(app('dependencies = ["evio-core"]\n\n[tool.uv]\nsources = { blob = { path = "../../vendor/blob" } }\n')), {
      errors: [{ line: 4, column: 17, message: missing("evio-core") }],
      output: app('dependencies = ["evio-core"]\n\n[tool.uv]\nsources = { blob = { path = "../../vendor/blob" }, evio-core = { workspace = true } }\n'),
    }) },
    { name: "CRLF file", ...invalid(inWorkspace(app('dependencies = ["evio-core"]\n').replace(/\n/g, "\r\n")), {
      errors: [{ line: 4, column: 17, message: missing("evio-core") }],
      output: app('dependencies = ["evio-core"]\n\n[tool.uv.sources]\nevio-core = { workspace = true }\n').replace(/\n/g, "\r\n"),
    }) },
    { name: "PEP 503 spellings in extras and groups: one source covers both; the message quotes a key that is not bare", ...invalid(inWorkspace(app('\n[project.optional-dependencies]\ngui = ["Evio.Core[qt]"]\n\n[dependency-groups]\ndev = ["evio_core"]\n')), {
      errors: [{ line: 6, column: 8, message: missing("Evio.Core[qt]", "evio-core", '"Evio.Core"') }, { line: 9, column: 8, message: missing("evio_core", "evio-core", "evio_core") }],
      output: app('\n[project.optional-dependencies]\ngui = ["Evio.Core[qt]"]\n\n[dependency-groups]\ndev = ["evio_core"]\n\n[tool.uv.sources]\n"Evio.Core" = { workspace = true }\n'),
    }) },
    { name: "sources only as sub-tables: reported, not fixed", ...invalid(inWorkspace(app('dependencies = ["evio-core", "blob"]\n\n[tool.uv.sources.blob]\npath = "../../vendor/blob"\n')), {
      errors: [{ line: 4, column: 17, message: missing("evio-core") }],
      output: null,
    }) },
    { name: "a path source pointing at a member", ...invalid(inWorkspace(app('dependencies = ["evio-core"]\n\n[tool.uv.sources]\nevio-core = { path = "../../libs/evio-core", editable = true }\n')), {
      errors: [{ messageId: "pathToMember", line: 7, column: 22, endColumn: 44, message: PATH_TO_CORE }],
      output: app('dependencies = ["evio-core"]\n\n[tool.uv.sources]\nevio-core = { workspace = true, editable = true }\n'),
    }) },
    { name: "a path sub-table pointing at a member", ...invalid(inWorkspace(app('dependencies = ["evio-core"]\n\n[tool.uv.sources.evio-core]\npath = "../../libs/evio-core/"\n')), {
      errors: [{ messageId: "pathToMember", line: 7, column: 8, message: PATH_TO_CORE }],
      output: app('dependencies = ["evio-core"]\n\n[tool.uv.sources.evio-core]\nworkspace = true\n'),
    }) },
    { name: "a path source with `package`: no fix", ...invalid(inWorkspace(app('dependencies = ["evio-core"]\n\n[tool.uv.sources]\nevio-core = { path = "../../libs/evio-core", package = false }\n')), {
      errors: [{ messageId: "pathToMember", line: 7, column: 22, message: PATH_TO_CORE }],
      output: null,
    }) },
    { name: "a workspace source for no member", ...invalid(inWorkspace(app('dependencies = ["evio-kore"]\n\n[tool.uv.sources]\nevio-kore = { workspace = true }\n')), {
      errors: [{ messageId: "notMember", line: 7, column: 1, message: "`evio-kore = { workspace = true }` names no workspace member; uv fails with \"not a workspace member\". Fix the name or add the member to `[tool.uv.workspace] members`." }],
      output: null,
    }) },
    {
      name: "a doc that shows the workspace: a suggestion",
      file: "docs/workspace.md",
      code: '# Layout\n\n```toml\n[tool.uv.workspace]\nmembers = ["libs/*"]\n```\n\n```toml\n[project]\nname = "core"\n```\n\n```toml\n[project]\nname = "app"\ndependencies = ["core"]\n```\n',
      errors: [{ line: 16, column: 17, message: missing("core", "core"), suggestions: [{ description: "Add `core = { workspace = true }` to [tool.uv.sources]", output: '# Layout\n\n```toml\n[tool.uv.workspace]\nmembers = ["libs/*"]\n```\n\n```toml\n[project]\nname = "core"\n```\n\n```toml\n[project]\nname = "app"\ndependencies = ["core"]\n\n[tool.uv.sources]\ncore = { workspace = true }\n```\n' }] }],
      output: null,
    },
    {
      name: "a doc block with a sources table: the suggestion adds to it",
      file: "docs/workspace.md",
      code: '```toml\n[tool.uv.workspace]\nmembers = ["libs/*"]\n```\n\n```toml\n[project]\nname = "core"\n```\n\n```toml\n[project]\nname = "app"\ndependencies = ["core", "blob"]\n\n[tool.uv.sources]\nblob = { path = "vendor/blob" }\n```\n',
      errors: [{ line: 14, column: 17, message: missing("core", "core"), suggestions: [{ description: "Add `core = { workspace = true }` to [tool.uv.sources]", output: '```toml\n[tool.uv.workspace]\nmembers = ["libs/*"]\n```\n\n```toml\n[project]\nname = "core"\n```\n\n```toml\n[project]\nname = "app"\ndependencies = ["core", "blob"]\n\n[tool.uv.sources]\nblob = { path = "vendor/blob" }\ncore = { workspace = true }\n```\n' }] }],
      output: null,
    },
    {
      name: "a doc naming a real member, in an indented block: no suggestion",
      file: "docs/setup.md",
      code: '- Then:\n\n  ```toml\n  [project]\n  name = "ui"\n  dependencies = ["evio-core"]\n  ```\n',
      files: { "pyproject.toml": ROOT, "libs/evio-core/pyproject.toml": CORE, [APP]: app("") },
      errors: [{ line: 6, column: 19, message: missing("evio-core"), suggestions: [] }],
      output: null,
    },
  ],
});
