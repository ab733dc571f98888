import fs from "node:fs";
import path from "node:path";
import { parse as parseStrict } from "@ltd/j-toml";
import { parse as parseValues } from "smol-toml";
import { describe, expect, it } from "vitest";
import { cli, lintJson, makeRepo, positionOf, type JsonDiagnostic } from "../harness/repo.js";
import { seed003Repo } from "../harness/seeds.js";
import { uvLockFor } from "../harness/uv-lock.js";

const RULES = ["workspace-members", "workspace-sources", "workspace-version", "single-lockfile", "lockfile-fresh", "uv-config-valid"];

/** The uv.lock `uv lock` writes for seed 003, by hand (registry artifacts left out: nothing reads them). */
export const SEED003_LOCK = `version = 1
revision = 3
requires-python = ">=3.11"

[manifest]
members = [
    "detector-ui",
    "evio",
    "evio-core",
    "fan-bbox",
]

[[package]]
name = "detector-ui"
version = "0.1.0"
source = { editable = "workspace/apps/detector-ui" }
dependencies = [
    { name = "evio-core" },
    { name = "opencv-python" },
]

[package.metadata]
requires-dist = [
    { name = "evio-core", editable = "workspace/libs/evio-core" },
    { name = "opencv-python", specifier = ">=4.8.0" },
]

[[package]]
name = "evio"
version = "0.1.0"
source = { virtual = "evio" }
dependencies = [
    { name = "numpy" },
]

[package.metadata]
requires-dist = [{ name = "numpy", specifier = ">=1.24" }]

[[package]]
name = "evio-core"
version = "0.1.0"
source = { editable = "workspace/libs/evio-core" }
dependencies = [
    { name = "evlib" },
    { name = "numpy" },
    { name = "polars" },
]

[package.metadata]
requires-dist = [
    { name = "evlib", specifier = ">=0.8.0" },
    { name = "numpy", specifier = ">=1.24.0" },
    { name = "polars", specifier = ">=0.20.0" },
]

[[package]]
name = "evlib"
version = "0.8.2"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "fan-bbox"
version = "0.1.0"
source = { editable = "workspace/plugins/fan-bbox" }
dependencies = [
    { name = "evio-core" },
]

[package.metadata]
requires-dist = [{ name = "evio-core", editable = "workspace/libs/evio-core" }]

[[package]]
name = "numpy"
version = "2.1.3"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "opencv-python"
version = "4.10.0.84"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "numpy" },
]

[[package]]
name = "polars"
version = "1.9.0"
source = { registry = "https://pypi.org/simple" }
`;

const seed = (): Record<string, string> => ({ ...seed003Repo(), "uv.lock": SEED003_LOCK });

/** `file:line:column rule` of this rules, with the diagnostic; `all: false` leaves out the seed's own finding. */
async function findings(files: Record<string, string>, options: { all?: boolean } = {}): Promise<{ at: string; d: JsonDiagnostic }[]> {
  const { report } = await lintJson(makeRepo(files));
  return report.diagnostics
    .filter((d) => RULES.includes(d.rule))
    .map((d) => ({ at: `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.rule}`, d }))
    .filter((f) => options.all === true || f.at !== SEED_FINDING);
}

const SEED_FINDING = "pyproject.toml:12:1 uv-config-valid";

function at(file: string, text: string, needle: string, rule: string): string {
  const p = positionOf(text, needle);
  return `${file}:${p.line}:${p.column} ${rule}`;
}

describe("seed 003 with its uv.lock", () => {
  it("lints clean for the workspace rules but for the `[tool.uv] requires-python` that uv ignores", async () => {
    const files = seed();
    const found = await findings(files, { all: true });
    expect(found.map((f) => f.at)).toEqual([at("pyproject.toml", files["pyproject.toml"]!, "requires-python", "uv-config-valid")]);
    expect(found[0]!.at).toBe(SEED_FINDING);
    expect(found[0]!.d.message).toBe(
      "`requires-python` is not a `[tool.uv]` setting, so uv ignores it (with a warning); set it in `[project] requires-python` instead.",
    );
    expect(found[0]!.d.range.end.column - found[0]!.d.range.start.column).toBe("requires-python".length);
    expect(found[0]!.d.fix).toBeUndefined();
  });

  it("the harness's uvLockFor gives a lock as fresh as the hand-written one", async () => {
    expect(await findings({ ...seed003Repo(), "uv.lock": uvLockFor(seed003Repo()) })).toEqual([]);
  });
});

