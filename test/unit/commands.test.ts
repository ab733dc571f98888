import { describe, expect, it } from "vitest";
import { wholeFileSnippet } from "../../src/embed/snippet.js";
import type { Command } from "../../src/facts/shell/command.js";
import { extractCommands } from "../../src/facts/shell/commands.js";
import type { Range } from "../../src/text/range.js";
import { SourceFile } from "../../src/text/source-file.js";
import { commandsOf, describeCommand, ROOT } from "../harness/shell.js";

// The shell command model, construct by construct: each case lists every command the model finds
// in source order (see describeCommand in test/harness/shell.ts for the notation), and `at` pins
// the host range of some of them (index into `commands` -> "line:column-line:column", UTF-16, 1-based).

interface Case {
  code: string;
  commands: string[];
  at?: Record<number, string>;
}

function span(host: SourceFile, range: Range): string {
  const start = host.positionAt(range.start);
  const end = host.positionAt(range.end);
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

function check({ code, commands, at }: Case): Command[] {
  const facts = commandsOf(code);
  expect(facts.commands.map((cmd) => describeCommand(cmd, facts.host))).toEqual(commands);
  for (const [i, expected] of Object.entries(at ?? {})) {
    expect(span(facts.host, facts.commands[Number(i)]!.range), `range of command ${i}`).toBe(expected);
  }
  expect(facts.problems).toEqual([]);
  return facts.commands;
}

/** The one command named `name` (the innermost when wrappers repeat it). */
function only(code: string, name: string): { cmd: Command; host: SourceFile } {
  const { commands, host } = commandsOf(code);
  const found = commands.filter((c) => c.name === name);
  expect(found, `commands named ${name}`).toHaveLength(1);
  return { cmd: found[0]!, host };
}

describe("separators and compound commands", () => {
  it.each<Case>([
    {
      code: "a && pip install x || b; c",
      commands: ["a [] @. «a»", "pip [install x] @. «pip install x»", "b [] @. «b»", "c [] @. «c»"],
      at: { 1: "1:6-1:19", 3: "1:26-1:27" },
    },
    { code: "a | pip install x | b", commands: ["a [] @. «a»", "pip [install x] @. «pip install x»", "b [] @. «b»"] },
    { code: "a\npip install x\n\nb\n", commands: ["a [] @. «a»", "pip [install x] @. «pip install x»", "b [] @. «b»"], at: { 1: "2:1-2:14", 2: "4:1-4:2" } },
    { code: "a & pip install x", commands: ["a [] @. «a»", "pip [install x] @. «pip install x»"] },
    {
      code: "echo $(pip --version)",
      commands: ["echo [$] @. «echo $(pip --version)»", "pip [--version] @. «pip --version»"],
      at: { 0: "1:1-1:22", 1: "1:8-1:21" },
    },
    { code: "echo `uv sync`", commands: ["echo [$] @. «echo `uv sync`»", "uv [sync] @. «uv sync»"], at: { 1: "1:7-1:14" } },
    { code: "diff <(pip freeze) reqs.txt", commands: ["diff [$ reqs.txt] @. «diff <(pip freeze) reqs.txt»", "pip [freeze] @. «pip freeze»"] },
    { code: "(a; pip install x)", commands: ["a [] @. «a»", "pip [install x] @. «pip install x»"] },
    { code: "{ a; pip install x; }", commands: ["a [] @. «a»", "pip [install x] @. «pip install x»"] },
    {
      code: "if a; then b; elif c; then pip install x; else d; fi",
      commands: ["a [] @. «a»", "b [] @. «b»", "c [] @. «c»", "pip [install x] @. «pip install x»", "d [] @. «d»"],
    },
    { code: "for p in a b; do pip install $p; done", commands: ["pip [install $] @. «pip install $p»"] },
    { code: "for p in $(cat reqs); do :; done", commands: ["cat [reqs] @. «cat reqs»", ": [] @. «:»"] },
    { code: "while read -r p; do pip install \"$p\"; done < reqs", commands: ["read [-r p] @. «read -r p»", 'pip [install $] @. «pip install "$p"»'] },
    { code: "until a; do b; done", commands: ["a [] @. «a»", "b [] @. «b»"] },
    { code: "case $x in dev) pip install x;; *) uv sync;; esac", commands: ["pip [install x] @. «pip install x»", "uv [sync] @. «uv sync»"] },
    { code: "setup() { pip install x; }", commands: ["pip [install x] @. «pip install x»"] },
    { code: "function setup {\n  pip install x\n}", commands: ["pip [install x] @. «pip install x»"], at: { 0: "2:3-2:16" } },
    { code: "! pip install x", commands: ["pip [install x] @. «pip install x»"], at: { 0: "1:3-1:16" } },
    { code: "[[ $(pip --version) ]]", commands: ["pip [--version] @. «pip --version»"], at: { 0: "1:6-1:19" } },
    { code: '[ -x "$(command -v pip)" ] && pip install x', commands: ["command [-v pip] @. «command -v pip»", "pip [install x] @. «pip install x»"] },
    { code: "pip install x \\\n  y", commands: ["pip [install x y] @. «pip install x \\\n  y»"], at: { 0: "1:1-2:4" } },
    { code: "pip install x > log 2>&1", commands: ["pip [install x] @. «pip install x»"], at: { 0: "1:1-1:14" } },
  ])("$code", (c) => {
    check(c);
  });
});

// tree-sitter-bash 0.25 runs a command on past a newline after two assignments (#122, #228) and
// after a pipeline of two or more stages (#347); parseShell repairs both.
describe("newlines the grammar misses", () => {
  it.each<Case>([
    { code: "A=1 B=2\npip install x", commands: ["? [] @. «A=1 B=2»", "pip [install x] @. «pip install x»"], at: { 1: "2:1-2:14" } },
    { code: "A=1 B=$X # why\nlocal C=3", commands: ["? [] @. «A=1 B=$X»", "local [C=3] @. «local C=3»"] },
    { code: "do_help= do_version=\n\nwhile [ $# -gt 0 ]; do shift; done", commands: ["? [] @. «do_help= do_version=»", "shift [] @. «shift»"] },
    {
      code: "pip freeze | grep x | head -3\ncd evio && uv sync\ny",
      commands: [
        "pip [freeze] @. «pip freeze»",
        "grep [x] @. «grep x»",
        "head [-3] @. «head -3»",
        "cd [evio] @. «cd evio»",
        "uv [sync] @evio «uv sync»",
        "y [] @evio «y»",
      ],
      at: { 3: "2:1-2:8" },
    },
  ])("$code", (c) => {
    check(c);
  });
});

describe("wrappers", () => {
  it.each<Case>([
    {
      code: "sudo -H pip3 install x",
      commands: ["sudo [-H pip3 install x] @. «sudo -H pip3 install x»", "sudo>pip3 [install x] @. «pip3 install x»"],
      at: { 1: "1:9-1:23" },
    },
    { code: "sudo -u bob -E pip install x", commands: ["sudo [-u bob -E pip install x] @. «sudo -u bob -E pip install x»", "sudo>pip [install x] @. «pip install x»"] },
    { code: "sudo -- pip install x", commands: ["sudo [-- pip install x] @. «sudo -- pip install x»", "sudo>pip [install x] @. «pip install x»"] },
    { code: "sudo PIP_USER=1 pip install x", commands: ["sudo [PIP_USER=1 pip install x] @. «sudo PIP_USER=1 pip install x»", "sudo>pip [install x] @. «pip install x»"] },
    { code: "env PIP_USER=1 pip install x", commands: ["env [PIP_USER=1 pip install x] @. «env PIP_USER=1 pip install x»", "env>pip [install x] @. «pip install x»"] },
    { code: "env -i A=1 B=2 cmd", commands: ["env [-i A=1 B=2 cmd] @. «env -i A=1 B=2 cmd»", "env>cmd [] @. «cmd»"] },
    { code: "env -u X pip install", commands: ["env [-u X pip install] @. «env -u X pip install»", "env>pip [install] @. «pip install»"] },
    { code: "env -C evio python s.py", commands: ["env [-C evio python s.py] @. «env -C evio python s.py»", "env>python [s.py] @evio «python s.py»"] },
    { code: "command pip install x", commands: ["command [pip install x] @. «command pip install x»", "command>pip [install x] @. «pip install x»"] },
    { code: "command -v python", commands: ["command [-v python] @. «command -v python»"] },
    { code: "command -V python", commands: ["command [-V python] @. «command -V python»"] },
    { code: "exec pip install x", commands: ["exec [pip install x] @. «exec pip install x»", "exec>pip [install x] @. «pip install x»"] },
    { code: "exec -a name pip install x", commands: ["exec [-a name pip install x] @. «exec -a name pip install x»", "exec>pip [install x] @. «pip install x»"] },
    { code: "exec > log 2>&1", commands: ["exec [] @. «exec»"] },
    { code: "time pip install x", commands: ["time [pip install x] @. «time pip install x»", "time>pip [install x] @. «pip install x»"] },
    { code: "nohup pip install x &", commands: ["nohup [pip install x] @. «nohup pip install x»", "nohup>pip [install x] @. «pip install x»"], at: { 1: "1:7-1:20" } },
    { code: "nice -n 5 pip install x", commands: ["nice [-n 5 pip install x] @. «nice -n 5 pip install x»", "nice>pip [install x] @. «pip install x»"] },
    { code: "timeout 10 pip install x", commands: ["timeout [10 pip install x] @. «timeout 10 pip install x»", "timeout>pip [install x] @. «pip install x»"] },
    { code: "timeout -s KILL 10s pip install x", commands: ["timeout [-s KILL 10s pip install x] @. «timeout -s KILL 10s pip install x»", "timeout>pip [install x] @. «pip install x»"] },
    { code: "stdbuf -oL pip install x", commands: ["stdbuf [-oL pip install x] @. «stdbuf -oL pip install x»", "stdbuf>pip [install x] @. «pip install x»"] },
    { code: "xargs pip install < reqs", commands: ["xargs [pip install] @. «xargs pip install»", "xargs>pip [install] @. «pip install»"], at: { 0: "1:1-1:18" } },
    { code: "xargs -n 1 -P 4 pip install", commands: ["xargs [-n 1 -P 4 pip install] @. «xargs -n 1 -P 4 pip install»", "xargs>pip [install] @. «pip install»"] },
    { code: "xargs -I{} pip install {}", commands: ["xargs [-I{} pip install {}] @. «xargs -I{} pip install {}»", "xargs>pip [install {}] @. «pip install {}»"] },
    {
      code: "bash -c 'pip install x'",
      commands: ["bash [-c pip install x] @. «bash -c 'pip install x'»", "bash>pip [install x] @. «pip install x»"],
      at: { 1: "1:10-1:23" },
    },
    {
      code: 'sh -c "cd a && pip install \\"x\\""',
      commands: ['sh [-c cd a && pip install "x"] @. «sh -c "cd a && pip install \\"x\\""»', "sh>cd [a] @. «cd a»", 'sh>pip [install x] @a «pip install \\"x\\"»'],
      at: { 1: "1:8-1:12", 2: "1:16-1:33" },
    },
    { code: "bash -lc 'pip list'", commands: ["bash [-lc pip list] @. «bash -lc 'pip list'»", "bash>pip [list] @. «pip list»"] },
    { code: "bash -e -c 'pip list'", commands: ["bash [-e -c pip list] @. «bash -e -c 'pip list'»", "bash>pip [list] @. «pip list»"] },
    { code: "bash -euo pipefail -c 'pip list'", commands: ["bash [-euo pipefail -c pip list] @. «bash -euo pipefail -c 'pip list'»", "bash>pip [list] @. «pip list»"] },
    { code: "zsh -c 'pip list'", commands: ["zsh [-c pip list] @. «zsh -c 'pip list'»", "zsh>pip [list] @. «pip list»"] },
    { code: "bash script.sh", commands: ["bash [script.sh] @. «bash script.sh»"] },
    { code: "bash -x script.sh", commands: ["bash [-x script.sh] @. «bash -x script.sh»"] },
    { code: "eval 'pip install x'", commands: ["eval [pip install x] @. «eval 'pip install x'»", "eval>pip [install x] @. «pip install x»"] },
    { code: "su -c 'pip install x' bob", commands: ["su [-c pip install x bob] @. «su -c 'pip install x' bob»", "su>pip [install x] @. «pip install x»"] },
    {
      code: "nix develop --command pip install x",
      commands: ["nix [develop --command pip install x] @. «nix develop --command pip install x»", "nix>pip [install x] @. «pip install x»"],
      at: { 1: "1:23-1:36" },
    },
    { code: "nix develop .#ci -c pip install", commands: ["nix [develop .#ci -c pip install] @. «nix develop .#ci -c pip install»", "nix>pip [install] @. «pip install»"] },
    { code: "nix shell nixpkgs#x --command pip", commands: ["nix [shell nixpkgs#x --command pip] @. «nix shell nixpkgs#x --command pip»", "nix>pip [] @. «pip»"] },
    { code: "nix build .#x", commands: ["nix [build .#x] @. «nix build .#x»"] },
    { code: "nix run .#x -- pip", commands: ["nix [run .#x -- pip] @. «nix run .#x -- pip»"] },
    {
      code: "nix-shell --run 'pip install y'",
      commands: ["nix-shell [--run pip install y] @. «nix-shell --run 'pip install y'»", "nix-shell>pip [install y] @. «pip install y»"],
      at: { 1: "1:18-1:31" },
    },
    { code: "nix-shell -p x --command 'pip list'", commands: ["nix-shell [-p x --command pip list] @. «nix-shell -p x --command 'pip list'»", "nix-shell>pip [list] @. «pip list»"] },
    { code: "uv run pip install x", commands: ["uv [run pip install x] @. «uv run pip install x»", "uv>pip [install x] @. «pip install x»"] },
    {
      code: "uv run --package evio python scripts/x.py",
      commands: ["uv [run --package evio python scripts/x.py] @. «uv run --package evio python scripts/x.py»", "uv>python [scripts/x.py] @. «python scripts/x.py»"],
      at: { 1: "1:23-1:42" },
    },
    { code: "uv run --package=evio python a.py", commands: ["uv [run --package=evio python a.py] @. «uv run --package=evio python a.py»", "uv>python [a.py] @. «python a.py»"] },
    { code: "uv run --directory evio python s.py", commands: ["uv [run --directory evio python s.py] @. «uv run --directory evio python s.py»", "uv>python [s.py] @evio «python s.py»"] },
    { code: "uv run -- pip install", commands: ["uv [run -- pip install] @. «uv run -- pip install»", "uv>pip [install] @. «pip install»"] },
    { code: "uv run", commands: ["uv [run] @. «uv run»"] },
    { code: "uvx ruff check", commands: ["uvx [ruff check] @. «uvx ruff check»", "uvx>ruff [check] @. «ruff check»"] },
    { code: "uvx --from ruff ruff check", commands: ["uvx [--from ruff ruff check] @. «uvx --from ruff ruff check»", "uvx>ruff [check] @. «ruff check»"] },
    { code: "uv tool run black .", commands: ["uv [tool run black .] @. «uv tool run black .»", "uvx>black [.] @. «black .»"] },
    {
      code: "sudo env A=1 bash -c 'pip install x'",
      commands: [
        "sudo [env A=1 bash -c pip install x] @. «sudo env A=1 bash -c 'pip install x'»",
        "sudo>env [A=1 bash -c pip install x] @. «env A=1 bash -c 'pip install x'»",
        "sudo>env>bash [-c pip install x] @. «bash -c 'pip install x'»",
        "sudo>env>bash>pip [install x] @. «pip install x»",
      ],
      at: { 3: "1:23-1:36" },
    },
  ])("$code", (c) => {
    check(c);
  });

  it("carries env and sudo assignments to the command they run", () => {
    expect(only("env PIP_USER=1 pip install x", "pip").cmd.assignments.map((a) => [a.name, a.value?.value, a.exported])).toEqual([["PIP_USER", "1", true]]);
    expect(only("env -i A=1 B=2 cmd", "cmd").cmd.assignments.map((a) => `${a.name}=${a.value?.value}`)).toEqual(["A=1", "B=2"]);
    expect(only("sudo PIP_USER=1 pip install x", "pip").cmd.assignments.map((a) => a.name)).toEqual(["PIP_USER"]);
    expect(only("A=1 sudo pip install x", "pip").cmd.assignments.map((a) => a.name)).toEqual(["A"]);
  });

  it("links each wrapper to the command it runs", () => {
    const { commands } = commandsOf("sudo -H pip3 install x");
    expect(commands[0]!.inner).toBe(commands[1]);
    expect(commands[1]!.wrappers.map((w) => [w.name, w.kind, w.words.map((x) => x.value)])).toEqual([["sudo", "prefix", ["sudo", "-H"]]]);
    expect(commands[1]!.fullRange).toEqual(commands[0]!.range);
    expect(commandsOf("uvx ruff check").commands[1]!.isWrappedBy("uvx")).toBe(true);
    expect(commandsOf("uv run pip install x").commands[1]!.isWrappedBy("uv-run", "uv")).toBe(true);
    expect(only("bash -c 'pip install x'", "pip").cmd.isWrappedBy("shell-string", "bash")).toBe(true);
  });
});

describe("text that is not a command", () => {
  it.each<Case>([
    { code: 'echo "pip install x"', commands: ['echo [pip install x] @. «echo "pip install x"»'] },
    { code: "printf '%s' 'pip install'", commands: ["printf [%s pip install] @. «printf '%s' 'pip install'»"] },
    { code: "cat <<EOF\npip install x\nEOF\nuv sync", commands: ["cat [] @. «cat»", "uv [sync] @. «uv sync»"], at: { 1: "4:1-4:8" } },
    { code: "cat > setup.sh <<'EOF'\n$(pip install x)\nEOF", commands: ["cat [] @. «cat»"] },
    { code: "# pip install x\nls # pip install y", commands: ["ls [] @. «ls»"] },
    { code: "grep pip requirements.txt", commands: ["grep [pip requirements.txt] @. «grep pip requirements.txt»"] },
    { code: "which pip", commands: ["which [pip] @. «which pip»"] },
    { code: "type pip", commands: ["type [pip] @. «type pip»"] },
    { code: "apt-get install python3-pip", commands: ["apt-get [install python3-pip] @. «apt-get install python3-pip»"] },
    { code: "python -c 'import pip'", commands: ["python [-c import pip] @. «python -c 'import pip'»"] },
    { code: "bash x.sh <<EOF\npip install x\nEOF", commands: ["bash [x.sh] @. «bash x.sh»"] },
    { code: "ssh host 'pip install x'", commands: ["ssh [host pip install x] @. «ssh host 'pip install x'»"] },
    { code: "trap 'pip install x' EXIT", commands: ["trap [pip install x EXIT] @. «trap 'pip install x' EXIT»"] },
  ])("$code", (c) => {
    check(c);
  });
});

describe("commands inside strings", () => {
  it.each<Case>([
    { code: 'echo "$(pip install x)"', commands: ['echo [$] @. «echo "$(pip install x)"»', "pip [install x] @. «pip install x»"], at: { 1: "1:9-1:22" } },
    { code: "x=$(pip --version)", commands: ["? [] @. «x=$(pip --version)»", "pip [--version] @. «pip --version»"], at: { 1: "1:5-1:18" } },
    { code: 'export V="$(pip --version)"', commands: ['export [$] @. «export V="$(pip --version)"»', "pip [--version] @. «pip --version»"] },
    { code: "cat <<EOF\n$(pip install y)\nEOF", commands: ["cat [] @. «cat»", "pip [install y] @. «pip install y»"], at: { 1: "2:3-2:16" } },
    {
      code: "bash <<EOF\ncd a\npip install x\nEOF\nuv sync",
      commands: ["bash [] @. «bash»", "bash>cd [a] @. «cd a»", "bash>pip [install x] @a «pip install x»", "uv [sync] @. «uv sync»"],
      at: { 2: "3:1-3:14" },
    },
    {
      // An unquoted heredoc is expanded by the outer shell: pip runs there, once; bash runs its output.
      code: "bash <<EOF\n$(pip --version)\nEOF",
      commands: ["bash [] @. «bash»", "bash>? [] @. «$(pip --version)»", "pip [--version] @. «pip --version»"],
    },
    { code: "bash <<'EOF'\npip install x\nEOF", commands: ["bash [] @. «bash»", "bash>pip [install x] @. «pip install x»"] },
    { code: "bash -s <<EOF\npip install x\nEOF", commands: ["bash [-s] @. «bash -s»", "bash>pip [install x] @. «pip install x»"] },
    {
      code: "sudo -u bob bash -s -- a <<'EOF'\npip install x\nEOF",
      commands: ["sudo [-u bob bash -s -- a] @. «sudo -u bob bash -s -- a»", "sudo>bash [-s -- a] @. «bash -s -- a»", "sudo>bash>pip [install x] @. «pip install x»"],
      at: { 2: "2:1-2:14" },
    },
    {
      // The outer shell expands $(...) before bash -c sees the text: pip runs once, outside.
      code: 'bash -c "echo $(pip --version)"',
      commands: ['bash [-c $] @. «bash -c "echo $(pip --version)"»', "bash>echo [$] @. «echo $(pip --version)»", "pip [--version] @. «pip --version»"],
    },
    {
      code: "bash -c 'echo $(pip --version)'",
      commands: ["bash [-c echo $(pip --version)] @. «bash -c 'echo $(pip --version)'»", "bash>echo [$] @. «echo $(pip --version)»", "bash>pip [--version] @. «pip --version»"],
    },
  ])("$code", (c) => {
    check(c);
  });
});

describe("working directory", () => {
  it.each<Case>([
    { code: "cd a && x", commands: ["cd [a] @. «cd a»", "x [] @a «x»"] },
    { code: "cd a; x", commands: ["cd [a] @. «cd a»", "x [] @a «x»"] },
    { code: "cd a\nx", commands: ["cd [a] @. «cd a»", "x [] @a «x»"] },
    { code: "cd a/\nx", commands: ["cd [a/] @. «cd a/»", "x [] @a «x»"] },
    { code: "(cd a && x); y", commands: ["cd [a] @. «cd a»", "x [] @a «x»", "y [] @. «y»"] },
    { code: "{ cd a; x; }; y", commands: ["cd [a] @. «cd a»", "x [] @a «x»", "y [] @a «y»"] },
    { code: 'echo "$(cd a && x)"; y', commands: ['echo [$] @. «echo "$(cd a && x)"»', "cd [a] @. «cd a»", "x [] @a «x»", "y [] @. «y»"] },
    { code: "cd a || exit 1; x", commands: ["cd [a] @. «cd a»", "exit [1] @. «exit 1»", "x [] @a «x»"] },
    { code: "[ -d a ] || cd b; x", commands: ["cd [b] @. «cd b»", "x [] @b «x»"] },
    { code: "cd a &\nx", commands: ["cd [a] @. «cd a»", "x [] @. «x»"] },
    { code: "pushd a; x; popd; y", commands: ["pushd [a] @. «pushd a»", "x [] @a «x»", "popd [] @a «popd»", "y [] @. «y»"] },
    { code: "pushd a >/dev/null\nx\npopd >/dev/null\ny", commands: ["pushd [a] @. «pushd a»", "x [] @a «x»", "popd [] @a «popd»", "y [] @. «y»"] },
    { code: "cd a/b; cd ../..; x", commands: ["cd [a/b] @. «cd a/b»", "cd [../..] @a/b «cd ../..»", "x [] @. «x»"] },
    { code: "cd a/b && cd .. && x", commands: ["cd [a/b] @. «cd a/b»", "cd [..] @a/b «cd ..»", "x [] @a «x»"] },
    { code: "cd ..\nx", commands: ["cd [..] @. «cd ..»", "x [] @outside «x»"] },
    { code: "cd ~\nx", commands: ["cd [~] @. «cd ~»", "x [] @outside «x»"] },
    { code: "cd\nx", commands: ["cd [] @. «cd»", "x [] @outside «x»"] },
    { code: "cd /repo/evio\nx", commands: ["cd [/repo/evio] @. «cd /repo/evio»", "x [] @evio «x»"] },
    { code: "cd /repo\nx", commands: ["cd [/repo] @. «cd /repo»", "x [] @. «x»"] },
    { code: "cd /tmp\nx", commands: ["cd [/tmp] @. «cd /tmp»", "x [] @outside «x»"] },
    { code: "cd /repository\nx", commands: ["cd [/repository] @. «cd /repository»", "x [] @outside «x»"] },
    { code: 'cd "$DIR"\nx', commands: ['cd [$] @. «cd "$DIR"»', "x [] @unknown «x»"] },
    { code: 'cd "$DIR"; cd a; x', commands: ['cd [$] @. «cd "$DIR"»', "cd [a] @unknown «cd a»", "x [] @unknown «x»"] },
    { code: "cd -\nx", commands: ["cd [-] @. «cd -»", "x [] @unknown «x»"] },
    {
      code: 'cd a\ncd "$(git rev-parse --show-toplevel)"\nx',
      commands: ["cd [a] @. «cd a»", 'cd [$] @a «cd "$(git rev-parse --show-toplevel)"»', "git [rev-parse --show-toplevel] @a «git rev-parse --show-toplevel»", "x [] @. «x»"],
    },
    { code: "cd a | x\ny", commands: ["cd [a] @. «cd a»", "x [] @. «x»", "y [] @. «y»"] },
    { code: "if [ -d a ]; then cd a; else pip install x; fi\ny", commands: ["cd [a] @. «cd a»", "pip [install x] @. «pip install x»", "y [] @a «y»"] },
    { code: "case $1 in a) cd a;; *) pip install x;; esac", commands: ["cd [a] @. «cd a»", "pip [install x] @. «pip install x»"] },
    { code: "f() { cd a; }\nx", commands: ["cd [a] @. «cd a»", "x [] @. «x»"] },
    { code: "bash -c 'cd a'\nx", commands: ["bash [-c cd a] @. «bash -c 'cd a'»", "bash>cd [a] @. «cd a»", "x [] @. «x»"] },
    { code: "cd a\nbash -c 'x'", commands: ["cd [a] @. «cd a»", "bash [-c x] @a «bash -c 'x'»", "bash>x [] @a «x»"] },
  ])("$code", (c) => {
    check(c);
  });

  it("records the cd that moved there and what joined it to the next command", () => {
    const joined = (code: string) => {
      const { commands, host } = commandsOf(code);
      const x = commands.find((c) => c.name === "x")!;
      if (x.cwd.kind !== "known" || !x.cwd.setBy) return undefined;
      const { range, verb, target, joinedBy } = x.cwd.setBy;
      return { cd: span(host, range), verb, target: target.text, joinedBy };
    };
    expect(joined("cd a && x")).toEqual({ cd: "1:1-1:5", verb: "cd", target: "a", joinedBy: "&&" });
    expect(joined("cd a; x")).toEqual({ cd: "1:1-1:5", verb: "cd", target: "a", joinedBy: ";" });
    expect(joined("  cd 'a'\nx")).toEqual({ cd: "1:3-1:9", verb: "cd", target: "'a'", joinedBy: "newline" });
    expect(joined("cd a # go there\nx")).toEqual({ cd: "1:1-1:5", verb: "cd", target: "a", joinedBy: "newline" });
    expect(joined("cd a || exit 1; x")).toEqual({ cd: "1:1-1:5", verb: "cd", target: "a", joinedBy: "||" });
    expect(joined("pushd a >/dev/null\nx")).toEqual({ cd: "1:1-1:8", verb: "pushd", target: "a", joinedBy: "newline" });
    expect(joined("cd a/b; cd ../..; x")).toEqual({ cd: "1:9-1:17", verb: "cd", target: "../..", joinedBy: ";" });
    expect(joined("cd /tmp; x")).toBeUndefined();
  });

  it("starts where the snippet says, or unknown", () => {
    const host = new SourceFile("evio/x.sh", "x\ncd ..\ny");
    const inMember = extractCommands(wholeFileSnippet(host, "shell", "shell", "evio"), { rootAbs: ROOT });
    expect(inMember.commands.map((c) => describeCommand(c, host))).toEqual(["x [] @evio «x»", "cd [..] @evio «cd ..»", "y [] @. «y»"]);
    const unknown = extractCommands(wholeFileSnippet(host, "shell", "shell", null), { rootAbs: ROOT });
    expect(unknown.commands.map((c) => c.cwd.kind)).toEqual(["unknown", "unknown", "unknown"]);
  });
});

describe("words", () => {
  // Brace expansion is not performed: `{a,b}` stays one literal word, as doc placeholders like
  // `{name}` need.
  it.each<{ code: string; values: (string | null)[] }>([
    { code: `cmd "a b" 'a' a\\ b "x"'y'z`, values: ["cmd", "a b", "a", "a b", "xyz"] },
    { code: `cmd "a\\"b" 'a\\b' $'c' "\\$HOME"`, values: ["cmd", 'a"b', "a\\b", "c", "$HOME"] },
    { code: `cmd $X "$X" "\${X}/bin" a$X ~/x {a,b} $((1+1))`, values: ["cmd", null, null, null, null, "~/x", "{a,b}", null] },
    { code: `pip install "x==1.0" 'y[extra]>=2'`, values: ["pip", "install", "x==1.0", "y[extra]>=2"] },
  ])("$code", ({ code, values }) => {
    const { commands } = commandsOf(code);
    expect(commands).toHaveLength(1);
    expect(commands[0]!.words.map((w) => w.value)).toEqual(values);
  });

  it.each<Case>([
    // A command word built from $VAR is unknown, never guessed (contract.md).
    { code: "$PIP install x", commands: ["? [install x] @. «$PIP install x»"] },
    { code: '"${X}/bin/pip" install x', commands: ['? [install x] @. «"${X}/bin/pip" install x»'] },
    { code: "$(which pip) install x", commands: ["? [install x] @. «$(which pip) install x»", "which [pip] @. «which pip»"] },
    { code: "/nix/store/abc-pip/bin/pip3 install x", commands: ["pip3 [install x] @. «/nix/store/abc-pip/bin/pip3 install x»"] },
    { code: "./.venv/bin/pip install x", commands: ["pip [install x] @. «./.venv/bin/pip install x»"] },
    { code: "'pip' install x", commands: ["pip [install x] @. «'pip' install x»"] },
    { code: "python3.11 -m pip install x", commands: ["python3.11 [-m pip install x] @. «python3.11 -m pip install x»"] },
  ])("$code", (c) => {
    check(c);
  });

  it("keeps the host text and range of each word", () => {
    const { cmd, host } = only(`pip install "x y" 'z'`, "pip");
    expect(cmd.words.map((w) => [w.text, span(host, w.range), w.placeholder, w.opaque])).toEqual([
      ["pip", "1:1-1:4", false, false],
      ["install", "1:5-1:12", false, false],
      ['"x y"', "1:13-1:18", false, false],
      ["'z'", "1:19-1:22", false, false],
    ]);
    expect(cmd.arg(0)).toBe("install");
    expect(cmd.arg(1)).toBe("x y");
  });
});

describe("alias bodies", () => {
  it.each<Case>([
    {
      code: "alias a='uv run --package evio python scripts/x.py'",
      commands: [
        "alias [a=uv run --package evio python scripts/x.py] @. «alias a='uv run --package evio python scripts/x.py'»",
        "uv [run --package evio python scripts/x.py] @. alias=a «uv run --package evio python scripts/x.py»",
        "uv>python [scripts/x.py] @. alias=a «python scripts/x.py»",
      ],
      at: { 1: "1:10-1:51", 2: "1:32-1:51" },
    },
    { code: "alias ll=ls", commands: ["alias [ll=ls] @. «alias ll=ls»", "ls [] @. alias=ll «ls»"], at: { 1: "1:10-1:12" } },
    { code: 'alias a="pip install x"', commands: ["alias [a=pip install x] @. «alias a=\"pip install x\"»", "pip [install x] @. alias=a «pip install x»"], at: { 1: "1:10-1:23" } },
    {
      code: "alias b='pip list' c=\"uv sync\"",
      commands: ["alias [b=pip list c=uv sync] @. «alias b='pip list' c=\"uv sync\"»", "pip [list] @. alias=b «pip list»", "uv [sync] @. alias=c «uv sync»"],
      at: { 1: "1:10-1:18", 2: "1:23-1:30" },
    },
    {
      code: "cd evio\nalias t='cd .. && pytest'\nx",
      commands: ["cd [evio] @. «cd evio»", "alias [t=cd .. && pytest] @evio «alias t='cd .. && pytest'»", "cd [..] @evio alias=t «cd ..»", "pytest [] @. alias=t «pytest»", "x [] @evio «x»"],
    },
    { code: "alias\nalias -p\nalias ll", commands: ["alias [] @. «alias»", "alias [-p] @. «alias -p»", "alias [ll] @. «alias ll»"] },
  ])("$code", (c) => {
    check(c);
  });
});

describe("assignments", () => {
  const assigns = (cmd: Command) => cmd.assignments.map((a) => `${a.exported ? "export " : ""}${a.name}=${a.value === null ? "(none)" : (a.value.value ?? "$")}`);

  it.each<{ code: string; commands: string[]; assignments: string[][] }>([
    { code: "export PIP_USER=1", commands: ["export [PIP_USER=1] @. «export PIP_USER=1»"], assignments: [["export PIP_USER=1"]] },
    { code: "export A B=2", commands: ["export [A B=2] @. «export A B=2»"], assignments: [["export A=(none)", "export B=2"]] },
    { code: "declare -x E=1", commands: ["declare [-x E=1] @. «declare -x E=1»"], assignments: [["export E=1"]] },
    { code: "local C=3", commands: ["local [C=3] @. «local C=3»"], assignments: [["C=3"]] },
    { code: "PYTHONUSERBASE=/x", commands: ["? [] @. «PYTHONUSERBASE=/x»"], assignments: [["PYTHONUSERBASE=/x"]] },
    { code: 'V="$HOME/x"', commands: ['? [] @. «V="$HOME/x"»'], assignments: [["V=$"]] },
    { code: "A=1 pip install", commands: ["pip [install] @. «pip install»"], assignments: [["A=1"]] },
    { code: "A=1 B=2 pip install", commands: ["pip [install] @. «pip install»"], assignments: [["A=1", "B=2"]] },
    { code: "A=1 B=2", commands: ["? [] @. «A=1 B=2»"], assignments: [["A=1", "B=2"]] },
  ])("$code", ({ code, commands, assignments }) => {
    const found = check({ code, commands });
    expect(found.map(assigns)).toEqual(assignments);
  });

  it("gives the assignment its own range", () => {
    const { cmd, host } = only("A=1 PIP_USER=yes pip install x", "pip");
    expect(cmd.assignments.map((a) => span(host, a.range))).toEqual(["1:1-1:4", "1:5-1:17"]);
    expect(span(host, cmd.range)).toBe("1:18-1:31");
    expect(span(host, cmd.fullRange)).toBe("1:1-1:31");
  });
});

describe("positions are UTF-16 columns in the host", () => {
  it.each<Case>([
    { code: "# ❌ é 😀\npip install x", commands: ["pip [install x] @. «pip install x»"], at: { 0: "2:1-2:14" } },
    { code: 'echo "é😀" && pip install x', commands: ['echo [é😀] @. «echo "é😀"»', "pip [install x] @. «pip install x»"], at: { 0: "1:1-1:11", 1: "1:15-1:28" } },
    { code: "echo ❌ é 😀; bash -c 'pip install x'", commands: ["echo [❌ é 😀] @. «echo ❌ é 😀»", "bash [-c pip install x] @. «bash -c 'pip install x'»", "bash>pip [install x] @. «pip install x»"], at: { 2: "1:23-1:36" } },
    {
      code: "cd a\r\npip install x\r\n",
      commands: ["cd [a] @. «cd a»", "pip [install x] @a «pip install x»"],
      at: { 0: "1:1-1:5", 1: "2:1-2:14" },
    },
    {
      code: "uv run --package evio \\\r\n  python x.py\r\n",
      commands: ["uv [run --package evio python x.py] @. «uv run --package evio \\\r\n  python x.py»", "uv>python [x.py] @. «python x.py»"],
      at: { 0: "1:1-2:14", 1: "2:3-2:14" },
    },
    { code: "A=1 B=2\r\npip install x\r\n", commands: ["? [] @. «A=1 B=2»", "pip [install x] @. «pip install x»"], at: { 1: "2:1-2:14" } },
    {
      code: "# 😀\r\ncd a && \\\r\n  pip install x\r\n",
      commands: ["cd [a] @. «cd a»", "pip [install x] @a «pip install x»"],
      at: { 1: "3:3-3:16" },
    },
  ])("$code", (c) => {
    check(c);
  });
});

describe("positions inside sub-snippets", () => {
  it.each<Case>([
    {
      code: "bash -c 'cd a && pip install x'",
      commands: ["bash [-c cd a && pip install x] @. «bash -c 'cd a && pip install x'»", "bash>cd [a] @. «cd a»", "bash>pip [install x] @a «pip install x»"],
      at: { 1: "1:10-1:14", 2: "1:18-1:31" },
    },
    {
      code: 'bash -c "pip install \\"x\\""',
      commands: ['bash [-c pip install "x"] @. «bash -c "pip install \\"x\\""»', 'bash>pip [install x] @. «pip install \\"x\\"»'],
      at: { 1: "1:10-1:27" },
    },
    {
      code: "# é\n  sudo bash -c 'echo 😀 && pip install x'",
      commands: [
        "sudo [bash -c echo 😀 && pip install x] @. «sudo bash -c 'echo 😀 && pip install x'»",
        "sudo>bash [-c echo 😀 && pip install x] @. «bash -c 'echo 😀 && pip install x'»",
        "sudo>bash>echo [😀] @. «echo 😀»",
        "sudo>bash>pip [install x] @. «pip install x»",
      ],
      at: { 3: "2:28-2:41" },
    },
    {
      code: "nix-shell --run \"bash -c 'pip install x'\"",
      commands: [
        "nix-shell [--run bash -c 'pip install x'] @. «nix-shell --run \"bash -c 'pip install x'\"»",
        "nix-shell>bash [-c pip install x] @. «bash -c 'pip install x'»",
        "nix-shell>bash>pip [install x] @. «pip install x»",
      ],
      at: { 1: "1:18-1:41", 2: "1:27-1:40" },
    },
  ])("$code", (c) => {
    check(c);
  });

  it("maps each word of the inner command back to the host", () => {
    const { cmd, host } = only('bash -c "pip install \\"x\\""', "pip");
    expect(cmd.words.map((w) => [w.value, w.text, span(host, w.range)])).toEqual([
      ["pip", "pip", "1:10-1:13"],
      ["install", "install", "1:14-1:21"],
      ["x", '\\"x\\"', "1:22-1:27"],
    ]);
  });
});

describe("parse problems and size", () => {
  it.each<{ code: string; problems: string[] }>([
    { code: 'echo "unterminated', problems: ["unterminated quoted string @1:6"] },
    { code: '# ❌ é 😀\necho "é😀', problems: ["unterminated quoted string @2:6"] },
    { code: "pip install x )\nuv sync", problems: ["unexpected `)` @1:15"] },
    { code: "for x in; do", problems: ["unexpected `in` @1:7", "missing `done` @1:13"] },
  ])("$code", ({ code, problems }) => {
    const { problems: found, host } = commandsOf(code);
    expect(found.map((p) => `${p.message} @${host.positionAt(p.range.start).line}:${host.positionAt(p.range.start).column}`)).toEqual(problems);
  });

  it("keeps the commands around a syntax error", () => {
    const { commands, host } = commandsOf("pip install x )\nuv sync");
    expect(commands.map((c) => describeCommand(c, host))).toEqual(["pip [install x] @. «pip install x»", "uv [sync] @. «uv sync»"]);
  });

  it("reports no problems for a nested string", () => {
    expect(commandsOf("bash -c 'echo \"unterminated'").problems).toEqual([]);
  });

  it("reads a 5,000-line script", () => {
    const block = ["cd evio", "uv run --package evio python scripts/x.py", 'echo "é😀 $(pip --version)"', "cd ..", "A=1 B=2"];
    const code = Array.from({ length: 1000 }, () => block.join("\n")).join("\n") + "\n";
    const { commands, problems, host } = commandsOf(code);
    expect(host.lineCount).toBe(5001);
    expect(problems).toEqual([]);
    expect(commands).toHaveLength(7000);
    const last = commands.filter((c) => c.name === "python").at(-1)!;
    expect(last.cwd).toMatchObject({ kind: "known", path: "evio" });
    expect(span(host, last.range)).toBe("4997:23-4997:42");
  });
});

describe("a subshell's statements share one directory", () => {
  it.each([
    ["(cd evio; python x.py); y", ["cd [evio] @.", "python [x.py] @evio", "y [] @."]],
    ["(cd evio\npython x.py)\ny", ["cd [evio] @.", "python [x.py] @evio", "y [] @."]],
    // a bare $(...) also runs its output as a command, whose name nobody knows
    ["$(cd evio; pwd)", ["? [] @.", "cd [evio] @.", "pwd [] @evio"]],
  ])("%j", (code, expected) => {
    const r = commandsOf(code);
    expect(r.commands.map((c) => describeCommand(c, r.host).replace(/ «.*»$/, ""))).toEqual(expected);
  });
});
