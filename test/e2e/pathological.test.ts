import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { loadRules } from "../../rules/index.js";
import { createEnv } from "../../src/engine/run.js";
import { fixText } from "../../src/fix/apply.js";
import { breakerRule } from "../harness/breaker.js";
import { lintJson, makeRepo, where } from "../harness/repo.js";

// Issue 11.9: inputs that used to take minutes. Their timings are in `npm run bench`; these
// tests pin what the user gets.

describe("pathological input", () => {
  it("a Nix application with 10,000 arguments is analysed, not given up on", async () => {
    const chain = "f " + Array.from({ length: 10_000 }, () => "a").join(" ");
    const flake = `{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.uv (${chain}) ];\n  shellHook = ''\n    pip install x\n  '';\n}\n`;
    const dir = makeRepo({ "shell.nix": flake });
    const { code, report } = await lintJson(dir);
    expect(code).toBe(1);
    expect(where(report)).toEqual(["shell.nix:4:5 no-pip"]);
  });

  it("160 KB of unclosed `${` is a parse-error over the parse budget, and the other files are linted", async () => {
    const dir = makeRepo({ "brace.sh": "#!/bin/bash\n" + "${".repeat(80_000) + "\n", "ok.sh": "pip install x\n" });
    const { code, report } = await lintJson(dir);
    expect(code).toBe(1);
    expect(where(report)).toEqual(["brace.sh:1:1 parse-error", "ok.sh:1:1 no-pip"]);
    expect(report.diagnostics[0]!.message).toMatch(/^Shell script too complex to analyse within \d+ ms of CPU time; it was not checked\.$/);
  });

  it("one fix that breaks the parse among hundreds is found and dropped; the rest apply", async () => {
    // A deliberately broken rule: its fix of `uv sync` does not parse. First in the file, so the
    // other fixes do not move it (a moved fix is tried again in a later pass).
    const breaker = breakerRule((cmd) => cmd.name === "uv" && cmd.arg(0) === "sync");
    const lines = Array.from({ length: 300 }, (_, i) => (i === 0 ? "uv sync" : `pip install p${i}`));
    const text = lines.join("\n") + "\n";
    const dir = makeRepo({ "pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\n', "run.sh": text });
    const rules = [...(await loadRules()), breaker];
    const env = createEnv({ rootAbs: dir, config: loadConfig(dir, rules), rules });
    const outcome = await fixText("run.sh", "shell", text, env, { unsafe: false });
    expect(outcome.fixed).toBe(299);
    expect(outcome.text).toBe(lines.map((l) => (l === "uv sync" ? l : l.replace("pip install", "uv add --package evio-core"))).join("\n") + "\n");
    expect(outcome.dropped).toEqual([{ rule: "test-breaker", message: "test", offset: text.indexOf("uv sync"), reason: expect.stringMatching(/^the result does not parse \(1:1 Shell syntax error: unexpected `if`/) }]);
  });
});
