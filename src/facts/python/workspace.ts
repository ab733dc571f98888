import * as path from "node:path";
import type { ParseProblem } from "../../parse/problem.js";
import { tableAt, type TomlDocument } from "../../parse/toml.js";
import type { Range } from "../../text/range.js";
import { normalizeName } from "./pep503.js";
import { dependenciesOf, type Dependency, type Source } from "./dependencies.js";
import { parseLockValues, type UvLock } from "./uv-lock.js";
import { closest } from "../../text/edit-distance.js";
import { cleanPath } from "../../discover/file-source.js";

/** The workspace model: what uv sees of the root and its members, and the lookups rules make in it (workspace-load.ts builds it). */

export interface Member {
  name: string;
  normalizedName: string;
  version?: string;
  requiresPython?: string;
  /** posix, relative to root ("." for a root that is itself a project) */
  dir: string;
  pyprojectPath: string;
  toml: TomlDocument;
  /** the pyproject text, BOM removed (the text SourceFile holds, so offsets agree) */
  text: string;
  dependencies: Dependency[];
  sources: Source[];
  scripts: Record<string, string>;
  readonly nameRange: Range | undefined;
  readonly versionRange: Range | undefined;
  readonly requiresPythonRange: Range | undefined;
}

export interface MemberGlob {
  pattern: string;
  readonly range: Range;
  /** directories the glob matched that `exclude` keeps, minus hidden ones without a pyproject.toml */
  matches: string[];
  /** matched directories without a pyproject.toml (uv refuses these) */
  missingPyproject: string[];
  /** matched directories whose pyproject.toml has no `[project]` name (uv refuses these too) */
  withoutProject: string[];
}

export interface WorkspaceModel {
  readonly root: string;
  readonly rootPyproject?: { path: "pyproject.toml"; toml: TomlDocument; text: string };
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

export type ModelData = Omit<
  WorkspaceModel,
  "memberByName" | "memberOwning" | "memberAtDir" | "scriptOwner" | "closestMemberName" | "lockfile" | "rootInstalls"
>;

export function workspaceModel(data: ModelData, readLock: () => string | undefined = () => undefined): WorkspaceModel {
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
  const setting = tableAt(root.toml.value, ["tool", "uv"])?.["default-groups"];
  const defaults = setting === "all" ? undefined : Array.isArray(setting) ? setting.filter((g): g is string => typeof g === "string") : DEFAULT_GROUPS;
  const wanted = (d: Dependency, extras: readonly string[]): boolean =>
    d.group.kind === "project" ||
    (d.group.kind === "optional" && extras.includes(normalizeName(d.group.name ?? ""))) ||
    (d.group.kind === "group" && groups && (defaults === undefined || defaults.some((g) => normalizeName(g) === normalizeName(d.group.name ?? ""))));
  const queue: { deps: readonly Dependency[]; sources: readonly Source[]; extras: readonly string[]; groupsCount: boolean }[] = [
    { deps: dependenciesOf(root.toml), sources: data.rootSources, extras: [], groupsCount: true },
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

function parentDir(dir: string): string {
  return path.posix.dirname(dir);
}
