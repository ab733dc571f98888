import { describe, expect, it } from "vitest";
import { cli, lintJson, makeRepo, positionOf, type JsonDiagnostic } from "../harness/repo.js";
import { validate } from "../harness/sarif.js";

// Related locations: the other places that explain a finding, in the linted file or another one.

const ROOT = '[tool.uv.workspace]\nmembers = ["packages/*"]\n';
const CORE = '[project]\nname = "evio-core"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n\n[tool.ruff]\ntarget-version = "py313"\n';
const PIN = "# é 😀 the Python uv picks\n3.12\n";
const FLAKE = "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python311 pkgs.uv ];\n}\n";
const TEST_SH = '#!/bin/sh\necho "😀" && cd packages/core\nuv run pytest\n';
const SYNC_SH = "#!/bin/sh\nuv sync --package evio-cor\nuv sync --package zzz\nuv sync --package packages/core\n";
const FILES = {
  "pyproject.toml": ROOT,
  "packages/core/pyproject.toml": CORE,
  ".python-version": PIN,
  "flake.nix": FLAKE,
  "scripts/test.sh": TEST_SH,
  "scripts/sync.sh": SYNC_SH,
};

/** The JSON range of the `nth` occurrence of `needle`, from the text itself (UTF-16 columns). */
function span(text: string, needle: string, nth = 1): JsonDiagnostic["range"] {
  const start = positionOf(text, needle, nth);
  const before = text.slice(0, start.offset + needle.length);
  const end = { line: before.split("\n").length, column: before.length - before.lastIndexOf("\n"), offset: start.offset + needle.length };
  return { start, end };
}

const related = (message: string, file: keyof typeof FILES, needle: string) => ({ message, file, range: span(FILES[file], needle) });

/** What each finding of these rules points at, in report order. */
const EXPECTED = [
  { rule: "python-version-consistent", related: [related("`evio-core` has requires-python `>=3.12`", "packages/core/pyproject.toml", '">=3.12"')] },
  { rule: "python-version-consistent", related: [related(".python-version pins Python 3.12", ".python-version", "3.12")] },
  { rule: "python-version-consistent", related: [related("`[tool.ruff] target-version` targets Python 3.13", "packages/core/pyproject.toml", '"py313"')] },
  { rule: "unknown-package", related: [related("`evio-core` is this member's `[project] name`", "packages/core/pyproject.toml", '"evio-core"')] },
  { rule: "unknown-package", related: [related("the workspace's members are listed here", "pyproject.toml", '["packages/*"]')] },
  { rule: "unknown-package", related: [related("`evio-core` is this member's `[project] name`", "packages/core/pyproject.toml", '"evio-core"')] },
  { rule: "run-from-root", related: [related("`cd packages/core` moves the shell into `packages/core/`", "scripts/test.sh", "cd packages/core")] },
];
const RULES = new Set(EXPECTED.map((e) => e.rule));

