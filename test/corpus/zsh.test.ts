import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isZshScript } from "../../src/discover/kind.js";
import { binary, makeRepo, type JsonReport } from "../harness/repo.js";

/**
 * zsh scripts are read with the bash grammar. One that bash parses whole is linted like any
 * script; one with zsh-only syntax is not linted at all: no parse-error, and no finding built on
 * what error recovery made of it. `zsh -n` and `bash -n` are the ground truth for which is which.
 */
const WORKSPACE = '[project]\nname = "root"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n\n[tool.uv.workspace]\nmembers = []\n';

const ZSH_ONLY = `#!/usr/bin/env zsh
setopt extended_glob
for f (src/**/*.py(.N)) ruff check $f
typeset -A tools=(lint ruff test pytest)
print -l \${(k)tools}
if [[ -n $VIRTUAL_ENV ]] { echo in venv }
repeat 3 echo hi
# evio-lint-disable-next-line no-pip
pip install requests
`;
const SHEBANG_ONLY = "#!/bin/zsh\nfor x (a b) echo $x\npip install foo\n";
const BASH_COMPATIBLE = '#!/usr/bin/env zsh\nexport PATH="$HOME/.local/bin:$PATH"\npip install requests\n';

const FILES = {
  "pyproject.toml": WORKSPACE,
  "scripts/setup.zsh": ZSH_ONLY,
  "bin/dev": SHEBANG_ONLY,
  "scripts/env.zsh": BASH_COMPATIBLE,
  "scripts/same-as-bash.sh": SHEBANG_ONLY.replace("#!/bin/zsh", "#!/bin/bash"),
};

function syntaxOk(shell: "zsh" | "bash", text: string): boolean {
  const run = spawnSync(shell, ["-n"], { input: text, encoding: "utf8" });
  if (run.error) throw run.error;
  return run.status === 0;
}

function lint(dir: string): JsonReport {
  const run = binary(dir, ["--format", "json"]);
  return JSON.parse(run.stdout) as JsonReport;
}

const byFile = (report: JsonReport, file: string) =>
  report.diagnostics.filter((d) => d.file === file).map((d) => `${d.range.start.line}:${d.range.start.column} ${d.rule}`);

describe("zsh scripts", () => {
  it("the corpus is what it claims: valid zsh, and bash rejects all but one", () => {
    expect([ZSH_ONLY, SHEBANG_ONLY, BASH_COMPATIBLE].map((t) => syntaxOk("zsh", t))).toEqual([true, true, true]);
    expect([ZSH_ONLY, SHEBANG_ONLY, BASH_COMPATIBLE].map((t) => syntaxOk("bash", t))).toEqual([false, false, true]);
  });

  it("zsh-only syntax gives no parse-error and no finding, by extension or by shebang", () => {
    const dir = makeRepo(FILES);
    fs.chmodSync(path.join(dir, "bin/dev"), 0o755);
    const report = lint(dir);
    expect(byFile(report, "scripts/setup.zsh")).toEqual([]);
    expect(byFile(report, "bin/dev")).toEqual([]);
  });

  it("a zsh script that bash parses whole is linted", () => {
    const report = lint(makeRepo(FILES));
    expect(byFile(report, "scripts/env.zsh")).toEqual(["3:1 no-pip"]);
  });

  it("a bash script with the same syntax is still a parse-error", () => {
    const report = lint(makeRepo(FILES));
    expect(byFile(report, "scripts/same-as-bash.sh")).toEqual(expect.arrayContaining(["2:1 parse-error"]));
  });

  it("--fix leaves an unread zsh script alone: its directive is not called unused", () => {
    const dir = makeRepo(FILES);
    binary(dir, ["--fix"]);
    expect(fs.readFileSync(path.join(dir, "scripts/setup.zsh"), "utf8")).toBe(ZSH_ONLY);
    expect(byFile(lint(dir), "scripts/setup.zsh")).toEqual([]);
  });

  it.each([
    ["x.zsh", "echo hi\n", true],
    ["bin/dev", "#!/usr/bin/env zsh\necho hi\n", true],
    ["bin/dev", "#! /bin/zsh -f\r\necho hi\r\n", true],
    ["x.sh", "#!/bin/zsh\necho hi\n", true],
    ["x.sh", "#!/bin/bash\necho zsh\n", false],
    ["bin/zsh-setup", "#!/bin/sh\necho hi\n", false],
  ])("isZshScript(%s, %j) = %s", (file, text, zsh) => {
    expect(isZshScript(file, text)).toBe(zsh);
  });
});
