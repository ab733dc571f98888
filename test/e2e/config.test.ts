import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, lintJson, makeRepo, PACKAGE_ROOT, where } from "../harness/repo.js";

const script = { "scripts/a.sh": "pip install x\n", "docs/a.md": "```bash\npip install y\n```\n" };

describe("config file validation: exit 2, naming the file, line, column and key", () => {
  it.each([
    ["an unknown top-level key", `{\n  "rulez": {}\n}\n`, ".evio-lint.json:2:3: unknown key \"rulez\""],
    ["an unknown rule id, with a guess", `{\n  "rules": {\n    "no-pipp": "off"\n  }\n}\n`, '.evio-lint.json:3:5: unknown rule "no-pipp" (did you mean "no-pip"?)'],
    // Issue 13: ESLint's numeric severities are accepted, so the message names them
    ["a bad severity", `{ "rules": { "no-pip": "fatal" } }`, '.evio-lint.json:1:24: bad setting for rule "no-pip": expected "off", "warn", "error" (or 0, 1, 2) or ["error", { options }]'],
    ["a severity spelled out, with a guess", `{ "rules": { "no-pip": "warning" } }`, '.evio-lint.json:1:24: bad setting for rule "no-pip" (did you mean "warn"?): expected'],
    ["a misspelt severity in an array, with a guess", `{ "rules": { "no-pip": ["eror", {}] } }`, '.evio-lint.json:1:25: bad value for rules.no-pip.0 (did you mean "error"?)'],
    ["a numeric severity out of range", `{ "rules": { "no-pip": 3 } }`, '.evio-lint.json:1:24: bad setting for rule "no-pip": expected'],
    ["an unknown top-level key close to a real one", `{ "ignore": [] }`, '.evio-lint.json:1:3: unknown key "ignore" (did you mean "ignores"?)'],
    ["an unknown nested key close to a real one", `{ "markdown": { "inlineCod": "off" } }`, '.evio-lint.json:1:17: unknown key "inlineCod" in markdown (did you mean "inlineCode"?)'],
    ["an unknown key in an override", `{ "overrides": [ { "files": ["a"], "rule": {} } ] }`, '.evio-lint.json:1:36: unknown key "rule" in overrides.0 (did you mean "rules"?)'],
    ["a misspelt inlineCode value", `{ "markdown": { "inlineCode": "warning" } }`, '.evio-lint.json:1:31: bad value for markdown.inlineCode (did you mean "warn"?)'],
    ["an unknown option", `{ "rules": { "no-pip": ["error", { "bogus": 1 }] } }`, '.evio-lint.json:1:36: unknown key "bogus" in rules.no-pip.1'],
    ["an override without files", `{ "overrides": [ { "rules": {} } ] }`, ".evio-lint.json:1:18: bad value for overrides.0: must have required property 'files'"],
    ["a bad inlineCode value", `{ "markdown": { "inlineCode": "loud" } }`, '.evio-lint.json:1:31: bad value for markdown.inlineCode: expected one of "off", "warn", "error"'],
    // Issue 10: trailing commas are JSONC, not an error; an unclosed object still is.
    ["invalid JSON", `{ "rules": { "no-pip": "off", } `, ".evio-lint.json:1:33: invalid JSON (CloseBraceExpected)"],
    ["a defaultMember that is no PEP 508 name", `{\n  "defaultMember": "evio core"\n}\n`, ".evio-lint.json:2:20: bad value for defaultMember: not a valid package name"],
  ])("%s", async (_name, config, message) => {
    const dir = makeRepo({ ".evio-lint.json": config, ...script });
    const r = await cli(dir, []);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(`evio-lint: ${message}`), r.stderr).toBe(true);
  });

  it("--config names another file; a missing one is a usage error", async () => {
    const dir = makeRepo({ "ci.json": `{ "rules": { "no-pip": "off" } }`, ...script });
    expect((await cli(dir, ["--config", "ci.json"])).code).toBe(0);
    const missing = await cli(dir, ["--config", "nope.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.json: config file not found");
  });
});

// Issue 10: a typo in defaultMember would make no-pip's safe fix write `uv add --package <typo>`.
describe("defaultMember must name a workspace member", () => {
  const ws = {
    "pyproject.toml": '[tool.uv.workspace]\nmembers = ["libs/*"]\n',
    "libs/evio-core/pyproject.toml": '[project]\nname = "evio-core"\nversion = "0.1.0"\n',
    ...script,
  };

  it("a name that is no member: exit 2, file:line:col, the key and a guess", async () => {
    const dir = makeRepo({ ...ws, ".evio-lint.json": `{\n  "rules": {},\n  "defaultMember": "evio-cor"\n}\n` });
    const r = await cli(dir, []);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('evio-lint: .evio-lint.json:3:20: defaultMember "evio-cor" names no workspace member (did you mean "evio-core"?)\n');
  });

  it("a member's name in any PEP 503 spelling is accepted", async () => {
    const dir = makeRepo({ ...ws, ".evio-lint.json": `{ "defaultMember": "Evio_Core" }` });
    const r = await lintJson(dir, ["--rule", "single-lockfile=off"]);
    expect(r.code).toBe(1);
    const fixes = r.report.diagnostics.map((d) => `${d.file} ${d.rule} ${d.fix?.safety} ${d.fix?.edits.map((e) => e.text).join("")}`);
    expect(fixes).toEqual(["docs/a.md no-pip safe uv add --package evio-core", "scripts/a.sh no-pip safe uv add --package evio-core"]);
  });
});

