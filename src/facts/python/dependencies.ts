import { isTable, stringsIn, tableAt, valueAt, type TomlDocument, type TomlPath } from "../../parse/toml.js";
import type { Range } from "../../text/range.js";
import { normalizeName } from "./pep503.js";
import { parseRequirement, type Requirement } from "./pep508.js";

/** What a pyproject declares for uv: its dependencies (project, extras, groups) and its `[tool.uv.sources]`. */

export interface Dependency {
  requirement: Requirement;
  group: { kind: "project" | "optional" | "group"; name?: string };
  /** the array element (the string literal, quotes included) in the member's pyproject */
  readonly range: Range;
}

export interface Source {
  name: string;
  normalizedName: string;
  kind: "workspace" | "path" | "git" | "url" | "index" | "other";
  path?: string;
  editable?: boolean;
  /** the source's value: its inline table, its `[tool.uv.sources.x]` table, or one element of a list */
  readonly range: Range;
  /** the key that names the package in `[tool.uv.sources]` */
  readonly keyRange: Range | undefined;
  /** the pyproject that declares it, posix relative to the root */
  file: string;
  /** where the source value sits in its document, e.g. `["tool", "uv", "sources", "evio", 0]` */
  tomlPath: TomlPath;
}

const NO_RANGE: Range = { start: 0, end: 0 };

export function dependenciesOf(toml: TomlDocument): Dependency[] {
  const dependencies: Dependency[] = [];
  const add = (listPath: TomlPath, group: Dependency["group"]) => {
    for (const { value, index } of stringsIn(valueAt(toml.value, listPath))) {
      const requirement = parseRequirement(value);
      const at = [...listPath, index];
      // Asked of the document when a rule reads it (src/parse/toml.ts): most members of a run need none.
      if (requirement) dependencies.push({ requirement, group, get range() { return toml.valueRange(at) ?? NO_RANGE; } });
    }
  };
  add(["project", "dependencies"], { kind: "project" });
  for (const extra of Object.keys(tableAt(toml.value, ["project", "optional-dependencies"]) ?? {})) {
    add(["project", "optional-dependencies", extra], { kind: "optional", name: extra });
  }
  for (const group of Object.keys(tableAt(toml.value, ["dependency-groups"]) ?? {})) {
    add(["dependency-groups", group], { kind: "group", name: group });
  }
  // uv reads the legacy `[tool.uv] dev-dependencies` as the `dev` group.
  add(["tool", "uv", "dev-dependencies"], { kind: "group", name: "dev" });
  return dependencies;
}

export function sourcesOf(toml: TomlDocument, file: string): Source[] {
  const sources: Source[] = [];
  for (const [name, spec] of Object.entries(tableAt(toml.value, ["tool", "uv", "sources"]) ?? {})) {
    const keyPath = ["tool", "uv", "sources", name];
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
        get range() {
          return toml.valueRange(valuePath) ?? NO_RANGE;
        },
        get keyRange() {
          return toml.keyRange(keyPath);
        },
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
