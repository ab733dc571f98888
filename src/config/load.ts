import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import picomatch from "picomatch";
import type { WorkspaceModel } from "../facts/python/workspace.js";
import { SourceFile } from "../text/source-file.js";
import { closest as nearest, TYPO_LIMIT } from "../text/edit-distance.js";
import { DEFAULT_COUNTER_EXAMPLE_MARKERS } from "../embed/markdown/markers.js";
import { CONFIG_FILE } from "./file-name.js";
import { configSchema, type ConfigFile, type InlineCodeSetting, type RuleEntry, type RuleSettings, type Severity, type SeverityName, type SeveritySetting, type WorkspaceSetting } from "./schema.js";

export { CONFIG_FILE };

export class ConfigError extends Error {}

export interface ResolvedRule {
  readonly severity: Severity | "off";
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ResolvedConfig {
  readonly rules: Readonly<Record<string, ResolvedRule>>;
  readonly markdown: { readonly counterExampleMarkers: readonly string[]; readonly inlineCode: InlineCodeSetting };
  readonly defaultMember: string | undefined;
}

/** A loaded config: the file (or the recommended defaults) plus command-line rule overrides. */
export class Config {
  readonly ignores: readonly string[];
  readonly workspace: WorkspaceSetting;
  private readonly cache = new Map<string, ResolvedConfig>();
  private readonly overrides: { match: (p: string) => boolean; rules: Record<string, RuleEntry> }[];

  constructor(
    private readonly rules: readonly RuleSettings[],
    private readonly file: ConfigFile,
    private readonly cliRules: Readonly<Record<string, SeverityName>> = {},
    /** where the config came from, for --print-config; undefined = built-in recommended */
    readonly source?: string,
    /** `file:line:col` of `defaultMember`'s value, for errors found once the workspace is known */
    private readonly defaultMemberAt?: string,
  ) {
    this.ignores = file.ignores ?? [];
    this.workspace = file.workspace ?? "auto";
    this.overrides = (file.overrides ?? []).map((o) => {
      const include = picomatch(o.files, { dot: true });
      const exclude = o.ignores && o.ignores.length > 0 ? picomatch(o.ignores, { dot: true }) : () => false;
      return { match: (p: string) => include(p) && !exclude(p), rules: o.rules ?? {} };
    });
  }

  /** `defaultMember` must name a member: a typo would make member-dependent fixes write a wrong `--package`. */
  checkAgainst(workspace: Pick<WorkspaceModel, "memberByName" | "closestMemberName" | "isWorkspace">): void {
    const name = this.file.defaultMember;
    if (name === undefined || workspace.memberByName(name)) return;
    const guess = workspace.closestMemberName(name);
    const why = workspace.isWorkspace ? (guess ? ` (did you mean "${guess}"?)` : "") : ": the root pyproject.toml declares no `[tool.uv.workspace]`";
    throw new ConfigError(`${this.defaultMemberAt ?? this.source ?? "config"}: defaultMember "${name}" names no workspace member${why}`);
  }

  forFile(relPath: string): ResolvedConfig {
    const matched = this.overrides.filter((o) => o.match(relPath));
    const key = matched.map((o) => this.overrides.indexOf(o)).join(",");
    let resolved = this.cache.get(key);
    if (!resolved) {
      resolved = this.resolve(matched.map((o) => o.rules));
      this.cache.set(key, resolved);
    }
    return resolved;
  }