const DETECTOR = "workspace/apps/detector-ui/pyproject.toml";
const FAN = "workspace/plugins/fan-bbox/pyproject.toml";
const CORE = "workspace/libs/evio-core/pyproject.toml";

describe("broken variants of seed 003, one per rule", () => {
  it("workspace-sources: detector-ui without its source; --fix appends the table and changes nothing else", async () => {
    const files = seed();
    const broken = files[DETECTOR]!.replace("[tool.uv.sources]\nevio-core = { workspace = true }\n\n", "");
    files[DETECTOR] = broken;
    const found = await findings(files);
    expect(found.map((f) => f.at)).toEqual([at(DETECTOR, broken, '"evio-core"', "workspace-sources")]);
    expect(found[0]!.d.fix?.safety).toBe("safe");

    const dir = makeRepo(files);
    expect((await cli(dir, ["--fix"])).stderr).toBe("");
    const fixed = fs.readFileSync(path.join(dir, DETECTOR), "utf8");
    expect(fixed).toBe(`${broken}\n[tool.uv.sources]\nevio-core = { workspace = true }\n`);
    expectOnlySourceAdded(broken, fixed, "evio-core");
    expect(await findings(readTree(dir, files))).toEqual([]);
  });

  it("workspace-sources: an existing table gets the entry, with the comments around it kept byte for byte", async () => {
    const files = seed();
    const broken = files[FAN]!
      .replace('dependencies = [\n    "evio-core",\n]', 'dependencies = [\n    "evio-core",\n    "detector_ui",  # the workbench\n]')
      .replace("evio-core = { workspace = true }\n", "evio-core = { workspace = true }  # shared core\n# end of sources\n");
    files[FAN] = broken;
    // uv.lock is up to date with the new dependency: only the source is missing
    files["uv.lock"] = SEED003_LOCK.replace(
      'requires-dist = [{ name = "evio-core", editable = "workspace/libs/evio-core" }]',
      'requires-dist = [\n    { name = "detector-ui", editable = "workspace/apps/detector-ui" },\n    { name = "evio-core", editable = "workspace/libs/evio-core" },\n]',
    );
    const found = await findings(files);
    expect(found.map((f) => f.at)).toEqual([at(FAN, broken, '"detector_ui"', "workspace-sources")]);
    const dir = makeRepo(files);
    await cli(dir, ["--fix"]);
    const fixed = fs.readFileSync(path.join(dir, FAN), "utf8");
    expect(fixed).toBe(broken.replace("# shared core\n", "# shared core\ndetector_ui = { workspace = true }\n"));
    expectOnlySourceAdded(broken, fixed, "detector_ui");
  });

  it("workspace-sources: a path source pointing at a member becomes a workspace source", async () => {
    const files = seed();
    const broken = files[FAN]!.replace("evio-core = { workspace = true }", 'evio-core = { path = "../../libs/evio-core", editable = true }');
    files[FAN] = broken;
    const found = await findings(files);
    expect(found.map((f) => f.at)).toEqual([at(FAN, broken, '"../../libs/evio-core"', "workspace-sources")]);
    const fixed = await afterFix(files, FAN);
    expect(fixed).toBe(broken.replace('path = "../../libs/evio-core"', "workspace = true"));
    const expected = parseValues(broken) as Record<string, any>;
    expected["tool"]["uv"]["sources"]["evio-core"] = { workspace: true, editable: true };
    expect(plain(parseValues(fixed))).toEqual(plain(expected));
    expect(plain(parseStrict(fixed, { joiner: "\n" }))).toEqual(plain(expected));
  });

  it("workspace-version: fan-bbox asks for an evio-core the workspace does not have", async () => {
    const files = seed();
    files[FAN] = files[FAN]!.replace('    "evio-core",\n', '    "evio-core>=0.4.0",\n');
    const found = await findings(files);
    expect(found.map((f) => f.at)).toEqual([at(FAN, files[FAN]!, '"evio-core>=0.4.0"', "workspace-version")]);
    expect(found[0]!.d.message).toContain("(it is 0.1.0)");
    expect(found[0]!.d.fix).toBeUndefined();
    expect(await afterFix(files, FAN)).toBe(files[FAN]);
  });

  it("workspace-members: a glob with a typo, and a project nobody listed", async () => {
    const files = seed();
    files["pyproject.toml"] = files["pyproject.toml"]!.replace('"workspace/plugins/*"', '"workspace/plugin/*"');
    files["tools/scratch/pyproject.toml"] = '[project]\nname = "scratch"\nversion = "0.0.0"\n';
    const found = await findings(files);
    expect(found.map((f) => f.at)).toEqual([
      at("pyproject.toml", files["pyproject.toml"]!, '"workspace/plugin/*"', "workspace-members"),
      at("tools/scratch/pyproject.toml", files["tools/scratch/pyproject.toml"]!, '"scratch"', "workspace-members"),
      // fan-bbox is no member any more: it is not part of the workspace, and uv.lock still locks it
      at(FAN, files[FAN]!, '"fan-bbox"', "workspace-members"),
      at("uv.lock", SEED003_LOCK, '"fan-bbox"', "lockfile-fresh"),
    ].sort());
    expect(found.every((f) => f.d.fix === undefined)).toBe(true);
    expect(await afterFix(files, "pyproject.toml")).toBe(files["pyproject.toml"]);
  });

  it("single-lockfile: a second uv.lock inside evio-core; and no root uv.lock at all", async () => {
    const files = seed();
    files["workspace/libs/evio-core/uv.lock"] = "version = 1\nrevision = 3\n";
    expect((await findings(files)).map((f) => f.at)).toEqual([
      "workspace/libs/evio-core/uv.lock:1:1 single-lockfile",
    ]);
    expect(await afterFix(files, "workspace/libs/evio-core/uv.lock")).toBe(files["workspace/libs/evio-core/uv.lock"]);
    const { "uv.lock": _lock, ...unlocked } = seed();
    expect((await findings(unlocked)).map((f) => f.at)).toEqual(["pyproject.toml:1:1 single-lockfile"]);
  });

  it("lockfile-fresh: evio-core adds scipy and drops polars without `uv lock`", async () => {
    const files = seed();
    const changed = files[CORE]!.replace('    "polars>=0.20.0",\n', '    "scipy>=1.11",\n');
    files[CORE] = changed;
    const found = await findings(files);
    expect(found.map((f) => f.at)).toEqual([
      at("uv.lock", SEED003_LOCK, '{ name = "polars", specifier = ">=0.20.0" }', "lockfile-fresh"),
      at(CORE, changed, '"scipy>=1.11"', "lockfile-fresh"),
    ]);
    expect(found.find((f) => f.d.file === CORE)!.d.message).toBe("`scipy>=1.11` (dependencies) is not in uv.lock as declared; run `uv lock` and commit uv.lock.");
    expect(found.find((f) => f.d.file === "uv.lock")!.d.message).toBe(
      "uv.lock locks `polars>=0.20.0` for `evio-core` (dependencies), which its pyproject.toml no longer declares; run `uv lock` and commit uv.lock.",
    );
    expect(await afterFix(files, "uv.lock")).toBe(SEED003_LOCK);
  });

  it("uv-config-valid: a misspelled key in a source entry gets a did-you-mean", async () => {
    const files = seed();
    files[FAN] = files[FAN]!.replace("evio-core = { workspace = true }", "evio-core = { workspace = true, editabel = false }");
    const found = (await findings(files)).filter((f) => f.d.file === FAN);
    expect(found.map((f) => f.at)).toEqual([at(FAN, files[FAN]!, "editabel", "uv-config-valid")]);
    expect(found[0]!.d.message).toBe("`[tool.uv.sources] evio-core` has no setting `editabel`; did you mean `editable`?");
    expect(await afterFix(files, FAN)).toBe(files[FAN]);
  });
});

/** Both parsers read the fixed text, and its value is the original's plus exactly one workspace source. */
function expectOnlySourceAdded(before: string, after: string, name: string): void {
  const expected = parseValues(before) as Record<string, any>;
  expected["tool"] ??= {};
  expected["tool"]["uv"] ??= {};
  expected["tool"]["uv"]["sources"] ??= {};
  expected["tool"]["uv"]["sources"][name] = { workspace: true };
  expect(plain(parseValues(after))).toEqual(plain(expected));
  expect(plain(parseStrict(after, { joiner: "\n" }))).toEqual(plain(expected));
}

/** The file after `evio-lint --fix` over the whole repo. */
async function afterFix(files: Record<string, string>, file: string): Promise<string> {
  const dir = makeRepo(files);
  await cli(dir, ["--fix"]);
  return fs.readFileSync(path.join(dir, file), "utf8");
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function readTree(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(files).map((rel) => [rel, fs.readFileSync(path.join(dir, rel), "utf8")]));
}
