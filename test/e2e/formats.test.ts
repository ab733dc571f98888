import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/cli/version.js";
import type { AnyRule } from "../../src/engine/define-rule.js";
import { compareDiagnostics, type Diagnostic } from "../../src/engine/diagnostic.js";
import { Linter } from "../../src/engine/linter.js";
import { escapeData, escapeProperty, formatGithub } from "../../src/report/github.js";
import type { RunResult } from "../../src/report/result.js";
import { FINGERPRINT_KEY, formatSarif } from "../../src/report/sarif.js";
import type { SourceFile } from "../../src/text/source-file.js";
import { cli, makeRepo, positionOf } from "../harness/repo.js";
import { validate } from "../harness/sarif.js";

const WORKSPACE = '[tool.uv.workspace]\nmembers = ["packages/*"]\n';
const MEMBER = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';

const FLAKE = [
  "{",
  "  # ❌ é 😀 a comment with wide characters",
  "  outputs = { self, nixpkgs }: {",
  "    devShells.x86_64-linux.default = nixpkgs.legacyPackages.x86_64-linux.mkShell {",
  "      shellHook = ''",
  '        echo "é😀 ready"',
  "        ${nixpkgs.legacyPackages.x86_64-linux.python3}/bin/pip install --user -r requirements-dev.txt",
  "      '';",
  "    };",
  "  };",
  "}",
  "",
].join("\n");
const HOOK_PIP = "${nixpkgs.legacyPackages.x86_64-linux.python3}/bin/pip install --user -r requirements-dev.txt";

const DOC = ["# Setup 😀", "", "1. Install:", "", "   ```bash", "   # é é", "   python3 -m pip install -r requirements.txt", "   ```", ""].join("\n");
const DOC_PIP = "python3 -m pip install -r requirements.txt";

const SETUP = "#!/bin/sh\n# ❌ é 😀\nuv sync && pip install requests\n";

const WORKSPACE_FILES = { "pyproject.toml": WORKSPACE, "packages/core/pyproject.toml": MEMBER };
/** linted; the workspace files are only context (rules about them are not what these tests are about) */
const FILES: Record<string, string> = {
  "packages/core/setup.sh": SETUP,
  "flake.nix": FLAKE,
  "docs/setup.md": DOC,
  "scripts/set up,env.sh": "uv sync\npip install httpx\n",
};

/** What the CLI hands a formatter, built from the engine's own per-file results. */
async function lintFiles(dir: string, files: Record<string, string>): Promise<{ result: RunResult; rules: readonly AnyRule[] }> {
  const linter = await Linter.create({ cwd: dir });
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, SourceFile>();
  for (const [rel, text] of Object.entries(files)) {
    const report = await linter.lint(rel, text);
    if (report.source) sources.set(rel, report.source);
    diagnostics.push(...report.diagnostics);
  }
  diagnostics.sort(compareDiagnostics);
  return {
    result: { root: linter.root, version: VERSION, files: Object.keys(files).length, diagnostics, sources, fixed: 0, unsafeFixes: false },
    rules: linter.rules,
  };
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset: number;
  charLength: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion } }[];
  partialFingerprints: Record<string, string>;
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }[] }[];
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: Record<string, unknown>[] } };
    invocations: { executionSuccessful: boolean }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: SarifResult[];
  }[];
}

function regionOf(text: string, needle: string): SarifRegion {
  const start = positionOf(text, needle);
  const before = text.slice(0, start.offset + needle.length);
  const endLine = before.split("\n").length;
  return {
    startLine: start.line,
    startColumn: start.column,
    endLine,
    endColumn: before.length - (before.lastIndexOf("\n") + 1) + 1,
    charOffset: start.offset,
    charLength: needle.length,
  };
}

function applyReplacements(text: string, replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[]): string {
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset)) {
    out = out.slice(0, r.deletedRegion.charOffset) + r.insertedContent.text + out.slice(r.deletedRegion.charOffset + r.deletedRegion.charLength);
  }
  return out;
}

