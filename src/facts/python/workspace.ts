import * as path from "node:path";
import picomatch from "picomatch";
import type { ParseProblem } from "../../parse/problem.js";
import { parseToml, type TomlDocument, type TomlPath } from "../../parse/toml.js";
import type { Range } from "../../text/range.js";
import { normalizeName } from "./pep503.js";
import { parseRequirement, type Requirement } from "./pep508.js";
import { parseLockValues, type UvLock } from "./uv-lock.js";
import { closest } from "../../text/edit-distance.js";
import { cleanPath, escapesRoot, workingTreeSource, type FileSource } from "../../discover/file-source.js";


export interface Dependency {
  requirement: Requirement;
  group: { kind: "project" | "optional" | "group"; name?: string };
  /** the array element (the string literal, quotes included) in the member's pyproject */
  range: Range;
}

export interface Source {
  name: string;
  normalizedName: string;
  kind: "workspace" | "path" | "git" | "url" | "index" | "other";
  path?: string;
  editable?: boolean;
  /** the source's value: its inline table, its `[tool.uv.sources.x]` table, or one element of a list */
  range: Range;
  /** the key that names the package in `[tool.uv.sources]` */
  keyRange?: Range;
  /** the pyproject that declares it, posix relative to the root */
  file: string;
  /** where the source value sits in its document, e.g. `["tool", "uv", "sources", "evio", 0]` */
  tomlPath: TomlPath;
}

export interface Member {
  name: string;
  normalizedName: string;
  version?: string;
  requiresPython?: string;
  /** posix, relative to root ("." for a root that is itself a project) */
  dir: string;
  pyprojectPath: string;
  doc: TomlDocument;
  /** the pyproject text, BOM removed (the text SourceFile holds, so offsets agree) */
  text: string;
  dependencies: Dependency[];
  sources: Source[];
  scripts: Record<string, string>;
  nameRange?: Range;
  versionRange?: Range;
  requiresPythonRange?: Range;
}

export interface MemberGlob {
  pattern: string;
  range: Range;
  /** directories the glob matched that `exclude` keeps, minus hidden ones without a pyproject.toml */
  matches: string[];
  /** matched directories without a pyproject.toml (uv refuses these) */
  missingPyproject: string[];
  /** matched directories whose pyproject.toml has no `[project]` name (uv refuses these too) */
  withoutProject: string[];
}

export interface WorkspaceModel {
  readonly root: string;
  readonly rootPyproject?: { path: "pyproject.toml"; doc: TomlDocument; text: string };
  /** the root pyproject has `[tool.uv.workspace]` */
  readonly isWorkspace: boolean;
  readonly members: readonly Member[];
  readonly memberGlobs: readonly MemberGlob[];
  readonly excludes: readonly string[];
  /** `[tool.uv.sources]` at the root: they apply to every member unless it overrides them (uv's rule) */
  readonly rootSources: readonly Source[];
  /** pyproject files that did not parse */
  readonly problems: readonly { file: string; problem: ParseProblem }[];
  /** the root uv.lock as it is on disk, parsed on first use (values only); undefined when absent or invalid */
  lockfile(): UvLock | undefined;
  /** PEP 503 normalised; the first member when two share a name */
  memberByName(name: string): Member | undefined;
  /** the deepest member whose dir contains the posix relative path */
  memberOwning(path: string): Member | undefined;
  memberAtDir(dir: string): Member | undefined;
  /** members whose `[project.scripts]` define this console script */
  scriptOwner(command: string): Member[];
  /** for "did you mean": the member name nearest by edit distance, if near enough */
  closestMemberName(name: string): string | undefined;
  /**
   * Members (PEP 503 names) that `uv run` from the root installs: what the root project depends on
   * through a workspace source, and with `groups`, what its default dependency groups list
   * (`dev`, or `[tool.uv] default-groups`); then, in turn, what those members depend on.
   */
  rootInstalls(options: { groups: boolean }): ReadonlySet<string>;
}

const NEVER_MEMBERS = new Set(["node_modules", ".venv", ".git"]);
// uv matches with the `glob` crate: no braces, no extglobs, and `*` also matches dot files.
const SEGMENT_GLOB = { dot: true, nobrace: true, noextglob: true, nonegate: true };
// uv tests excludes with glob::Pattern::matches_path, where `*` also crosses `/`: bash mode does that.
const EXCLUDE_GLOB = { ...SEGMENT_GLOB, bash: true };
const NO_RANGE: Range = { start: 0, end: 0 };

type Loaded = { doc: TomlDocument; text: string };

