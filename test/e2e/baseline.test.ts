import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyBaseline,
  BASELINE_FILE,
  formatStale,
  pruneBaseline,
  readBaseline,
  writeBaseline,
  type Baseline,
} from "../../src/baseline/suppressions.js";
import { ConfigError } from "../../src/config/load.js";
import { listFiles } from "../../src/discover/files.js";
import { compareDiagnostics, type Diagnostic } from "../../src/engine/diagnostic.js";
import { Linter } from "../../src/engine/linter.js";
import { cli, lintJson, makeRepo, where, writeFiles } from "../harness/repo.js";

const PLANS = 30;
/** plan 1..30 asks for 1..4 `pip install`s; each doc also names a command in prose (a warning) */
const installsIn = (n: number): number => (n % 4) + 1;
const planPath = (n: number): string => `docs/plans/${String(n).padStart(2, "0")}-migration.md`;
function plan(n: number, installs = installsIn(n)): string {
  const lines = [`# Plan ${n}: move the loaders 😀`, "", "Then run `pip3 install numpy` once.", "", "```bash"];
  for (let i = 0; i < installs; i++) lines.push(`pip install package-${n}-${i}`);
  lines.push("```", "");
  return lines.join("\n");
}

function oldRepo(): string {
  // No pyproject.toml: the workspace rules have nothing to say, and the plans alone are the backlog.
  const files: Record<string, string> = { "scripts/ok.sh": "uv sync\n" };
  for (let n = 1; n <= PLANS; n++) files[planPath(n)] = plan(n);
  return makeRepo(files);
}

/** Every file of the repository through the engine, as the CLI lints it. */
async function lintAll(dir: string): Promise<Diagnostic[]> {
  // An old repository adopting the contract: it declares no workspace yet, so the contract is required.
  const linter = await Linter.create({ cwd: dir, workspace: "required" });
  const out: Diagnostic[] = [];
  for (const rel of listFiles(dir)) {
    if (linter.ignored(rel)) continue;
    out.push(...(await linter.lint(rel, fs.readFileSync(path.join(dir, rel), "utf8"))).diagnostics);
  }
  return out.sort(compareDiagnostics);
}

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === "error");
const baselineText = (dir: string) => fs.readFileSync(path.join(dir, BASELINE_FILE), "utf8");

