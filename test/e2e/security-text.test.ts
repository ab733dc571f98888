import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, git, lintJson, makeRepo } from "../harness/repo.js";
import { uvLockFor } from "../harness/uv-lock.js";

// Issue 11.2: bytes from a hostile repository never reach the terminal raw.

const ESC = "\u001b";
const BEL = "\u0007";
const CSI = "\u009b";
const TITLE = `${ESC}]0;pwn${BEL}`;
const CLEAR = `${ESC}[2J`;

/** Anything a terminal could obey, other than the newlines that end report lines. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Our own colours: SGR sequences only. */
const SGR = /\u001b\[[0-9;]*m/g;

const PYPROJECT = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';

describe("stylish output", () => {
  const content = `#!/bin/bash\necho ${CLEAR}${TITLE} && pip install 'x${CSI}31m'\n`;

  it("writes control characters from contents and names out, with --no-color", async () => {
    const name = `evil${TITLE}.sh`;
    const dir = makeRepo({ "pyproject.toml": PYPROJECT, [name]: content });
    const { code, stdout } = await cli(dir, ["--no-color"]);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(CONTROL);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`"evil\\x1b]0;pwn\\x07.sh"`);
    // the message quotes the package word, escape and all
    expect(stdout).toContain("`uv add --package evio-core 'x\\x9b31m'`");
    // the code frame shows the line escaped, with the carets still under `pip install ...`
    const frame = lines.find((l) => l.includes(" | echo"))!;
    expect(frame).toContain("echo \\x1b[2J\\x1b]0;pwn\\x07 && pip install 'x\\x9b31m'");
    const carets = lines[lines.indexOf(frame) + 1]!;
    expect(carets.indexOf("^")).toBe(frame.indexOf("pip install"));
    expect(carets.trim().replace(/^\|\s*/, "")).toBe("^".repeat("pip install 'x\\x9b31m'".length));
  });

  it("with colours on, the only escape sequences are its own colours", async () => {
    const dir = makeRepo({ "pyproject.toml": PYPROJECT, [`a${CLEAR}.sh`]: content });
    const { stdout } = await cli(dir, ["--color"], { NO_COLOR: "" });
    expect(stdout).toMatch(SGR);
    expect(stdout.replace(SGR, "")).not.toMatch(CONTROL);
    expect(stdout.replace(SGR, "")).toContain('"a\\x1b[2J.sh"');
  });

  it("shows a file name with a newline quoted, on one line", async () => {
    const dir = makeRepo({ "pyproject.toml": PYPROJECT, "two\nlines.sh": "pip install x\n" });
    const { code, stdout } = await cli(dir, ["--no-color"]);
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toBe('"two\\nlines.sh"');
    expect(stdout.split("\n")[1]).toMatch(/^ {2}1:1 {2}error {2}`pip install` bypasses uv\.lock/);
  });

  it("escapes bidirectional overrides, which reorder what is shown", async () => {
    const dir = makeRepo({ "pyproject.toml": PYPROJECT, "b.sh": "pip install 'x\u202ey'\n" });
    const { stdout } = await cli(dir, ["--no-color"]);
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout).toContain("pip install 'x\\u202ey'");
  });
});

describe("stderr", () => {
  it("quotes a file name with control characters in a fix-not-applied line", async () => {
    const name = `a${CLEAR}.sh`;
    const dir = makeRepo({ "pyproject.toml": PYPROJECT, [name]: "uv sync\n" });
    git(dir, "commit", "-qm", "init");
    fs.writeFileSync(path.join(dir, name), "pip install numpy\n");
    git(dir, "add", "-A");
    fs.writeFileSync(path.join(dir, name), "pip install numpy\necho work in progress\n");
    const r = await cli(dir, ["--staged", "--fix"]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stderr).toContain('evio-lint: "a\\x1b[2J.sh": 1 fix not applied: the file has unstaged changes');
  });
});

describe("config errors", () => {
  it("write out control characters the config file holds", async () => {
    const dir = makeRepo({ "pyproject.toml": PYPROJECT, ".evio-lint.json": '{"rules": {"no-pip\\u001b]0;pwn\\u0007": "off"}}' });
    const r = await cli(dir, []);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stderr).toContain('unknown rule "no-pip\\x1b]0;pwn\\x07"');
  });
});

