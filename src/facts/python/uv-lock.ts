import { isTable, sharedTomlValues, type TomlDocument, type TomlPath } from "../../parse/toml.js";
import type { Range } from "../../text/range.js";
import { normalizeName } from "./pep503.js";
import type { Requirement } from "./pep508.js";

/**
 * What uv.lock says about the workspace's own packages: its `[manifest] members` and, for each
 * package uv builds from the workspace (`source = { editable | virtual = "dir" }`), the
 * requirements it was locked for (`[package.metadata] requires-dist` and `requires-dev`).
 * Registry packages, wheels and hashes are not read: evio-lint never resolves.
 */
export interface UvLock {
  /** `[manifest] members`, in file order; undefined when the lock has no manifest (a single project) */
  readonly manifestMembers: readonly LockedName[] | undefined;
  /** the `members` key of `[manifest]` */
  readonly manifestRange: Range | undefined;
  readonly packages: readonly LockedPackage[];
  /** the workspace package of that name (any spelling) */
  packageNamed(name: string): LockedPackage | undefined;
}

export interface LockedName {
  readonly name: string;
  readonly normalizedName: string;
  readonly range: Range | undefined;
}

export interface LockedPackage extends LockedName {
  /** the folder of an editable or virtual package, posix relative to the root */
  readonly dir: string;
  /** `requires-dist`: the project's dependencies and, marked `extra == 'x'`, its optional ones */
  readonly requiresDist: readonly LockedRequirement[];
  /** `requires-dev`, by normalized group name */
  readonly requiresDev: ReadonlyMap<string, readonly LockedRequirement[]>;
  /** the `requires-dist` key, or the package's `name` when it has none */
  readonly metadataRange: Range | undefined;
}

export interface LockedRequirement {
  /** normalized */
  readonly name: string;
  /** the comparison key: name, extras, version specifier (none for a direct source) and extra */
  readonly key: string;
  /** the extra it belongs to, normalized; "" for a required dependency or a group's */
  readonly extra: string;
  /** locked from a git, path or URL source (or a member), not a package index */
  readonly direct: boolean;
  /** as uv would print it, for messages: `numpy>=1.24` */
  readonly display: string;
  readonly range: Range | undefined;
}

