import type { CaseBase } from "../harness/rule-tester.js";
import { ruleTester } from "../harness/rule-tester.js";

const FILE = "libs/core/pyproject.toml";
const file = (code: string): CaseBase => ({ file: FILE, code });
const core = (rest: string) => `[project]\nname = "core"\nversion = "0.1.0"\n\n${rest}`;

ruleTester("uv-config-valid", {
  valid: [
    file(
      core(
        '[tool.uv]\npackage = true\ndefault-groups = ["dev"]\nconstraint-dependencies = ["grpcio<1.65"]\nenvironments = ["sys_platform == \'linux\'"]\nrequired-version = ">=0.5"\n\n' +
          '[tool.uv.workspace]\nmembers = ["libs/*"]\nexclude = ["libs/scratch"]\n\n' +
          '[tool.uv.sources]\nevio = { workspace = true, editable = false }\nhttpx = { git = "https://github.com/encode/httpx", tag = "0.27.0", subdirectory = "x" }\n' +
          'torch = [\n  { index = "pytorch", marker = "sys_platform == \'linux\'" },\n  { url = "https://example.com/torch.whl", marker = "sys_platform == \'darwin\'" },\n]\nlocal = { path = "../local", editable = true, package = false }\n\n' +
          '[[tool.uv.index]]\nname = "pytorch"\nurl = "https://download.pytorch.org/whl/cpu"\nexplicit = true\ncache-control = { api = "max-age=600" }\n\n' +
          "[tool.uv.pip]\nanything-goes = true\n",
      ),
    ),
    { name: "dotted keys", ...file('[project]\nname = "core"\n\n[tool]\nuv.dev-dependencies = ["pytest"]\n') },
    { name: "docs are not checked", file: "docs/a.md", code: '```toml\n[tool.uv]\nrequires-python = ">=3.11"\n```\n' },
  ],
  invalid: [
    {
      ...file(core('[tool.uv]\n# Require Python 3.11+\nrequires-python = ">=3.11"\n')),
      errors: [{ messageId: "misplaced", line: 7, column: 1, endColumn: 16, message: "`requires-python` is not a `[tool.uv]` setting, so uv ignores it (with a warning); set it in `[project] requires-python` instead." }],
      output: null,
    },
    { ...file(core('[tool.uv]\ndev-dependecies = ["pytest"]\n')), errors: [{ messageId: "typo", line: 6, column: 1, message: "`[tool.uv]` has no setting `dev-dependecies`; did you mean `dev-dependencies`?" }], output: null },
    { ...file(core("[tool.uv]\nfrobnicate = 1\n")), errors: [{ messageId: "unknown", line: 6, column: 1, message: /^`\[tool\.uv\]` has no setting `frobnicate` \(uv 0\.8 settings reference\)/ }], output: null },
    { ...file(core('[tool.uv.workspace]\nmember = ["libs/*"]\n')), errors: [{ messageId: "typo", line: 6, column: 1, message: /did you mean `members`\?$/ }], output: null },
    { ...file(core('[[tool.uv.index]]\nnmae = "x"\nurl = "https://example.com/simple"\n')), errors: [{ messageId: "typo", line: 6, column: 1, message: "`[[tool.uv.index]]` has no setting `nmae`; did you mean `name`?" }], output: null },
    { name: "a misspelled kind is one finding", ...file(core("[tool.uv.sources]\nevio = { worksapce = true }\n")), errors: [{ messageId: "typo", line: 6, column: 10, message: "`[tool.uv.sources] evio` has no setting `worksapce`; did you mean `workspace`?" }], output: null },
    { ...file(core('[tool.uv.sources]\nevio = { path = "../evio", tag = "v1" }\n')), errors: [{ messageId: "mixedSource", line: 6, column: 8, message: "The `path` source for `evio` also has `tag`, which belongs to another kind of source; uv cannot read it. Remove it." }], output: null },
    { ...file(core("[tool.uv.sources]\nevio = { editable = true }\n")), errors: [{ messageId: "sourceWithoutKind", line: 6, column: 8, message: "The source for `evio` has none of `git`, `url`, `path`, `index`, `workspace`; uv cannot read it. Say where `evio` comes from." }], output: null },
    { name: "in a list of sources", ...file(core('[tool.uv.sources]\ntorch = [{ index = "cpu", markr = "x" }]\n')), errors: [{ messageId: "typo", line: 6, column: 27, message: "`[tool.uv.sources] torch` has no setting `markr`; did you mean `marker`?" }], output: null },
  ],
});