describe("a baseline over an old repository (module functions)", () => {
  it("hides the old findings, fails on new ones, reports and prunes stale entries", async () => {
    const dir = oldRepo();
    const before = await lintAll(dir);
    const expectedErrors = Array.from({ length: PLANS }, (_, i) => installsIn(i + 1)).reduce((a, b) => a + b, 0);
    expect(errors(before)).toHaveLength(expectedErrors);
    expect(errors(before).every((d) => d.rule === "no-pip")).toBe(true);
    const warnings = before.filter((d) => d.severity === "warning");
    expect(warnings).toHaveLength(PLANS);

    // --suppress-all: counts per file and rule, errors only, sorted
    const written = writeBaseline(dir, before);
    const text = baselineText(dir);
    expect(JSON.parse(text)).toEqual(written);
    expect(Object.keys(written.suppressions)).toEqual(Array.from({ length: PLANS }, (_, i) => planPath(i + 1)));
    expect(written.suppressions[planPath(1)]).toEqual({ "no-pip": { count: 2 } });
    expect(written.suppressions[planPath(3)]).toEqual({ "no-pip": { count: 4 } });
    expect(text.startsWith(`{\n  "version": 1,\n  "suppressions": {\n    "docs/plans/01-migration.md": {\n      "no-pip": {\n        "count": 2\n      }\n    },\n`)).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(readBaseline(dir)).toEqual(written);

    // the next run: every old error hidden, the warnings stay, nothing stale
    const clean = applyBaseline(await lintAll(dir), readBaseline(dir)!);
    expect(clean.kept).toEqual(warnings);
    expect(clean.suppressed).toBe(expectedErrors);
    expect(clean.stale).toEqual([]);

    // a new `pip install` in a new file: only that one is shown
    writeFiles(dir, { "docs/plans/31-new.md": "```bash\npip install fresh\n```\n" });
    const withNew = applyBaseline(await lintAll(dir), readBaseline(dir)!);
    expect(errors(withNew.kept).map((d) => `${d.file} ${d.rule}`)).toEqual(["docs/plans/31-new.md no-pip"]);
    fs.rmSync(path.join(dir, "docs/plans/31-new.md"));

    // one more in an existing file: all of that file's no-pip errors are shown (which one is new is unknowable)
    writeFiles(dir, { [planPath(5)]: plan(5, installsIn(5) + 1) });
    const grown = applyBaseline(await lintAll(dir), readBaseline(dir)!);
    expect(errors(grown.kept).map((d) => d.file)).toEqual(Array(installsIn(5) + 1).fill(planPath(5)));
    expect(grown.suppressed).toBe(expectedErrors - installsIn(5));
    expect(grown.stale).toEqual([]);
    writeFiles(dir, { [planPath(5)]: plan(5) });

    // fixing some makes entries stale: plan 3 keeps 1 of 4, plan 9 is deleted
    writeFiles(dir, { [planPath(3)]: plan(3, 1) });
    fs.rmSync(path.join(dir, planPath(9)));
    const shrunk = applyBaseline(await lintAll(dir), readBaseline(dir)!);
    expect(errors(shrunk.kept)).toEqual([]);
    expect(shrunk.stale).toEqual([
      { file: planPath(3), rule: "no-pip", expected: 4, actual: 1 },
      { file: planPath(9), rule: "no-pip", expected: 2, actual: 0 },
    ]);
    expect(formatStale(shrunk.stale)).toBe(
      [
        "evio-lint: warning: evio-lint-suppressions.json has 2 stale entries (fewer findings than recorded); run `evio-lint --prune-suppressions` to shrink it:",
        "  docs/plans/03-migration.md: no-pip: 4 recorded, 1 found",
        "  docs/plans/09-migration.md: no-pip: 2 recorded, 0 found",
        "",
      ].join("\n"),
    );

    // --prune-suppressions: plan 3 lowered to 1, plan 9 gone, everything else as it was
    const pruned = pruneBaseline(dir, await lintAll(dir));
    expect(pruned!.pruned).toEqual(shrunk.stale);
    const expected: Record<string, Baseline["suppressions"][string]> = { ...written.suppressions, [planPath(3)]: { "no-pip": { count: 1 } } };
    delete expected[planPath(9)];
    expect(JSON.parse(baselineText(dir))).toEqual({ version: 1, suppressions: expected });
    expect(baselineText(dir)).toContain(`    "docs/plans/03-migration.md": {\n      "no-pip": {\n        "count": 1\n      }\n    },\n    "docs/plans/04-migration.md"`);
    expect(baselineText(dir)).not.toContain("09-migration.md");
    const after = applyBaseline(await lintAll(dir), readBaseline(dir)!);
    expect(after.stale).toEqual([]);
    expect(errors(after.kept)).toEqual([]);
    // pruning never raises a count: a grown file stays visible until --suppress-all
    writeFiles(dir, { [planPath(3)]: plan(3, 3) });
    pruneBaseline(dir, await lintAll(dir));
    expect(readBaseline(dir)!.suppressions[planPath(3)]).toEqual({ "no-pip": { count: 1 } });
    // a fully fixed repository prunes to an empty baseline
    for (let n = 1; n <= PLANS; n++) if (n !== 9) writeFiles(dir, { [planPath(n)]: plan(n, 0) });
    pruneBaseline(dir, await lintAll(dir));
    expect(baselineText(dir)).toBe('{\n  "version": 1,\n  "suppressions": {}\n}\n');
  });

  it("never records warnings or parse errors", async () => {
    const dir = makeRepo({
      "scripts/broken.sh": "if true; then\n  pip install x\n",
      "docs/a.md": "Then run `pip3 install numpy` once.\n",
      "scripts/old.sh": "pip install a\npip install b\n",
    });
    const diagnostics = await lintAll(dir);
    expect(diagnostics.map((d) => `${d.file} ${d.rule} ${d.severity}`)).toContain("scripts/broken.sh parse-error error");
    expect(diagnostics.map((d) => `${d.file} ${d.rule} ${d.severity}`)).toContain("docs/a.md no-pip warning");
    // the no-pip error inside the broken file is recorded; its parse-error is not
    expect(writeBaseline(dir, diagnostics).suppressions).toEqual({
      "scripts/broken.sh": { "no-pip": { count: 1 } },
      "scripts/old.sh": { "no-pip": { count: 2 } },
    });
    const applied = applyBaseline(diagnostics, readBaseline(dir)!);
    expect(applied.kept.map((d) => `${d.file} ${d.rule}`)).toEqual(["docs/a.md no-pip", "scripts/broken.sh parse-error"]);
  });

  it("a partial run neither calls other files' entries stale nor drops them", async () => {
    const dir = makeRepo({ "scripts/a.sh": "pip install a\n", "docs/b.md": "```bash\npip install b\n```\n" });
    writeBaseline(dir, await lintAll(dir));
    const inScope = (file: string) => file.startsWith("scripts/");
    const onlyScripts = (await lintAll(dir)).filter((d) => inScope(d.file));
    expect(applyBaseline(onlyScripts, readBaseline(dir)!, { inScope }).stale).toEqual([]);
    expect(applyBaseline(onlyScripts, readBaseline(dir)!).stale).toEqual([{ file: "docs/b.md", rule: "no-pip", expected: 1, actual: 0 }]);
    expect(pruneBaseline(dir, onlyScripts, { inScope })!.pruned).toEqual([]);
    expect(Object.keys(readBaseline(dir)!.suppressions)).toEqual(["docs/b.md", "scripts/a.sh"]);
    // --suppress-all over scripts/ only rewrites scripts/ entries
    writeFiles(dir, { "scripts/a.sh": "pip install a\npip install c\n" });
    writeBaseline(dir, (await lintAll(dir)).filter((d) => inScope(d.file)), { inScope });
    expect(readBaseline(dir)!.suppressions).toEqual({ "docs/b.md": { "no-pip": { count: 1 } }, "scripts/a.sh": { "no-pip": { count: 2 } } });
  });

  it("no file is no baseline", () => {
    const dir = makeRepo({ "a.sh": "uv sync\n" });
    expect(readBaseline(dir)).toBeNull();
    expect(pruneBaseline(dir, [])).toBeNull();
  });

  it.each([
    ["invalid JSON", '{\n  "version": 1,\n  "suppressions": {\n    "a.sh": { "no-pip": { "count": 1 } },\n  }\n}\n', "evio-lint-suppressions.json:5:3: invalid JSON (PropertyNameExpected)"],
    ["a bad count", '{\n  "version": 1,\n  "suppressions": {\n    "a.sh": { "no-pip": { "count": 0 } }\n  }\n}\n', 'evio-lint-suppressions.json:4:36: "a.sh" > "no-pip": count must be a whole number >= 1 (got 0)'],
    ["an unknown key", '{\n  "version": 1,\n  "suppressions": {},\n  "rules": {}\n}\n', 'evio-lint-suppressions.json:4:3: unknown key "rules"'],
    ["another version", '{ "version": 2, "suppressions": {} }\n', "evio-lint-suppressions.json:1:14: unsupported version 2 (this evio-lint reads version 1)"],
    ["a rule mapped to a number", '{ "version": 1, "suppressions": { "a.sh": { "no-pip": 3 } } }\n', 'evio-lint-suppressions.json:1:55: "a.sh" > "no-pip" must be { "count": N }'],
    ["not an object", "[]\n", "evio-lint-suppressions.json:1:1: the baseline must be an object with `version` and `suppressions`"],
  ])("a malformed baseline (%s) is a ConfigError at its line and column", (_name, text, message) => {
    const dir = makeRepo({ [BASELINE_FILE]: text });
    let thrown: unknown;
    try {
      readBaseline(dir);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message.slice(0, message.length)).toBe(message);
    expect((thrown as Error).message).toMatch(/evio-lint --suppress-all|invalid JSON/);
  });
});