/** The lock from its text, values only (the workspace model reads the lock on disk this way). */
export function parseLockValues(text: string | undefined): UvLock | undefined {
  if (text === undefined) return undefined;
  const value = sharedTomlValues(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  // Not a uv.lock at all (an empty file, another tool's TOML): nothing to compare with.
  return typeof value?.["version"] === "number" ? readLock(value, NO_RANGES) : undefined;
}

/**
 * The lock with ranges into its text, for findings in uv.lock itself. Each range is looked up when
 * a rule first reads it (a finding), so a lock that is fresh never costs its range parse.
 */
export function lockFromDocument(lock: TomlDocument): UvLock {
  return readLock(lock.value, (path, key) => {
    let range: Range | undefined | null = null;
    return () => (range === null ? (range = key ? lock.keyRange(path) : lock.valueRange(path)) : range);
  });
}

const NO_RANGES: RangeAt = () => () => undefined;

/** A range, read on first use. */
type LazyRange = () => Range | undefined;
type RangeAt = (path: TomlPath, key?: boolean) => LazyRange;

function readLock(value: Record<string, unknown>, rangeAt: RangeAt): UvLock {
  const manifest = table(value["manifest"]);
  const members = Array.isArray(manifest?.["members"]) ? (manifest["members"] as unknown[]) : undefined;
  const manifestMembers = members?.flatMap((name, i): LockedName[] => {
    if (typeof name !== "string") return [];
    const range = rangeAt(["manifest", "members", i]);
    return [{ name, normalizedName: normalizeName(name), get range() { return range(); } }];
  });
  const packages: LockedPackage[] = [];
  const list = Array.isArray(value["package"]) ? (value["package"] as unknown[]) : [];
  list.forEach((raw, i) => {
    const pkg = table(raw);
    const source = table(pkg?.["source"]);
    const dir = source?.["editable"] ?? source?.["virtual"];
    if (!pkg || typeof pkg["name"] !== "string" || typeof dir !== "string") return;
    const metadata = table(pkg["metadata"]);
    const at = (...rest: TomlPath): TomlPath => ["package", i, ...rest];
    const requirements = (raw: unknown, path: TomlPath): LockedRequirement[] =>
      (Array.isArray(raw) ? raw : []).flatMap((entry, j) => {
        const requirement = lockedRequirement(table(entry), rangeAt([...path, j]));
        return requirement ? [requirement] : [];
      });
    const requiresDev = new Map<string, LockedRequirement[]>();
    for (const [group, raw] of Object.entries(table(metadata?.["requires-dev"]) ?? {})) {
      requiresDev.set(normalizeName(group), requirements(raw, at("metadata", "requires-dev", group)));
    }
    const range = rangeAt(at("name"));
    const metadataKey = rangeAt(at("metadata", "requires-dist"), true);
    packages.push({
      name: pkg["name"],
      normalizedName: normalizeName(pkg["name"]),
      get range() { return range(); },
      dir,
      requiresDist: requirements(metadata?.["requires-dist"], at("metadata", "requires-dist")),
      requiresDev,
      get metadataRange() { return metadataKey() ?? range(); },
    });
  });
  const byName = new Map<string, LockedPackage>();
  for (const pkg of packages) if (!byName.has(pkg.normalizedName)) byName.set(pkg.normalizedName, pkg);
  const manifestRange = rangeAt(["manifest", "members"], true);
  return {
    manifestMembers,
    get manifestRange() { return manifestRange(); },
    packages,
    packageNamed: (name) => byName.get(normalizeName(name)),
  };
}

/** Sources that pin a requirement to something other than a registry: uv drops its version specifier. */
const DIRECT_SOURCES = ["editable", "virtual", "path", "directory", "git", "url"];

function lockedRequirement(entry: Record<string, unknown> | undefined, range: LazyRange): LockedRequirement | undefined {
  if (!entry || typeof entry["name"] !== "string") return undefined;
  const extras = Array.isArray(entry["extras"]) ? entry["extras"].filter((e): e is string => typeof e === "string") : [];
  const specifier = typeof entry["specifier"] === "string" ? entry["specifier"] : "";
  const marker = typeof entry["marker"] === "string" ? entry["marker"] : "";
  const direct = DIRECT_SOURCES.some((key) => key in entry);
  const extra = extraOfMarker(marker);
  const name = normalizeName(entry["name"]);
  return { name, extra, direct, key: requirementKey(name, extras, specifier, direct, extra), display: display(name, extras, specifier), get range() { return range(); } };
}

/**
 * The key a declared dependency must find in the lock: `direct` when its effective source
 * (`[tool.uv.sources]`, or `name @ url`) is not a registry, since uv then locks no specifier.
 */
export function declaredKey(requirement: Requirement, direct: boolean, extra: string): string {
  return requirementKey(requirement.normalizedName, requirement.extras, requirement.specifier, direct || requirement.url !== undefined, normalizeName(extra));
}

function requirementKey(name: string, extras: readonly string[], specifier: string, direct: boolean, extra: string): string {
  const parts = direct ? ["(direct)"] : specifier.replace(/\s+/g, "").split(",").filter((s) => s !== "").sort();
  return `${name}[${extras.map(normalizeName).sort().join(",")}]${parts.join(",")};${extra}`;
}

function display(name: string, extras: readonly string[], specifier: string): string {
  return `${name}${extras.length > 0 ? `[${extras.join(",")}]` : ""}${specifier}`;
}

const EXTRA_IN_MARKER = /\bextra\s*==\s*["']([^"']+)["']/;

function extraOfMarker(marker: string): string {
  const found = EXTRA_IN_MARKER.exec(marker)?.[1];
  return found === undefined ? "" : normalizeName(found);
}

function table(value: unknown): Record<string, unknown> | undefined {
  return isTable(value) ? value : undefined;
}

/** The lock's entries for one group of a member: `""` the required dependencies, else an extra or a dependency group. */
export function lockedGroup(pkg: LockedPackage, group: { kind: "project" | "optional" | "group"; name?: string }): readonly LockedRequirement[] {
  const name = normalizeName(group.name ?? "");
  if (group.kind === "group") return pkg.requiresDev.get(name) ?? [];
  return pkg.requiresDist.filter((r) => r.extra === (group.kind === "optional" ? name : ""));
}

/**
 * The names a pyproject declares, by the key `lockedGroupKey` gives a locked entry: required
 * dependencies, each extra, each dependency group (following `{ include-group = "..." }`, and
 * with the legacy `[tool.uv] dev-dependencies` in `dev`, as uv locks them).
 */
export function declaredNames(value: Record<string, unknown>): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (key: string, list: unknown) => {
    const set = names.get(key) ?? new Set<string>();
    names.set(key, set);
    for (const item of Array.isArray(list) ? list : []) {
      const name = typeof item === "string" ? /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(item)?.[1] : undefined;
      if (name !== undefined) set.add(normalizeName(name));
    }
  };
  const project = table(value["project"]);
  add("dist:", project?.["dependencies"]);
  for (const [extra, list] of Object.entries(table(project?.["optional-dependencies"]) ?? {})) add(`dist:${normalizeName(extra)}`, list);
  const groups = table(value["dependency-groups"]) ?? {};
  const expand = (group: string, seen: Set<string>): unknown[] => {
    if (seen.has(group)) return [];
    seen.add(group);
    const list = groups[group];
    return (Array.isArray(list) ? list : []).flatMap((item) => {
      const include = table(item)?.["include-group"];
      return typeof include === "string" ? expand(include, seen) : [item];
    });
  };
  for (const group of Object.keys(groups)) add(`dev:${normalizeName(group)}`, expand(group, new Set()));
  add("dev:dev", table(table(value["tool"])?.["uv"])?.["dev-dependencies"]);
  return names;
}

/** The `declaredNames` key of a locked entry: its extra, or its dependency group. */
export function lockedGroupKey(requirement: LockedRequirement, devGroup?: string): string {
  return devGroup === undefined ? `dist:${requirement.extra}` : `dev:${devGroup}`;
}
