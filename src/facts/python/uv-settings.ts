import { tableAt, valueAt, type TomlDocument, type TomlPath } from "../../parse/toml.js";
import type { Range } from "../../text/range.js";
import { closest as nearest } from "../../text/edit-distance.js";

/**
 * The keys uv knows in a pyproject.toml, as its settings reference documents them: the
 * "Project metadata" and "Configuration" sections of https://docs.astral.sh/uv/reference/settings/
 * (its source, docs/reference/settings.md, read at astral-sh/uv@00b77268), completed from
 * `uv.schema.json` at astral-sh/uv@dc6f3cdb74464e4a77f1e3e8ffd415db5dcb96ac, the schema the
 * reference is generated from, which adds the uv 0.8 settings `config-settings-package`,
 * `extra-build-dependencies`, `extra-build-variables` and `[[tool.uv.index]] cache-control`.
 * `[tool.uv.pip]`, `[tool.uv.build-backend]` and `[tool.uv.dependency-groups]` are not checked key
 * by key. When uv adds a setting, add it here and bump UV_SETTINGS_VERSION.
 */
export const UV_SETTINGS_VERSION = "0.8";

/** `[tool.uv]`: "Project metadata" and "Configuration" of the settings reference. */
export const TOOL_UV_KEYS: ReadonlySet<string> = new Set([
  // project metadata
  "build-backend", "build-constraint-dependencies", "conflicts", "constraint-dependencies", "default-groups",
  "dependency-groups", "dev-dependencies", "environments", "index", "managed", "override-dependencies", "package",
  "required-environments", "sources", "workspace",
  // configuration
  "add-bounds", "allow-insecure-host", "cache-dir", "cache-keys", "check-url", "compile-bytecode", "concurrent-builds",
  "concurrent-downloads", "concurrent-installs", "config-settings", "config-settings-package", "dependency-metadata",
  "exclude-newer", "exclude-newer-package", "extra-build-dependencies", "extra-build-variables", "extra-index-url",
  "find-links", "fork-strategy", "index-strategy", "index-url", "keyring-provider", "link-mode", "native-tls",
  "no-binary", "no-binary-package", "no-build", "no-build-isolation", "no-build-isolation-package", "no-build-package",
  "no-cache", "no-index", "no-sources", "offline", "pip", "prerelease", "preview", "publish-url", "pypy-install-mirror",
  "python-downloads", "python-downloads-json-url", "python-install-mirror", "python-preference", "reinstall",
  "reinstall-package", "required-version", "resolution", "trusted-publishing", "upgrade", "upgrade-package",
]);

/** `[tool.uv.workspace]` */
export const WORKSPACE_KEYS: ReadonlySet<string> = new Set(["members", "exclude"]);

/** `[[tool.uv.index]]` entries */
export const INDEX_KEYS: ReadonlySet<string> = new Set([
  "name", "url", "explicit", "default", "format", "publish-url", "authenticate", "ignore-error-codes", "cache-control",
]);

/** A `[tool.uv.sources]` entry is one of these, told apart by the key that names it. */
const COMMON_SOURCE_KEYS = ["marker", "extra", "group"];
export const SOURCE_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  git: new Set(["git", "subdirectory", "rev", "tag", "branch", ...COMMON_SOURCE_KEYS]),
  url: new Set(["url", "subdirectory", ...COMMON_SOURCE_KEYS]),
  path: new Set(["path", "editable", "package", ...COMMON_SOURCE_KEYS]),
  index: new Set(["index", ...COMMON_SOURCE_KEYS]),
  workspace: new Set(["workspace", "editable", ...COMMON_SOURCE_KEYS]),
};
const ALL_SOURCE_KEYS: ReadonlySet<string> = new Set(Object.values(SOURCE_KEYS).flatMap((keys) => [...keys]));

/** Keys people put in `[tool.uv]` that belong elsewhere, and where. */
export const MISPLACED_UV_KEYS: Readonly<Record<string, string>> = {
  "requires-python": "`[project] requires-python`",
  dependencies: "`[project] dependencies`",
  "optional-dependencies": "`[project.optional-dependencies]`",
  members: "`[tool.uv.workspace] members`",
  exclude: "`[tool.uv.workspace] exclude`",
  python: "a `.python-version` file (`uv python pin`)",
};