describe("a baseline through the CLI (--suppress-all, --prune-suppressions)", () => {
  it("adopts an old repository: hide, fail on new, show a grown file whole, report stale, prune", async () => {
    const dir = oldRepo();
    const total = Array.from({ length: PLANS }, (_, i) => installsIn(i + 1)).reduce((a, b) => a + b, 0);
    expect((await cli(dir, [])).code).toBe(1);

    const adopt = await cli(dir, ["--suppress-all"]);
    expect(adopt.code).toBe(0);
    expect(adopt.stderr).toBe(`evio-lint: recorded ${total} errors in evio-lint-suppressions.json; commit it. Later runs report only new ones.\n`);
    const recorded = JSON.parse(baselineText(dir)) as Baseline;
    expect(Object.keys(recorded.suppressions)).toHaveLength(PLANS);
    expect(recorded.suppressions[planPath(3)]).toEqual({ "no-pip": { count: 4 } });

    // the next run passes; the prose warnings stay visible
    const quiet = await lintJson(dir);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe("");
    expect(quiet.report.diagnostics.every((d) => d.severity === "warning")).toBe(true);
    expect(quiet.report.summary.errors).toBe(0);

    // a new `pip install` in a new file fails the run, and only it is shown
    writeFiles(dir, { "docs/plans/31-new.md": "```bash\npip install fresh\n```\n" });
    const fresh = await lintJson(dir, ["--quiet"]);
    expect(fresh.code).toBe(1);
    expect(where(fresh.report)).toEqual(["docs/plans/31-new.md:2:1 no-pip"]);
    fs.rmSync(path.join(dir, "docs/plans/31-new.md"));

    // one more in an existing file: all of that file's no-pip errors are shown
    writeFiles(dir, { [planPath(6)]: plan(6, installsIn(6) + 1) });
    const grown = await lintJson(dir, ["--quiet"]);
    expect(grown.code).toBe(1);
    expect(where(grown.report)).toEqual(Array.from({ length: installsIn(6) + 1 }, (_, i) => `${planPath(6)}:${6 + i}:1 no-pip`));
    writeFiles(dir, { [planPath(6)]: plan(6) });

    // fixing some: the run passes and names the stale entries on stderr (stdout stays pure JSON)
    writeFiles(dir, { [planPath(3)]: plan(3, 1) });
    fs.rmSync(path.join(dir, planPath(9)));
    const stale = await lintJson(dir);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toBe(
      [
        "evio-lint: warning: evio-lint-suppressions.json has 2 stale entries (fewer findings than recorded); run `evio-lint --prune-suppressions` to shrink it:",
        "  docs/plans/03-migration.md: no-pip: 4 recorded, 1 found",
        "  docs/plans/09-migration.md: no-pip: 2 recorded, 0 found",
        "",
      ].join("\n"),
    );

    // a run over one folder judges only that folder's entries
    const partial = await cli(dir, ["docs/plans/04-migration.md"]);
    expect(partial.code).toBe(0);
    expect(partial.stderr).toBe("");

    const prune = await cli(dir, ["--prune-suppressions"]);
    expect(prune.code).toBe(0);
    expect(prune.stderr).toBe("evio-lint: pruned 2 entries from evio-lint-suppressions.json\n");
    const expected: Record<string, Baseline["suppressions"][string]> = { ...recorded.suppressions, [planPath(3)]: { "no-pip": { count: 1 } } };
    delete expected[planPath(9)];
    expect(baselineText(dir)).toBe(`${JSON.stringify({ version: 1, suppressions: expected }, null, 2)}\n`);
    expect(baselineText(dir)).not.toContain("09-migration.md");
    const after = await cli(dir, []);
    expect(after.code).toBe(0);
    expect(after.stderr).toBe("");
  });

  it("a malformed baseline stops the run with exit 2, naming file, line and column", async () => {
    const dir = makeRepo({ "a.sh": "pip install x\n", [BASELINE_FILE]: '{\n  "version": 1,\n  "suppressions": {\n    "a.sh": { "no-pip": { "count": 0 } }\n  }\n}\n' });
    const r = await cli(dir, []);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^evio-lint: evio-lint-suppressions\.json:4:36: "a\.sh" > "no-pip": count must be a whole number >= 1 \(got 0\)/);
  });
});

describe("baseline: summary and path-scoped pruning", () => {
  it("counts what it hides in the summary, and `docs/ --prune-suppressions` prunes a file deleted under docs/", async () => {
    const dir = makeRepo({ "docs/a.md": "```bash\npip install a\n```\n", "docs/b.md": "```bash\npip install b\n```\n", "scripts/c.sh": "pip install c\n" });
    expect((await cli(dir, ["--suppress-all"])).code).toBe(0);
    const hidden = JSON.parse((await cli(dir, ["--format", "json"])).stdout);
    expect(hidden.summary).toMatchObject({ errors: 0, suppressed: 3 });
    expect((await cli(dir, [])).stdout).toContain("3 older errors hidden by evio-lint-suppressions.json.");
    fs.rmSync(path.join(dir, "docs/b.md"));
    await cli(dir, ["docs/", "--prune-suppressions"]);
    const kept = JSON.parse(fs.readFileSync(path.join(dir, "evio-lint-suppressions.json"), "utf8"));
    expect(Object.keys(kept.suppressions)).toEqual(["docs/a.md", "scripts/c.sh"]);
  });
});