describe("github annotations", () => {
  it("escape control characters, `%`, line breaks, and `:` `,` in properties", async () => {
    const name = `we,ird:100%${TITLE}\nname.sh`;
    const dir = makeRepo({ "pyproject.toml": PYPROJECT, [name]: `pip install 'a%b${CLEAR}'\n` });
    const { code, stdout } = await cli(dir, ["--format", "github"]);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(CONTROL);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      "::error file=we%2Cird%3A100%25\\x1b]0;pwn\\x07%0Aname.sh,line=1,col=1,endLine=1,endColumn=22,title=no-pip::" +
        "`pip install` bypasses uv.lock and the workspace; use `uv add --package evio-core 'a%25b\\x1b[2J'`.",
    );
  });
});

// Issue 11.3: words a fix writes into shell come from files a stranger controls.
describe("fix text built from names", () => {
  const WS = '[tool.uv.workspace]\nmembers = ["packages/*"]\n';
  const PWN = "a$(touch pwned)";
  const locked = (files: Record<string, string>) => ({ ...files, "uv.lock": uvLockFor(files) });

  it("a member name that is no valid PEP 508 name gets no fix, safe or unsafe", async () => {
    const dir = makeRepo(locked({
      "pyproject.toml": WS,
      "packages/evil/pyproject.toml": `[project]\nname = "${PWN}"\nversion = "0.1.0"\n\n[project.scripts]\nevil-tool = "evil:main"\n`,
      "packages/evil/setup.sh": "pip install requests\npython tool.py\n",
      "packages/evil/tool.py": "print(1)\n",
      "run.sh": "uv run evil-tool\n",
    }));
    const { report } = await lintJson(dir);
    const byRule = Object.fromEntries(report.diagnostics.map((d) => [d.rule, d]));
    expect(Object.keys(byRule).sort()).toEqual(["no-bare-python", "no-pip", "run-path-exists", "uv-run-package"]);
    expect(byRule["no-pip"]!.fix).toBeUndefined();
    expect(byRule["uv-run-package"]!.fix).toBeUndefined();
    expect(JSON.stringify(report.diagnostics.map((d) => [d.fix, d.suggestions]))).not.toContain("touch");

    await cli(dir, ["--fix", "--unsafe-fixes"]);
    expect(fs.readFileSync(path.join(dir, "packages/evil/setup.sh"), "utf8")).toBe("pip install requests\nuv run python tool.py\n");
    expect(fs.readFileSync(path.join(dir, "run.sh"), "utf8")).toBe("uv run evil-tool\n");
  });

  it("a folder name is quoted for the shell, then for its host (a Makefile doubles `$`)", async () => {
    const folder = "packages/we ird$(touch pwned)'s";
    const dir = makeRepo(locked({
      "pyproject.toml": WS,
      [`${folder}/pyproject.toml`]: '[project]\nname = "weird"\nversion = "0.1.0"\n',
      [`${folder}/scripts/run.py`]: "print(1)\n",
      "run.sh": "uv run --package weird python scripts/run.py\n",
      Makefile: "run:\n\tuv run --package weird python scripts/run.py\n",
    }));
    expect((await cli(dir, ["--fix"])).code).toBe(0);
    const quoted = `'packages/we ird$(touch pwned)'\\''s/scripts/run.py'`;
    const script = fs.readFileSync(path.join(dir, "run.sh"), "utf8");
    expect(script).toBe(`uv run --package weird python ${quoted}\n`);
    expect(fs.readFileSync(path.join(dir, "Makefile"), "utf8")).toBe(`run:\n\tuv run --package weird python ${quoted.replace(/\$/g, "$$$$")}\n`);
    // The shell reads the fixed word as the folder's exact path and runs nothing.
    const word = script.slice("uv run --package weird python ".length).trimEnd();
    expect(execFileSync("bash", ["-c", `printf %s ${word}`], { cwd: dir, encoding: "utf8" })).toBe(`${folder}/scripts/run.py`);
    expect(fs.existsSync(path.join(dir, "pwned"))).toBe(false);
  });
});