describe(".evio-lint.json is JSONC", () => {
  it("comments and trailing commas are accepted", async () => {
    const config = `// evio-lint settings\n{\n  /* docs are plans */\n  "rules": { "no-pip": "warn", },\n  "overrides": [{ "files": ["docs/**"], "rules": { "no-pip": "off" } },],\n}\n`;
    const dir = makeRepo({ ".evio-lint.json": config, ...script });
    const { code, report } = await lintJson(dir);
    expect(code).toBe(0);
    expect(report.diagnostics.map((d) => `${d.file} ${d.rule} ${d.severity}`)).toEqual(["scripts/a.sh no-pip warning"]);
  });

  it("an unterminated comment is a config error at its place, not an internal error", async () => {
    const dir = makeRepo({ ".evio-lint.json": `{\n  "rules": {} /* oops\n}\n`, ...script });
    const r = await cli(dir, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^evio-lint: \.evio-lint\.json:2:\d+: invalid JSON \(\w+\)\n$/);
    expect(r.stderr).not.toContain("internal error");
  });
});

describe("config semantics", () => {
  it("overrides apply by glob, in order; --rule wins over the file", async () => {
    const config = { rules: { "no-pip": "warn" }, overrides: [{ files: ["docs/**"], rules: { "no-pip": "off" } }] };
    const dir = makeRepo({ ".evio-lint.json": JSON.stringify(config), ...script });
    const { code, report } = await lintJson(dir);
    expect(code).toBe(0);
    expect(report.diagnostics.map((d) => `${d.file} ${d.severity}`)).toEqual(["scripts/a.sh warning"]);
    expect(where((await lintJson(dir, ["--rule", "no-pip=error"])).report)).toEqual(["docs/a.md:2:1 no-pip", "scripts/a.sh:1:1 no-pip"]);
  });

  // Issue 13: ESLint users write 0/1/2; they mean off/warn/error, in rules, overrides and --rule.
  it("numeric severities 0, 1, 2 mean off, warn, error", async () => {
    const config = { rules: { "no-pip": 1, "no-bare-python": 0 }, overrides: [{ files: ["docs/**"], rules: { "no-pip": [2] } }] };
    const dir = makeRepo({ ".evio-lint.json": JSON.stringify(config), ...script, "scripts/b.sh": "python x.py\n" });
    const { code, report } = await lintJson(dir, ["--rule", "run-path-exists=0"]);
    expect(code).toBe(1);
    expect(report.diagnostics.map((d) => `${d.file} ${d.rule} ${d.severity}`)).toEqual(["docs/a.md no-pip error", "scripts/a.sh no-pip warning"]);
    const cliOff = await lintJson(dir, ["--rule", "no-pip=0", "--rule", "run-path-exists=0"]);
    expect(cliOff.report.diagnostics).toEqual([]);
  });

  it("custom counter-example markers and inline code off", async () => {
    const doc = "Nope:\n\n```bash\npip install y\n```\n\nRun `pip install z` now.\n";
    const dir = makeRepo({ ".evio-lint.json": JSON.stringify({ markdown: { counterExampleMarkers: ["Nope"], inlineCode: "off" } }), "docs/a.md": doc });
    expect(where((await lintJson(dir)).report)).toEqual([]);
  });

  it("--print-config shows the resolved config for a file", async () => {
    const config = { rules: { "no-pip": "warn" }, overrides: [{ files: ["docs/**"], rules: { "no-pip": "off" } }], defaultMember: "evio" };
    const dir = makeRepo({ ".evio-lint.json": JSON.stringify(config), ...script });
    const r = await cli(dir, ["--print-config", "docs/a.md"]);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.file).toBe("docs/a.md");
    expect(printed.rules["no-pip"]).toEqual({ severity: "off", options: {} });
    expect(printed.rules["parse-error"]).toEqual({ severity: "error", options: {} });
    expect(printed.defaultMember).toBe("evio");
    expect(JSON.parse((await cli(dir, ["--print-config", "scripts/a.sh"])).stdout).rules["no-pip"].severity).toBe("warning");
  });

  it("this repository's own .evio-lint.json validates against the shipped schema", async () => {
    const r = await cli(PACKAGE_ROOT, ["--print-config", "README.md"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const schema = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "schema/config.schema.json"), "utf8"));
    expect(Object.keys(schema.properties.rules.properties)).toContain("no-pip");
  });
});
