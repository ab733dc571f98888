import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { defineRule } from "../../src/engine/define-rule.js";
import { loadRules } from "../../rules/index.js";
import { createEnv } from "../../src/engine/run.js";
import { fixText } from "../../src/fix/apply.js";
import { breakerRule } from "../harness/breaker.js";
import { cli, lintJson, makeRepo, where } from "../harness/repo.js";

describe("suppression comments in every comment syntax", () => {
  it.each([
    ["shell next-line with a reason", "a.sh", "# evio-lint-disable-next-line no-pip -- vendored bootstrap\npip install x\npip install y\n", ["a.sh:3:1 no-pip"]],
    ["shell same line", "a.sh", "pip install x # evio-lint-disable-line no-pip\n", []],
    ["shell whole file", "a.sh", "# evio-lint-disable-file no-pip\npip install x\npip install y\n", []],
    ["shell range", "a.sh", "# evio-lint-disable no-pip\npip install x\n# evio-lint-enable no-pip\npip install y\n", ["a.sh:4:1 no-pip"]],
    ["all rules", "a.sh", "# evio-lint-disable-next-line\npip install x\n", []],
    ["inside a Nix shellHook", "flake.nix", "{ pkgs }: pkgs.mkShell {\n  shellHook = ''\n    # evio-lint-disable-next-line no-pip\n    pip install x\n  '';\n}\n", []],
    ["Nix comment before the binding line", "flake.nix", "{ pkgs }: pkgs.mkShell {\n  # evio-lint-disable-next-line no-pip\n  shellHook = \"pip install x\";\n}\n", []],
    ["Markdown comment before a fenced block", "docs/a.md", "<!-- evio-lint-disable-next-line no-pip -- historical -->\n\n```bash\npip install x\npip install y\n```\n\n```bash\npip install z\n```\n", ["docs/a.md:9:1 no-pip"]],
    ["Markdown # comment inside a block", "docs/a.md", "```bash\n# evio-lint-disable-next-line no-pip\npip install x\n```\n", []],
    ["YAML", ".github/workflows/ci.yml", "jobs:\n  t:\n    steps:\n      # evio-lint-disable-next-line no-pip\n      - run: pip install x\n", []],
  ])("%s", async (_name, file, text, expected) => {
    const dir = makeRepo({ [file]: text });
    const { report } = await lintJson(dir);
    expect(where(report)).toEqual(expected);
  });

  it("a directive that suppresses nothing is reported and removed by --fix, once", async () => {
    const script = "#!/bin/sh\n# evio-lint-disable-next-line no-pip -- no longer needed\nuv sync\nuv run pytest # evio-lint-disable-line no-pip\n";
    const dir = makeRepo({ "a.sh": script });
    const { report } = await lintJson(dir);
    expect(where(report)).toEqual(["a.sh:2:1 unused-disable-directive", "a.sh:4:15 unused-disable-directive"]);
    expect(report.diagnostics.every((d) => d.severity === "warning" && d.fix?.safety === "safe")).toBe(true);
    expect((await cli(dir, ["--fix"])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.sh"), "utf8")).toBe("#!/bin/sh\nuv sync\nuv run pytest\n");
    const again = await lintJson(dir, ["--fix"]);
    expect(again.report.summary.fixed).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.sh"), "utf8")).toBe("#!/bin/sh\nuv sync\nuv run pytest\n");
  });

  it("an unknown rule in a directive is named; a partly used directive keeps its fix off", async () => {
    const dir = makeRepo({ "a.sh": "# evio-lint-disable-next-line no-pipp\nuv sync\n# evio-lint-disable-next-line no-pip, unused-disable-directive\npip install x\n" });
    const { report } = await lintJson(dir);
    expect(report.diagnostics.map((d) => [d.range.start.line, d.message, d.fix === undefined])).toEqual([
      [1, "`no-pipp` is not an evio-lint rule; remove or correct the directive.", false],
      [3, "Unused `evio-lint-disable-next-line` for `unused-disable-directive`: nothing here is reported. Remove those rule ids.", true],
    ]);
  });

  it("a directive for a rule that is off is not called unused", async () => {
    const dir = makeRepo({ "a.sh": "# evio-lint-disable-next-line no-pip\nuv sync\n" });
    expect(where((await lintJson(dir, ["--rule", "no-pip=off"])).report)).toEqual([]);
  });
});

describe("--fix writes safely", () => {
  const unused = "# evio-lint-disable-next-line no-pip\n";

  it("keeps mode, BOM and CRLF line endings, and leaves no temp file", async () => {
    const text = "\ufeff#!/bin/sh\r\n" + unused.replace("\n", "\r\n") + "uv sync\r\n";
    const dir = makeRepo({ "run.sh": text });
    fs.chmodSync(path.join(dir, "run.sh"), 0o751);
    expect((await cli(dir, ["--fix"])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "run.sh"), "utf8")).toBe("\ufeff#!/bin/sh\r\nuv sync\r\n");
    expect(fs.statSync(path.join(dir, "run.sh")).mode & 0o777).toBe(0o751);
    expect(fs.readdirSync(dir).filter((f) => f.includes("evio-lint"))).toEqual([]);
  });

  it("--fix-dry-run prints a unified diff and writes nothing", async () => {
    const dir = makeRepo({ "run.sh": "#!/bin/sh\n" + unused + "uv sync\n" });
    const r = await cli(dir, ["--fix-dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      ["--- a/run.sh", "+++ b/run.sh", "@@ -1,3 +1,2 @@", " #!/bin/sh", "-# evio-lint-disable-next-line no-pip", " uv sync", ""].join("\n"),
    );
    expect(fs.readFileSync(path.join(dir, "run.sh"), "utf8")).toBe("#!/bin/sh\n" + unused + "uv sync\n");
  });

  it("a fix whose result does not parse is dropped and reported, and the file is untouched", async () => {
    // A deliberately broken rule, to prove the engine guards every rule's fixes.
    const breaker = breakerRule((cmd) => cmd.name === "uv");
    const dir = makeRepo({ "run.sh": "uv sync\n" });
    const rules = [...(await loadRules()), breaker];
    const env = createEnv({ rootAbs: dir, config: loadConfig(dir, rules), rules });
    const outcome = await fixText("run.sh", "shell", "uv sync\n", env, { unsafe: false });
    expect(outcome.fixed).toBe(0);
    expect(outcome.text).toBe("uv sync\n");
    expect(outcome.dropped).toEqual([{ rule: "test-breaker", message: "test", offset: 0, reason: expect.stringMatching(/^the result does not parse \(1:1 /) }]);
  });

  it("a rule that reports a fix kind it did not declare is an internal error (exit 2), not a silent fix", async () => {
    const liar = defineRule({
      id: "test-liar",
      severity: "error",
      fix: "suggestion",
      messages: { m: "x" },
      docs: { summary: "t", why: "t", examples: [], fixSafety: "t" },
      on: { command(cmd, ctx) { ctx.report(cmd.range, "m", undefined, { fix: { safety: "safe", description: "d", edits: [ctx.replace(cmd.range, "x")] } }); } },
    });
    const dir = makeRepo({ "run.sh": "uv sync\n" });
    const rules = [...(await loadRules()), liar];
    const env = createEnv({ rootAbs: dir, config: loadConfig(dir, rules), rules });
    await expect(fixText("run.sh", "shell", "uv sync\n", env, { unsafe: false })).rejects.toThrow('test-liar declares fix "suggestion" but reported a safe fix');
  });
});

describe("--fix in a file with a BOM", () => {
  it("edits at the right offsets and keeps the BOM", async () => {
    // Offsets never count the BOM; an off-by-one here would eat the wrong characters.
    const dir = makeRepo({ "a.sh": "\ufeffecho hi # evio-lint-disable-line no-pip\nuv sync\n" });
    expect((await cli(dir, ["--fix"])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.sh"), "utf8")).toBe("\ufeffecho hi\nuv sync\n");
  });
});
