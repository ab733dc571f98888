import * as path from "node:path";
import type { ParseProblem } from "../../parse/problem.js";
import { parseToml, stringsIn, tableAt, valueAt, type TomlDocument } from "../../parse/toml.js";
import type { Range } from "../../text/range.js";
import { workingTreeSource, type FileSource } from "../../discover/file-source.js";
import { normalizeName } from "./pep503.js";
import { dependenciesOf, sourcesOf } from "./dependencies.js";
import { excluders, globDirs } from "./member-globs.js";
import { workspaceModel, type Member, type MemberGlob, type WorkspaceModel } from "./workspace.js";

/** Builds the workspace model from the pyproject files the run's FileSource gives (working tree or git index). */

const NO_RANGE: Range = { start: 0, end: 0 };

type Loaded = { toml: TomlDocument; text: string };

export function loadWorkspace(rootAbs: string, wsFs: FileSource = workingTreeSource(rootAbs)): WorkspaceModel {
  const problems: { file: string; problem: ParseProblem }[] = [];
  const load = (file: string): Loaded | undefined => {
    const raw = wsFs.readText(file);
    if (raw === undefined) return undefined;
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const { document, problems: found } = parseToml(text);
    for (const problem of found) problems.push({ file, problem });
    return document ? { toml: document, text } : undefined;
  };

  const root = load("pyproject.toml");
  const workspace = tableAt(root?.toml.value, ["tool", "uv", "workspace"]);
  const members: Member[] = [];
  const seen = new Set<string>();
  const rootMember = root && toMember(".", "pyproject.toml", root);
  if (rootMember) {
    members.push(rootMember);
    seen.add(".");
  }

  const excludes = stringsIn(workspace?.["exclude"]).map(({ value }) => value);
  const excluded = excluders(excludes);
  const memberGlobs = stringsIn(workspace?.["members"]).map(({ value: pattern, index }): MemberGlob => {
    const glob: MemberGlob = {
      pattern,
      get range() {
        return root?.toml.valueRange(["tool", "uv", "workspace", "members", index]) ?? NO_RANGE;
      },
      matches: [],
      missingPyproject: [],
      withoutProject: [],
    };
    for (const { dir, hasPyproject } of globDirs(pattern, excluded, wsFs)) {
      glob.matches.push(dir);
      if (!hasPyproject) {
        glob.missingPyproject.push(dir);
        continue;
      }
      const pyprojectPath = path.posix.join(dir, "pyproject.toml");
      if (seen.has(dir)) continue;
      seen.add(dir);
      const loaded = load(pyprojectPath);
      if (!loaded) continue;
      // uv leaves out members marked `managed = false`.
      if (tableAt(loaded.toml.value, ["tool", "uv"])?.["managed"] === false) continue;
      const member = toMember(dir, pyprojectPath, loaded);
      if (member) members.push(member);
      else glob.withoutProject.push(dir);
    }
    return glob;
  });

  return workspaceModel({
    root: rootAbs,
    ...(root && { rootPyproject: { path: "pyproject.toml" as const, ...root } }),
    isWorkspace: workspace !== undefined,
    members,
    memberGlobs,
    excludes,
    rootSources: root ? sourcesOf(root.toml, "pyproject.toml") : [],
    problems,
  }, () => wsFs.readText("uv.lock"));
}

function toMember(dir: string, pyprojectPath: string, { toml, text }: Loaded): Member | undefined {
  const project = tableAt(toml.value, ["project"]);
  const name = project?.["name"];
  if (typeof name !== "string") return undefined;
  const version = project?.["version"];
  const requiresPython = project?.["requires-python"];
  // Ranges are asked of the document when a rule reads one (src/parse/toml.ts): a commit hook
  // lints one member of many, and only that one needs positions.
  return {
    name,
    normalizedName: normalizeName(name),
    ...(typeof version === "string" && { version }),
    get versionRange() {
      return typeof version === "string" ? toml.valueRange(["project", "version"]) : undefined;
    },
    ...(typeof requiresPython === "string" && { requiresPython }),
    get requiresPythonRange() {
      return typeof requiresPython === "string" ? toml.valueRange(["project", "requires-python"]) : undefined;
    },
    get nameRange() {
      return toml.valueRange(["project", "name"]);
    },
    dir,
    pyprojectPath,
    toml,
    text,
    dependencies: dependenciesOf(toml),
    sources: sourcesOf(toml, pyprojectPath),
    scripts: Object.fromEntries(
      Object.entries(tableAt(toml.value, ["project", "scripts"]) ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    ),
  };
}

/** What one `members` glob of a root pyproject matches on disk (for a root text that is not the one on disk). */
export function matchMemberGlob(
  pattern: string,
  excludes: readonly string[],
  wsFs: FileSource,
): Pick<MemberGlob, "matches" | "missingPyproject" | "withoutProject"> {
  const found: Pick<MemberGlob, "matches" | "missingPyproject" | "withoutProject"> = { matches: [], missingPyproject: [], withoutProject: [] };
  for (const { dir, hasPyproject } of globDirs(pattern, excluders(excludes), wsFs)) {
    found.matches.push(dir);
    if (!hasPyproject) found.missingPyproject.push(dir);
    else if (typeof valueAt(parseToml(wsFs.readText(path.posix.join(dir, "pyproject.toml")) ?? "").document?.value, ["project", "name"]) !== "string") {
      found.withoutProject.push(dir);
    }
  }
  return found;
}
