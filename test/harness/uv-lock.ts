import path from "node:path";
import picomatch from "picomatch";
import { parse } from "smol-toml";
import { normalizeName } from "../../src/facts/python/pep503.js";
import { parseRequirement } from "../../src/facts/python/pep508.js";

type Table = Record<string, unknown>;

/**
 * A uv.lock that is fresh for the pyproject.toml files of a fixture: its `[manifest] members` and
 * each member's `requires-dist` / `requires-dev`, as `uv lock` records them (registry packages left
 * out: no rule reads them). Add it to a workspace fixture so that single-lockfile and lockfile-fresh
 * stay quiet in tests of other rules: `{ ...files, "uv.lock": uvLockFor(files) }`.
 */
export function uvLockFor(files: Readonly<Record<string, string>>): string {
  const root = files["pyproject.toml"] === undefined ? {} : (parse(files["pyproject.toml"]) as Table);
  const workspace = (((root["tool"] as Table | undefined)?.["uv"] as Table | undefined)?.["workspace"] ?? {}) as Table;
  const globs = strings(workspace["members"]).map((g) => picomatch(g.replace(/^\.\//, ""), { dot: true }));
  const excludes = strings(workspace["exclude"]).map((g) => picomatch(g.replace(/^\.\//, ""), { dot: true, bash: true }));
  const members = Object.keys(files)
    .filter((f) => path.posix.basename(f) === "pyproject.toml")
    .map((f) => ({ dir: path.posix.dirname(f), value: parse(files[f]!) as Table }))
    .filter(({ dir }) => dir === "." || (globs.some((m) => m(dir)) && !excludes.some((x) => x(dir))))
    .flatMap(({ dir, value }) => {
      const project = value["project"] as Table | undefined;
      return typeof project?.["name"] === "string" ? [{ dir, value, project, name: normalizeName(project["name"]) }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const memberDir = new Map(members.map((m) => [m.name, m.dir]));
  const entry = (text: string, marker?: string): string => {
    const r = parseRequirement(text);
    if (!r) return "";
    const parts = [`name = ${JSON.stringify(r.normalizedName)}`];
    if (r.extras.length > 0) parts.push(`extras = ${JSON.stringify(r.extras.map(normalizeName).sort())}`);
    if (marker !== undefined) parts.push(`marker = "extra == '${normalizeName(marker)}'"`);
    const member = memberDir.get(r.normalizedName);
    if (member !== undefined) parts.push(`editable = ${JSON.stringify(member)}`);
    else if (r.url !== undefined) parts.push(`url = ${JSON.stringify(r.url)}`);
    else if (r.specifier !== "") parts.push(`specifier = ${JSON.stringify(r.specifier.replace(/\s+/g, ""))}`);
    return `    { ${parts.join(", ")} },`;
  };
  const out = ["version = 1", "revision = 3", 'requires-python = ">=3.11"', "", "[manifest]", `members = ${JSON.stringify(members.map((m) => m.name))}`];
  for (const m of members) {
    out.push("", "[[package]]", `name = ${JSON.stringify(m.name)}`, `version = ${JSON.stringify(m.project["version"] ?? "0.0.0")}`, `source = { editable = ${JSON.stringify(m.dir)} }`);
    const dist = [
      ...strings(m.project["dependencies"]).map((d) => entry(d)),
      ...Object.entries((m.project["optional-dependencies"] ?? {}) as Table).flatMap(([extra, list]) => strings(list).map((d) => entry(d, extra))),
    ];
    out.push("", "[package.metadata]", "requires-dist = [", ...dist, "]");
    const groups = (m.value["dependency-groups"] ?? {}) as Table;
    if (Object.keys(groups).length > 0) {
      out.push("", "[package.metadata.requires-dev]");
      const expand = (group: string, seen: Set<string>): string[] =>
        seen.has(group) ? [] : (seen.add(group), (Array.isArray(groups[group]) ? (groups[group] as unknown[]) : []).flatMap((d) => {
          const include = (d as Table | null)?.["include-group"];
          return typeof d === "string" ? [d] : typeof include === "string" ? expand(include, seen) : [];
        }));
      for (const group of Object.keys(groups)) out.push(`${JSON.stringify(normalizeName(group))} = [`, ...expand(group, new Set()).map((d) => entry(d)), "]");
    }
  }
  return out.join("\n") + "\n";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