export function loadWorkspace(rootAbs: string, wsFs: FileSource = workingTreeSource(rootAbs)): WorkspaceModel {
  const problems: { file: string; problem: ParseProblem }[] = [];
  const load = (file: string): Loaded | undefined => {
    const raw = wsFs.readText(file);
    if (raw === undefined) return undefined;
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const { doc, problems: found } = parseToml(text);
    for (const problem of found) problems.push({ file, problem });
    return doc ? { doc, text } : undefined;
  };

  const root = load("pyproject.toml");
  const workspace = tableAt(root?.doc.value, ["tool", "uv", "workspace"]);
  const members: Member[] = [];
  const seen = new Set<string>();
  const rootMember = root && toMember(".", "pyproject.toml", root);
  if (rootMember) {
    members.push(rootMember);
    seen.add(".");
  }

  const excludes = stringsIn(workspace?.["exclude"]).map(({ value }) => value);
  const excluders = excludes.map((pattern) => picomatch(cleanPattern(pattern), EXCLUDE_GLOB));
  const memberGlobs = stringsIn(workspace?.["members"]).map(({ value: pattern, index }): MemberGlob => {
    const range = root?.doc.valueRange(["tool", "uv", "workspace", "members", index]) ?? NO_RANGE;
    const glob: MemberGlob = { pattern, range, matches: [], missingPyproject: [], withoutProject: [] };
    for (const { dir, hasPyproject } of globDirs(pattern, excluders, wsFs)) {
      glob.matches.push(dir);
      if (!hasPyproject) {
        glob.missingPyproject.push(dir);
        continue;
      }
      const pyprojectPath = joinPath(dir, "pyproject.toml");
      if (seen.has(dir)) continue;
      seen.add(dir);
      const loaded = load(pyprojectPath);
      if (!loaded) continue;
      // uv leaves out members marked `managed = false`.
      if (tableAt(loaded.doc.value, ["tool", "uv"])?.["managed"] === false) continue;
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
    rootSources: root ? sourcesOf(root.doc, "pyproject.toml") : [],
    problems,
  }, () => wsFs.readText("uv.lock"));
}

type ModelData = Omit<
  WorkspaceModel,
  "memberByName" | "memberOwning" | "memberAtDir" | "scriptOwner" | "closestMemberName" | "lockfile" | "rootInstalls"
>;

function workspaceModel(data: ModelData, readLock: () => string | undefined = () => undefined): WorkspaceModel {
  let lock: { value: UvLock | undefined } | undefined;
  const installed: { groups?: ReadonlySet<string>; project?: ReadonlySet<string> } = {};
  const byName = new Map<string, Member>();
  const byDir = new Map<string, Member>();
  const byScript = new Map<string, Member[]>();
  for (const member of data.members) {
    if (!byName.has(member.normalizedName)) byName.set(member.normalizedName, member);
    if (!byDir.has(member.dir)) byDir.set(member.dir, member);
    for (const script of Object.keys(member.scripts)) {
      byScript.set(script, [...(byScript.get(script) ?? []), member]);
    }
  }
  return {
    ...data,
    lockfile() {
      lock ??= { value: parseLockValues(readLock()) };
      return lock.value;
    },
    memberByName: (name) => byName.get(normalizeName(name)),
    memberAtDir: (dir) => byDir.get(cleanPath(dir)),
    memberOwning(file) {
      let dir = cleanPath(file);
      if (dir === ".." || dir.startsWith("../") || dir.startsWith("/")) return undefined;
      for (; ; dir = parentDir(dir)) {
        const member = byDir.get(dir);
        if (member || dir === ".") return member;
      }
    },
    scriptOwner: (command) => byScript.get(command) ?? [],
    closestMemberName(name) {
      return closest(normalizeName(name), data.members, { key: (m) => m.normalizedName, limit: (n) => Math.max(2, Math.floor(n / 3)) })?.name;
    },
    rootInstalls({ groups }) {
      const key = groups ? "groups" : "project";
      return (installed[key] ??= installedFromRoot(data, byName, groups));
    },
  };
}

const DEFAULT_GROUPS = ["dev"];

/** uv's sync from the root: the root's requirements on members, closed over the members' own dependencies. */
function installedFromRoot(data: ModelData, byName: ReadonlyMap<string, Member>, groups: boolean): ReadonlySet<string> {
  const root = data.rootPyproject;
  const found = new Set<string>();
  if (!root) return found;
  const setting = tableAt(root.doc.value, ["tool", "uv"])?.["default-groups"];
  const defaults = setting === "all" ? undefined : Array.isArray(setting) ? setting.filter((g): g is string => typeof g === "string") : DEFAULT_GROUPS;
  const wanted = (d: Dependency, extras: readonly string[]): boolean =>
    d.group.kind === "project" ||
    (d.group.kind === "optional" && extras.includes(normalizeName(d.group.name ?? ""))) ||
    (d.group.kind === "group" && groups && (defaults === undefined || defaults.some((g) => normalizeName(g) === normalizeName(d.group.name ?? ""))));
  const queue: { deps: readonly Dependency[]; sources: readonly Source[]; extras: readonly string[]; groupsCount: boolean }[] = [
    { deps: dependenciesOf(root.doc), sources: data.rootSources, extras: [], groupsCount: true },
  ];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const d of next.deps) {
      if (d.group.kind === "group" && !next.groupsCount) continue;
      if (!wanted(d, next.extras)) continue;
      const member = byName.get(d.requirement.normalizedName);
      if (!member || member.dir === "." || found.has(member.normalizedName)) continue;
      const source = next.sources.find((s) => s.normalizedName === member.normalizedName);
      if (source?.kind !== "workspace") continue;
      found.add(member.normalizedName);
      // A member's own sources override the root's, name by name (uv's rule).
      const own = new Set(member.sources.map((s) => s.normalizedName));
      const sources = [...member.sources, ...data.rootSources.filter((s) => !own.has(s.normalizedName))];
      // Only the root's dependency groups are installed; a member's groups never are.
      queue.push({ deps: member.dependencies, sources, extras: d.requirement.extras.map(normalizeName), groupsCount: false });
    }
  }
  return found;
}