describe("formatSarif", () => {
  it("passes the SARIF validator with no error and no warning", async () => {
    const dir = makeRepo({ ...WORKSPACE_FILES, ...FILES });
    const { result, rules } = await lintFiles(dir, FILES);
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(3);
    const v = validate(formatSarif(result, rules));
    expect(v.status, v.console).toBe(0);
    expect(v.findings.filter((f) => f.level === "error")).toEqual([]);
    expect(v.findings.filter((f) => f.level === "warning")).toEqual([]);
  });

  it("the validator really reads this log: defects planted in it are caught", async () => {
    // The SARIF SDK reports nothing at all for a log it cannot deserialize, so "no findings" above
    // means something only if the same log, slightly broken, gets findings.
    const dir = makeRepo({ ...WORKSPACE_FILES, ...FILES });
    const { result, rules } = await lintFiles(dir, FILES);
    const log = JSON.parse(formatSarif(result, rules)) as SarifLog;
    const run = log.runs[0]!;
    delete run.tool.driver.rules[0]!["help"];
    const late = run.results.find((r) => r.locations[0]!.physicalLocation.region.startLine > 1)!;
    late.locations[0]!.physicalLocation.region.endLine = late.locations[0]!.physicalLocation.region.startLine - 1;
    const v = validate(JSON.stringify(log));
    expect(v.status, v.console).toBe(0);
    expect(v.findings.filter((f) => f.level === "error").map((f) => f.ruleId).sort()).toEqual(["GH2012", "SARIF1007"]);
  });

  it("a clean run is valid SARIF with an empty result list", async () => {
    const dir = makeRepo({ ...WORKSPACE_FILES, "scripts/ok.sh": "uv sync\n" });
    const { result, rules } = await lintFiles(dir, { "scripts/ok.sh": "uv sync\n" });
    const text = formatSarif(result, rules);
    expect((JSON.parse(text) as SarifLog).runs[0]!.results).toEqual([]);
    const v = validate(text);
    expect(v.status, v.console).toBe(0);
    expect(v.findings.filter((f) => f.level === "error")).toEqual([]);
  });

  it("describes the tool, every rule, the root and the column unit", async () => {
    const dir = makeRepo({ ...WORKSPACE_FILES, ...FILES });
    const { result, rules } = await lintFiles(dir, FILES);
    const log = JSON.parse(formatSarif(result, rules)) as SarifLog;
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: `file://${dir}/` } });
    const driver = run.tool.driver;
    expect({ ...driver, rules: undefined }).toEqual({
      name: "evio-lint",
      version: VERSION,
      semanticVersion: VERSION,
      informationUri: "https://github.com/evio-lint/evio-lint",
      rules: undefined,
    });
    expect(driver.rules.map((r) => r["id"])).toEqual(rules.map((r) => r.id));
    const noPip = driver.rules.find((r) => r["id"] === "no-pip")!;
    const rule = rules.find((r) => r.id === "no-pip")!;
    expect(noPip).toMatchObject({
      name: "NoPip",
      shortDescription: { text: `${rule.docs.summary}.` },
      fullDescription: { text: rule.docs.why },
      helpUri: "https://github.com/evio-lint/evio-lint/blob/main/docs/rules/no-pip.md",
      defaultConfiguration: { level: "error" },
      properties: { fixKind: "sometimes-safe" },
    });
    const help = noPip["help"] as { text: string; markdown: string };
    expect(help.markdown).toMatch(/^# no-pip\n/);
    expect(help.markdown).toContain("## Why");
    expect(help.text).toBe(help.markdown);
    for (const r of run.results) expect(driver.rules[r.ruleIndex!]!["id"]).toBe(r.ruleId);
    // artifact URIs are relative references: posix paths, each segment percent-encoded
    expect([...new Set(run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))].sort()).toEqual([
      "docs/setup.md",
      "flake.nix",
      "packages/core/setup.sh",
      "scripts/set%20up%2Cenv.sh",
    ]);
  });

  it("places a finding inside a Nix shellHook and one inside a Markdown block on the host file's text", async () => {
    const dir = makeRepo({ ...WORKSPACE_FILES, ...FILES });
    const { result, rules } = await lintFiles(dir, FILES);
    const run = (JSON.parse(formatSarif(result, rules)) as SarifLog).runs[0]!;
    const inHook = run.results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === "flake.nix" && r.ruleId === "no-pip");
    expect(inHook).toBeDefined();
    expect(inHook!.level).toBe("error");
    expect(inHook!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "flake.nix", uriBaseId: "%SRCROOT%" },
      region: regionOf(FLAKE, HOOK_PIP),
    });
    // the hook line is 8 spaces in: ❌, é, 😀 on an earlier line change nothing here
    expect(regionOf(FLAKE, HOOK_PIP)).toMatchObject({ startLine: 7, startColumn: 9 });

    const inDoc = run.results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === "docs/setup.md");
    expect(inDoc!.ruleId).toBe("no-pip");
    expect(inDoc!.locations[0]!.physicalLocation.region).toEqual(regionOf(DOC, DOC_PIP));
    expect(inDoc!.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 7, startColumn: 4, endColumn: 4 + DOC_PIP.length });

    // UTF-16 code units: "❌ é 😀" is 6 units on line 2, so line 3's offsets count them that way
    const inScript = run.results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === "packages/core/setup.sh")!;
    expect(inScript.locations[0]!.physicalLocation.region).toEqual(regionOf(SETUP, "pip install requests"));
    expect(inScript.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 12, charOffset: 30 });
  });

  it("carries a safe fix as a replacement that rewrites the file like --fix, and suggestions as extra fixes", async () => {
    const script = "pip install requests\npip install -e .\n";
    const files = { "packages/core/setup.sh": script };
    const dir = makeRepo({ ...WORKSPACE_FILES, ...files });
    const { result, rules } = await lintFiles(dir, files);
    const [safe, suggested] = (JSON.parse(formatSarif(result, rules)) as SarifLog).runs[0]!.results;
    expect(safe!.fixes).toHaveLength(1);
    const fix = safe!.fixes![0]!;
    expect(fix.description.text).toBe("Replace with `uv add --package evio-core requests` (safe fix)");
    expect(fix.artifactChanges).toHaveLength(1);
    expect(fix.artifactChanges[0]!.artifactLocation).toEqual({ uri: "packages/core/setup.sh", uriBaseId: "%SRCROOT%" });
    expect(fix.artifactChanges[0]!.replacements).toEqual([
      {
        deletedRegion: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 12, charOffset: 0, charLength: 11 },
        insertedContent: { text: "uv add --package evio-core" },
      },
    ]);
    expect(applyReplacements(script, fix.artifactChanges[0]!.replacements)).toBe("uv add --package evio-core requests\npip install -e .\n");

    expect(suggested!.fixes!.map((f) => f.description.text)).toEqual(["Replace with `uv sync --package evio-core` (suggestion)"]);
    expect(applyReplacements(script, suggested!.fixes![0]!.artifactChanges[0]!.replacements)).toBe("pip install requests\nuv sync --package evio-core\n");
  });

  it("fingerprints survive line moves and tell identical findings in one file apart", async () => {
    const before = "pip install requests\nuv sync\npip install requests\n";
    const after = "#!/bin/sh\n# a header pushes everything down\n\n" + before;
    const dir = makeRepo({ ...WORKSPACE_FILES, "packages/core/setup.sh": before });
    const fingerprints = async (text: string) => {
      const { result, rules } = await lintFiles(dir, { "packages/core/setup.sh": text });
      return (JSON.parse(formatSarif(result, rules)) as SarifLog).runs[0]!.results.map((r) => ({
        line: r.locations[0]!.physicalLocation.region.startLine,
        fp: r.partialFingerprints[FINGERPRINT_KEY]!,
      }));
    };
    const a = await fingerprints(before);
    const b = await fingerprints(after);
    expect(a.map((x) => x.line)).toEqual([1, 3]);
    expect(b.map((x) => x.line)).toEqual([4, 6]);
    expect(b.map((x) => x.fp)).toEqual(a.map((x) => x.fp));
    expect(new Set(a.map((x) => x.fp)).size).toBe(2);
    for (const { fp } of a) expect(fp).toMatch(/^[0-9a-f]{64}$/);
    // another package is another finding
    const c = await fingerprints(before.replace("pip install requests\nuv", "pip install httpx\nuv"));
    expect(c[0]!.fp).not.toBe(a[0]!.fp);
    expect(c[1]!.fp).not.toBe(a[1]!.fp);
  });
});