  private resolve(layers: Record<string, RuleEntry>[]): ResolvedConfig {
    const rules: Record<string, ResolvedRule> = {};
    for (const rule of this.rules) {
      let severity: Severity | "off" = rule.severity;
      let options: Record<string, unknown> = { ...(rule.options ?? {}) };
      for (const layer of [this.file.rules ?? {}, ...layers, this.cliRules]) {
        const entry = layer[rule.id];
        if (entry === undefined) continue;
        const [name, opts] = Array.isArray(entry) ? entry : [entry];
        severity = severityOf(name);
        if (opts) options = { ...options, ...opts };
      }
      rules[rule.id] = { severity, options };
    }
    return {
      rules,
      markdown: {
        counterExampleMarkers: this.file.markdown?.counterExampleMarkers ?? DEFAULT_COUNTER_EXAMPLE_MARKERS,
        inlineCode: this.file.markdown?.inlineCode ?? "warn",
      },
      defaultMember: this.file.defaultMember,
    };
  }
}

const NUMBERED: Record<number, Severity | "off"> = { 0: "off", 1: "warning", 2: "error" };

function severityOf(name: SeveritySetting): Severity | "off" {
  if (typeof name === "number") return NUMBERED[name]!;
  return name === "warn" ? "warning" : name;
}

/** The config file at the root (or the one given), validated; the recommended config without one. */
export function loadConfig(
  root: string,
  rules: readonly RuleSettings[],
  options: { configPath?: string; cliRules?: Record<string, SeverityName>; cwd?: string; workspace?: WorkspaceSetting | undefined } = {},
): Config {
  const file = options.configPath ? path.resolve(options.configPath) : path.join(root, CONFIG_FILE);
  const cliWorkspace = options.workspace ? { workspace: options.workspace } : {};
  if (!fs.existsSync(file)) {
    if (options.configPath) throw new ConfigError(`${options.configPath}: config file not found`);
    return new Config(rules, cliWorkspace, options.cliRules ?? {});
  }
  const display = path.relative(options.cwd ?? process.cwd(), file) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`${display}: cannot read config: ${(e as Error).message}`);
  }
  const parsed = parseConfig(display, text, rules);
  return new Config(rules, { ...parsed, ...cliWorkspace }, options.cliRules ?? {}, display, parsed.defaultMember === undefined ? undefined : positionOf(display, text, ["defaultMember"]));
}

/** `.evio-lint.json` is JSONC: comments and trailing commas are accepted, as in VS Code's settings. */
const JSONC = { allowTrailingComma: true, disallowComments: false };

function positionOf(display: string, text: string, keys: string[]): string | undefined {
  const source = new SourceFile(display, text);
  const node = findNodeAtLocation(parseTree(source.text, [], JSONC) ?? { type: "null", offset: 0, length: 0 }, keys);
  if (!node) return undefined;
  const p = source.positionAt(node.offset);
  return `${display}:${p.line}:${p.column}`;
}

export function parseConfig(display: string, text: string, rules: readonly RuleSettings[]): ConfigFile {
  const source = new SourceFile(display, text);
  const errors: ParseError[] = [];
  const tree = parseTree(source.text, errors, JSONC);
  const at = (offset: number): string => {
    const p = source.positionAt(offset);
    return `${display}:${p.line}:${p.column}`;
  };
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    throw new ConfigError(`${at(e?.offset ?? 0)}: invalid JSON (${e ? printParseErrorCode(e.error) : "empty file"})`);
  }
  const value = getNodeValue(tree) as unknown;
  const validate = validator(rules);
  if (!validate(value)) {
    const err = pickError(validate.errors ?? []);
    const pathParts = err.instancePath.split("/").slice(1).map(unescapePointer);
    const extra = err.keyword === "additionalProperties" ? String(err.params["additionalProperty"]) : undefined;
    const node = locate(tree, extra !== undefined ? [...pathParts, extra] : pathParts, extra !== undefined);
    const found = extra === undefined && node ? getNodeValue(node) as unknown : undefined;
    throw new ConfigError(`${at(node?.offset ?? 0)}: ${describe(err, pathParts, extra, rules, found)}`);
  }
  return value as ConfigFile;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type Validate = ((v: unknown) => boolean) & { errors?: AjvError[] | null };
let compiled: { key: string; fn: Validate } | undefined;