describe("related locations", () => {
  it("JSON: each finding's related places, with the main range's shape, in v1", async () => {
    const dir = makeRepo(FILES);
    const { code, report } = await lintJson(dir);
    expect(code).toBe(1);
    expect(report.version).toBe(1);
    const mine = report.diagnostics.filter((d) => RULES.has(d.rule));
    expect(mine.map((d) => ({ rule: d.rule, related: d.related }))).toEqual(EXPECTED);
    // The main ranges are untouched: the finding is where it was.
    expect(mine.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column}`)).toEqual([
      "flake.nix:2:16", "flake.nix:2:16", "flake.nix:2:16", "scripts/sync.sh:2:19", "scripts/sync.sh:3:19", "scripts/sync.sh:4:19", "scripts/test.sh:3:1",
    ]);
    // An additive field: absent from findings that name no other place.
    const lock = report.diagnostics.find((d) => d.rule === "single-lockfile")!;
    expect("related" in lock).toBe(false);
    // UTF-16 columns: `echo "😀" && ` is 13 code units.
    expect(EXPECTED.at(-1)!.related[0]!.range.start).toEqual({ line: 2, column: 14, offset: 23 });
  });

  it("run-from-root names a `cd` only when it is what moved the command", async () => {
    const script = "#!/bin/sh\ncd packages/core\ncd ../..\nuv run --directory packages/core pytest\n";
    const dir = makeRepo({ ...FILES, "scripts/test.sh": script });
    const { report } = await lintJson(dir, ["scripts/test.sh"]);
    const [finding, ...rest] = report.diagnostics;
    expect(rest).toEqual([]);
    expect([finding!.rule, finding!.range.start.line]).toEqual(["run-from-root", 4]);
    // `cd ../..` set the directory back to the root; `--directory` moved it: no `cd` is behind the finding.
    expect(finding!.related).toBeUndefined();
  });

  it("python-version-consistent points at the first 8 of many disagreeing members, and lists them all in the message", async () => {
    const old = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`packages/old${i}/pyproject.toml`, `[project]\nname = "old${i}"\nversion = "1"\nrequires-python = "<3.10"\n`]),
    );
    const dir = makeRepo({ "pyproject.toml": ROOT, "packages/core/pyproject.toml": CORE, ...old });
    const { report } = await lintJson(dir, ["packages/core/pyproject.toml"]);
    const [disjoint] = report.diagnostics.filter((d) => d.rule === "python-version-consistent");
    expect(disjoint!.message.match(/`old\d`/g)).toHaveLength(10);
    expect(disjoint!.related!.map((r) => `${r.file}:${r.range.start.line}:${r.range.start.column}`)).toEqual(
      Array.from({ length: 8 }, (_, i) => `packages/old${i}/pyproject.toml:4:19`),
    );
  });

  it("stylish: each related place indented under its finding, as path:line:col and message", async () => {
    const dir = makeRepo(FILES);
    const r = await cli(dir, ["scripts/test.sh", "flake.nix"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    const under = (finding: string) => lines[lines.findIndex((l) => l.includes(finding)) + 3];
    expect(under("`uv run pytest` runs in `packages/core/`")).toBe("    ↳ scripts/test.sh:2:14  `cd packages/core` moves the shell into `packages/core/`");
    expect(under("does not allow")).toBe("    ↳ packages/core/pyproject.toml:4:19  `evio-core` has requires-python `>=3.12`");
    expect(under("but .python-version pins 3.12")).toBe("    ↳ .python-version:2:1  .python-version pins Python 3.12");
  });

  it("stylish: a related place's path and message are escaped for the terminal", async () => {
    const folder = "packages/x\u001b]0;pwned\u0007y";
    const dir = makeRepo({
      "pyproject.toml": ROOT,
      [`${folder}/pyproject.toml`]: '[project]\nname = "evio-x"\nversion = "0.1.0"\n',
      "t.sh": `#!/bin/sh\ncd "${folder}"\nuv run pytest\n`,
    });
    const r = await cli(dir, ["t.sh"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u001b\u0007]/);
    expect(r.stdout).toContain('    ↳ t.sh:2:1  `cd "packages/x\\x1b]0;pwned\\x07y"` moves the shell into `packages/x\\x1b]0;pwned\\x07y/`\n');
  });

  it("SARIF: relatedLocations that the SARIF multitool accepts, with regions on the other files", async () => {
    const dir = makeRepo(FILES);
    const r = await cli(dir, ["--format", "sarif"]);
    expect(r.code).toBe(1);
    const v = validate(r.stdout);
    expect(v.status, v.console).toBe(0);
    expect(v.findings.filter((f) => f.level === "error" || f.level === "warning")).toEqual([]);

    type Loc = { id: number; physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> }; message: { text: string } };
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; relatedLocations?: Loc[]; partialFingerprints: Record<string, string> }[] }[] };
    const results = log.runs[0]!.results.filter((x) => RULES.has(x.ruleId));
    const region = ({ start, end }: JsonDiagnostic["range"]) => ({
      startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, charOffset: start.offset, charLength: end.offset - start.offset,
    });
    expect(results.map((x) => ({ rule: x.ruleId, related: x.relatedLocations }))).toEqual(
      EXPECTED.map((e) => ({
        rule: e.rule,
        related: e.related.map((rel, id) => ({ id, physicalLocation: { artifactLocation: { uri: rel.file, uriBaseId: "%SRCROOT%" }, region: region(rel.range) }, message: { text: rel.message } })),
      })),
    );
    expect(log.runs[0]!.results.find((x) => x.ruleId === "single-lockfile")!.relatedLocations).toBeUndefined();

    // The validator reads relatedLocations: a region planted there that ends before it starts is caught.
    const broken = JSON.parse(r.stdout) as typeof log;
    const loc = broken.runs[0]!.results.find((x) => x.ruleId === "run-from-root")!.relatedLocations![0]!;
    loc.physicalLocation.region["endLine"] = 1;
    const caught = validate(JSON.stringify(broken));
    expect(caught.findings.filter((f) => f.level === "error").map((f) => f.ruleId)).toEqual(["SARIF1007"]);
  });

  it("fingerprints and the baseline ignore related places: a different `cd` behind the same finding is the same finding", async () => {
    const fingerprint = async (script: string) => {
      const dir = makeRepo({ ...FILES, "scripts/test.sh": script });
      const log = JSON.parse((await cli(dir, ["--format", "sarif", "scripts/test.sh"])).stdout) as { runs: { results: { ruleId: string; relatedLocations: { message: { text: string } }[]; partialFingerprints: unknown }[] }[] };
      const [result] = log.runs[0]!.results;
      return { rule: result!.ruleId, related: result!.relatedLocations.map((l) => l.message.text), fingerprint: result!.partialFingerprints };
    };
    const a = await fingerprint(TEST_SH);
    const b = await fingerprint("#!/bin/sh\ncd ./packages/core/\nuv run pytest\n");
    expect([a.rule, b.rule]).toEqual(["run-from-root", "run-from-root"]);
    expect(a.related).not.toEqual(b.related);
    expect(a.fingerprint).toEqual(b.fingerprint);

    // Recorded by --suppress-all, hidden on the next run, whatever their related places.
    const dir = makeRepo(FILES);
    expect((await cli(dir, ["--suppress-all"])).code).toBe(0);
    const after = await lintJson(dir);
    expect([after.code, after.report.diagnostics]).toEqual([0, []]);
  });
});