function toMember(dir: string, pyprojectPath: string, { doc, text }: Loaded): Member | undefined {
  const project = tableAt(doc.value, ["project"]);
  const name = project?.["name"];
  if (typeof name !== "string") return undefined;
  const version = project?.["version"];
  const requiresPython = project?.["requires-python"];
  return {
    name,
    normalizedName: normalizeName(name),
    ...(typeof version === "string" && { version, versionRange: doc.valueRange(["project", "version"]) }),
    ...(typeof requiresPython === "string" && {
      requiresPython,
      requiresPythonRange: doc.valueRange(["project", "requires-python"]),
    }),
    nameRange: doc.valueRange(["project", "name"]),
    dir,
    pyprojectPath,
    doc,
    text,
    dependencies: dependenciesOf(doc),
    sources: sourcesOf(doc, pyprojectPath),
    scripts: Object.fromEntries(
      Object.entries(tableAt(doc.value, ["project", "scripts"]) ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    ),
  };
}

export function dependenciesOf(doc: TomlDocument): Dependency[] {
  const dependencies: Dependency[] = [];
  const add = (listPath: TomlPath, group: Dependency["group"]) => {
    for (const { value, index } of stringsIn(valueAt(doc.value, listPath))) {
      const requirement = parseRequirement(value);
      const range = doc.valueRange([...listPath, index]) ?? NO_RANGE;
      if (requirement) dependencies.push({ requirement, group, range });
    }
  };
  add(["project", "dependencies"], { kind: "project" });
  for (const extra of Object.keys(tableAt(doc.value, ["project", "optional-dependencies"]) ?? {})) {
    add(["project", "optional-dependencies", extra], { kind: "optional", name: extra });
  }
  for (const group of Object.keys(tableAt(doc.value, ["dependency-groups"]) ?? {})) {
    add(["dependency-groups", group], { kind: "group", name: group });
  }
  // uv reads the legacy `[tool.uv] dev-dependencies` as the `dev` group.
  add(["tool", "uv", "dev-dependencies"], { kind: "group", name: "dev" });
  return dependencies;
}

export function sourcesOf(doc: TomlDocument, file: string): Source[] {
  const sources: Source[] = [];
  for (const [name, spec] of Object.entries(tableAt(doc.value, ["tool", "uv", "sources"]) ?? {})) {
    const keyPath = ["tool", "uv", "sources", name];
    const keyRange = doc.keyRange(keyPath);
    // A list holds alternatives chosen by marker; each is a source of its own.
    const specs: [unknown, TomlPath][] = Array.isArray(spec)
      ? spec.map((one, i) => [one, [...keyPath, i]])
      : [[spec, keyPath]];
    for (const [one, valuePath] of specs) {
      const table = isTable(one) ? one : {};
      sources.push({
        name,
        normalizedName: normalizeName(name),
        kind: sourceKind(table),
        ...(typeof table["path"] === "string" && { path: table["path"] }),
        ...(typeof table["editable"] === "boolean" && { editable: table["editable"] }),
        range: doc.valueRange(valuePath) ?? NO_RANGE,
        ...(keyRange && { keyRange }),
        file,
        tomlPath: valuePath,
      });
    }
  }
  return sources;
}

function sourceKind(table: Record<string, unknown>): Source["kind"] {
  if (table["workspace"] === true) return "workspace";
  for (const kind of ["path", "git", "url", "index"] as const) {
    if (typeof table[kind] === "string") return kind;
  }
  return "other";
}

/** What one `members` glob of a root pyproject matches on disk (for a root text that is not the one on disk). */
export function matchMemberGlob(
  pattern: string,
  excludes: readonly string[],
  wsFs: FileSource,
): Pick<MemberGlob, "matches" | "missingPyproject" | "withoutProject"> {
  const excluders = excludes.map((exclude) => picomatch(cleanPattern(exclude), EXCLUDE_GLOB));
  const found: Pick<MemberGlob, "matches" | "missingPyproject" | "withoutProject"> = { matches: [], missingPyproject: [], withoutProject: [] };
  for (const { dir, hasPyproject } of globDirs(pattern, excluders, wsFs)) {
    found.matches.push(dir);
    if (!hasPyproject) found.missingPyproject.push(dir);
    else if (typeof valueAt(parseToml(wsFs.readText(joinPath(dir, "pyproject.toml")) ?? "").doc?.value, ["project", "name"]) !== "string") {
      found.withoutProject.push(dir);
    }
  }
  return found;
}

/** True when a workspace `exclude` pattern matches the directory (uv's matching). */
export function isExcludedDir(dir: string, excludes: readonly string[]): boolean {
  return excludes.some((exclude) => picomatch(cleanPattern(exclude), EXCLUDE_GLOB)(dir));
}

/** The directories a glob gives after `exclude`, minus hidden ones without a pyproject.toml. */
function globDirs(pattern: string, excluders: readonly ((dir: string) => boolean)[], wsFs: FileSource): { dir: string; hasPyproject: boolean }[] {
  const dirs: { dir: string; hasPyproject: boolean }[] = [];
  for (const dir of expandGlob(pattern, wsFs)) {
    if (dir !== "." && excluders.some((isExcluded) => isExcluded(dir))) continue;
    const hasPyproject = wsFs.isFile(joinPath(dir, "pyproject.toml"));
    // uv skips hidden directories without a pyproject.toml (astral-sh/uv#5408) and errors on others.
    if (!hasPyproject && path.posix.basename(dir).startsWith(".")) continue;
    dirs.push({ dir, hasPyproject });
  }
  return dirs;
}

/** Directories matched by one `members` glob, walking segment by segment like the `glob` crate. */
function expandGlob(pattern: string, wsFs: FileSource): string[] {
  let dirs = ["."];
  for (const segment of cleanPattern(pattern).split("/")) {
    if (segment === "" || segment === ".") continue;
    const next = new Set<string>();
    const isMatch = picomatch.scan(segment).isGlob ? picomatch(segment, SEGMENT_GLOB) : undefined;
    for (const dir of dirs) {
      if (segment === "**") {
        for (const found of [dir, ...descendants(dir, wsFs)]) next.add(found);
      } else if (isMatch) {
        for (const name of wsFs.listDir(dir)) {
          const child = joinPath(dir, name);
          if (!NEVER_MEMBERS.has(name) && isMatch(name) && wsFs.isDir(child)) next.add(child);
        }
      } else if (wsFs.isDir(joinPath(dir, segment))) {
        next.add(joinPath(dir, segment));
      }
    }
    // `members = ["../outside/*"]` names folders outside the repository: never read there.
    dirs = [...next].filter((d) => !escapesRoot(d));
  }
  return dirs;
}

/** Every folder below `dir`, iteratively: a deep tree must not overflow the stack. */
function descendants(dir: string, wsFs: FileSource): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const at = stack.pop()!;
    for (const name of wsFs.listDir(at)) {
      const child = joinPath(at, name);
      if (NEVER_MEMBERS.has(name) || !wsFs.isDir(child)) continue;
      found.push(child);
      stack.push(child);
    }
  }
  return found.sort();
}

function cleanPattern(pattern: string): string {
  return pattern.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/+$/, "");
}

function joinPath(dir: string, name: string): string {
  return path.posix.join(dir, name);
}

function parentDir(dir: string): string {
  return path.posix.dirname(dir);
}

export function isTable(value: unknown): value is Record<string, unknown> {
  // smol-toml gives tables as null-prototype objects and dates as TomlDate (a Date)
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function valueAt(root: unknown, keys: TomlPath): unknown {
  let value = root;
  for (const key of keys) {
    if (Array.isArray(value) && typeof key === "number") value = value[key];
    else if (isTable(value) && typeof key === "string") value = value[key];
    else return undefined;
  }
  return value;
}

export function tableAt(root: unknown, keys: TomlPath): Record<string, unknown> | undefined {
  const value = valueAt(root, keys);
  return isTable(value) ? value : undefined;
}

export function stringsIn(list: unknown): { value: string; index: number }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, index) => (typeof value === "string" ? [{ value, index }] : []));
}