export interface UnknownUvKey {
  /** `[tool.uv]`, `[tool.uv.workspace]`, `[tool.uv.sources] evio`, `[[tool.uv.index]]` */
  readonly table: string;
  readonly key: string;
  readonly range: Range;
  /** a known key one or two edits away */
  readonly suggestion: string | undefined;
  /** where the key belongs, for a known misplacement */
  readonly belongs: string | undefined;
}

export interface IncompleteSource {
  readonly name: string;
  readonly range: Range;
  /** the keys of another kind of source mixed in (`tag` with `path`) */
  readonly mixed: readonly string[];
  /** the key that makes the source what it is (git, url, path, index, workspace); undefined when none */
  readonly kind: string | undefined;
}

/** Keys of `[tool.uv]` and its tables that uv does not know, in document order. */
export function unknownUvKeys(toml: TomlDocument): UnknownUvKey[] {
  const found: UnknownUvKey[] = [];
  const check = (tablePath: TomlPath, tableName: string, known: ReadonlySet<string>, misplaced: Readonly<Record<string, string>> = {}) => {
    const value = tableAt(toml.value, tablePath);
    for (const key of Object.keys(value ?? {})) {
      if (known.has(key)) continue;
      const range = toml.keyRange([...tablePath, key]);
      if (!range) continue;
      found.push({ table: tableName, key, range, suggestion: closest(key, known), belongs: misplaced[key] });
    }
  };
  check(["tool", "uv"], "[tool.uv]", TOOL_UV_KEYS, MISPLACED_UV_KEYS);
  check(["tool", "uv", "workspace"], "[tool.uv.workspace]", WORKSPACE_KEYS);
  const indexes = valueAt(toml.value, ["tool", "uv", "index"]);
  if (Array.isArray(indexes)) indexes.forEach((_, i) => check(["tool", "uv", "index", i], "[[tool.uv.index]]", INDEX_KEYS));
  for (const { path, name } of sourceEntries(toml)) check(path, `[tool.uv.sources] ${name}`, ALL_SOURCE_KEYS);
  return found.sort((a, b) => a.range.start - b.range.start);
}

/** `[tool.uv.sources]` entries with no kind, or with keys of two kinds: uv cannot read them. */
export function invalidSources(toml: TomlDocument): IncompleteSource[] {
  const found: IncompleteSource[] = [];
  for (const { path, name } of sourceEntries(toml)) {
    const keys = Object.keys(tableAt(toml.value, path) ?? {});
    const kinds = Object.keys(SOURCE_KEYS).filter((kind) => keys.includes(kind));
    const kind = kinds[0];
    const mixed = kind === undefined ? [] : keys.filter((key) => ALL_SOURCE_KEYS.has(key) && !SOURCE_KEYS[kind]!.has(key));
    // A source with a misspelled kind (`worksapce`) is reported once, as an unknown key.
    const misspelled = keys.some((key) => !ALL_SOURCE_KEYS.has(key));
    if ((kind !== undefined || misspelled) && mixed.length === 0) continue;
    // Only now the range: a valid source needs no range parse of its file.
    const range = toml.valueRange(path);
    if (range) found.push({ name, range, mixed, kind });
  }
  return found;
}

function sourceEntries(toml: TomlDocument): { path: TomlPath; name: string }[] {
  const entries: { path: TomlPath; name: string }[] = [];
  for (const [name, spec] of Object.entries(tableAt(toml.value, ["tool", "uv", "sources"]) ?? {})) {
    const base = ["tool", "uv", "sources", name];
    // A list holds alternatives chosen by marker; each is a source of its own.
    if (Array.isArray(spec)) spec.forEach((_, i) => entries.push({ path: [...base, i], name }));
    else entries.push({ path: base, name });
  }
  return entries;
}

/** The known key nearest by edit distance, when it is near enough to be a typo. */
export function closest(key: string, known: Iterable<string>): string | undefined {
  return nearest(key.replace(/_/g, "-"), known, { limit: (n) => Math.min(3, Math.max(1, Math.floor(n / 4))) });
}