describe("formatGithub", () => {
  it("prints one workflow command per finding, escaped as the runner reads them", async () => {
    // A real message with %, : and a newline (a quoted pip subcommand), in a file whose name has , and :
    const odd = "pip 'a%b\nc:d'\n";
    const files = {
      "packages/core/setup.sh": "pip install requests\n",
      "scripts/odd,name:x.sh": odd,
      "docs/a.md": "Then run `pip3 install numpy` once.\n",
    };
    const dir = makeRepo({ ...WORKSPACE_FILES, ...files });
    const { result } = await lintFiles(dir, files);
    expect(formatGithub(result)).toBe(
      [
        "::warning file=docs/a.md,line=1,col=11,endLine=1,endColumn=29,title=no-pip::`pip3 install` bypasses uv.lock and the workspace; use `uv add --package <member> numpy`.",
        "::error file=packages/core/setup.sh,line=1,col=1,endLine=1,endColumn=21,title=no-pip::`pip install` bypasses uv.lock and the workspace; use `uv add --package evio-core requests`.",
        "::error file=scripts/odd%2Cname%3Ax.sh,line=1,col=1,endLine=2,endColumn=5,title=no-pip::`pip a%25b%0Ac:d` manages packages outside uv; use uv (`uv add`, `uv remove`, `uv sync`) instead.",
        "",
      ].join("\n"),
    );
  });

  it("escapes exactly what actions/toolkit escapes", () => {
    expect(escapeData("100% done:\r\nnext, then")).toBe("100%25 done:%0D%0Anext, then");
    expect(escapeProperty("a,b:c%d\ne")).toBe("a%2Cb%3Ac%25d%0Ae");
  });

  it("prints nothing for a clean run", async () => {
    const dir = makeRepo({ "scripts/ok.sh": "uv sync\n" });
    const { result } = await lintFiles(dir, { "scripts/ok.sh": "uv sync\n" });
    expect(formatGithub(result)).toBe("");
  });
});