function validator(rules: readonly RuleSettings[]): Validate {
  const key = rules.map((r) => r.id).join(",");
  if (compiled?.key === key) return compiled.fn;
  // ajv is only needed when a config file exists: load it then, not at start-up.
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020") as { default: new (o: object) => { compile(s: object): Validate } };
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  compiled = { key, fn: ajv.compile(configSchema(rules)) };
  return compiled.fn;
}

/** The most specific error: an unknown key beats a failed oneOf over its branches. */
function pickError(errors: AjvError[]): AjvError {
  const unknown = errors.find((e) => e.keyword === "additionalProperties");
  if (unknown) return unknown;
  const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  return deepest.find((e) => e.keyword === "enum") ?? deepest[0]!;
}

const didYouMean = (guess: string | undefined) => (guess ? ` (did you mean "${guess}"?)` : "");

function describe(err: AjvError, pathParts: string[], extra: string | undefined, rules: readonly RuleSettings[], found: unknown): string {
  const where = pathParts.join(".");
  if (extra !== undefined) {
    const inRules = pathParts[pathParts.length - 1] === "rules";
    if (inRules) return `unknown rule "${extra}"${didYouMean(closest(extra, rules.map((r) => r.id)))}`;
    return `unknown key "${extra}"${where ? ` in ${where}` : ""}${didYouMean(closest(extra, keysAt(configSchema(rules), pathParts)))}`;
  }
  if (pathParts.length === 2 && pathParts[0] === "rules" || (pathParts.length === 4 && pathParts[0] === "overrides" && pathParts[2] === "rules")) {
    const severity = Array.isArray(found) ? found[0] : found;
    const guess = typeof severity === "string" ? closestWord(severity, ["off", "warn", "error"]) : undefined;
    return `bad setting for rule "${pathParts[pathParts.length - 1]}"${didYouMean(guess)}: expected "off", "warn", "error" (or 0, 1, 2) or ["error", { options }]`;
  }
  if (where === "defaultMember" && err.keyword === "pattern") {
    return "bad value for defaultMember: not a valid package name (PEP 508: letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit)";
  }
  if (err.keyword === "enum") {
    const values = err.params["allowedValues"] as unknown[];
    const guess = typeof found === "string" ? closestWord(found, values.filter((v): v is string => typeof v === "string")) : undefined;
    return `bad value for ${where || "config"}${didYouMean(guess)}: expected one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return `bad value for ${where || "config"}: ${err.message ?? err.keyword}`;
}

/** The value at a path, or (for an unknown key) the key itself. */
function locate(tree: JsonNode, parts: string[], key = false): JsonNode | undefined {
  const segments = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const valueNode = findNodeAtLocation(tree, segments);
  if (key && valueNode?.parent?.type === "property") return valueNode.parent.children?.[0] ?? valueNode;
  return valueNode ?? (segments.length > 0 ? locate(tree, parts.slice(0, -1)) : tree);
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  return nearest(word, candidates, { limit: TYPO_LIMIT });
}

/** A near miss, or a longer spelling of an allowed word ("warning" for "warn", "errors" for "error"). */
function closestWord(word: string, allowed: readonly string[]): string | undefined {
  return closest(word, allowed) ?? allowed.find((a) => word.toLowerCase().startsWith(a));
}

/** The keys the schema allows at a path (following object properties, array items and oneOf branches). */
function keysAt(schema: unknown, parts: readonly string[]): string[] {
  const node = schema as { properties?: Record<string, unknown>; items?: unknown; prefixItems?: unknown[]; oneOf?: unknown[] } | undefined;
  if (!node || typeof node !== "object") return [];
  if (parts.length === 0) return Object.keys(node.properties ?? {});
  const [head, ...rest] = parts as [string, ...string[]];
  if (node.oneOf) return node.oneOf.flatMap((branch) => keysAt(branch, parts));
  if (node.properties?.[head] !== undefined) return keysAt(node.properties[head], rest);
  if (/^\d+$/.test(head)) return keysAt(node.prefixItems?.[Number(head)] ?? node.items, rest);
  return [];
}