describe("through the CLI", () => {
  it("--format sarif: stdout is a valid SARIF log whose regions land on the shellHook and the Markdown block", async () => {
    const dir = makeRepo({ ...WORKSPACE_FILES, ...FILES });
    const r = await cli(dir, ["--format", "sarif"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const v = validate(r.stdout);
    expect(v.status, v.console).toBe(0);
    expect(v.findings.filter((f) => f.level === "error")).toEqual([]);
    expect(v.findings.filter((f) => f.level === "warning")).toEqual([]);

    const run = (JSON.parse(r.stdout) as SarifLog).runs[0]!;
    expect(run.tool.driver.version).toBe(VERSION);
    expect(run.originalUriBaseIds["%SRCROOT%"]!.uri).toBe(`file://${dir}/`);
    const at = (uri: string, rule: string) =>
      run.results.filter((x) => x.ruleId === rule && x.locations[0]!.physicalLocation.artifactLocation.uri === uri).map((x) => x.locations[0]!.physicalLocation.region);
    expect(at("flake.nix", "no-pip")).toEqual([regionOf(FLAKE, HOOK_PIP)]);
    expect(at("docs/setup.md", "no-pip")).toEqual([regionOf(DOC, DOC_PIP)]);
    expect(at("packages/core/setup.sh", "no-pip")).toEqual([regionOf(SETUP, "pip install requests")]);
  });

  it("--format github: exact workflow commands, and the exit code of any other format", async () => {
    const dir = makeRepo({
      "scripts/setup.sh": "pip install requests\n",
      "scripts/odd,name:x.sh": "pip 'a%b\nc:d'\n",
      "docs/a.md": "Then run `pip3 install numpy` once.\n",
    });
    const r = await cli(dir, ["--format", "github"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "::warning file=docs/a.md,line=1,col=11,endLine=1,endColumn=29,title=no-pip::`pip3 install` bypasses uv.lock and the workspace; use `uv add --package <member> numpy`.",
        "::error file=scripts/odd%2Cname%3Ax.sh,line=1,col=1,endLine=2,endColumn=5,title=no-pip::`pip a%25b%0Ac:d` manages packages outside uv; use uv (`uv add`, `uv remove`, `uv sync`) instead.",
        "::error file=scripts/setup.sh,line=1,col=1,endLine=1,endColumn=21,title=no-pip::`pip install` bypasses uv.lock and the workspace; use `uv add --package <member> requests`.",
        "",
      ].join("\n"),
    );
    const warningsOnly = await cli(dir, ["--format", "github", "--rule", "no-pip=warn"]);
    expect(warningsOnly.code).toBe(0);
    expect(warningsOnly.stdout.split("\n").filter((l) => l.startsWith("::warning ")).length).toBe(3);
  });
});
