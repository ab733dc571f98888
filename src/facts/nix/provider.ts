import path from "node:path";
import type { Node } from "web-tree-sitter";
import type { Snippet } from "../../embed/snippet.js";
import { loadNixParser, parseNix } from "../../parse/nix.js";
import { nixpkgsEvaluator, type NixpkgsEvaluator } from "./nixpkgs.js";
import type { NixUnit } from "./values.js";
import { escapesRoot, type FileSource } from "../../discover/file-source.js";
import type { FileKind } from "../../discover/kind.js";
import type { NixTree } from "../../parse/nix.js";
import type { SourceFile } from "../../text/source-file.js";
import type { WorkspaceModel } from "../python/workspace.js";
import { interpreterVersion } from "./catalogue.js";
import type { DevShell, DevShellInsertion, NixFacts, NixLocation } from "./facts.js";
import { insertionPoint } from "./insertion.js";
import { DevShellReader } from "./lists.js";
import { Locator } from "./locator.js";
import { scanUnit, type FoundDevShell, type UnitScan } from "./scan.js";

/** Files a flake, shell or default.nix at the root pulls in are analysed with the file being linted. */
const ENTRY_FILES = ["flake.nix", "shell.nix", "default.nix"];
const MAX_UNITS = 64;

/** What this provider reads of a file (the engine's ProviderInput has it). */
export interface NixInput {
  readonly source: SourceFile;
  readonly kind: FileKind;
  readonly rootAbs: string;
  readonly fileSource: FileSource;
  readonly workspace: WorkspaceModel;
  readonly nix: readonly { snippet: Snippet; tree: NixTree }[];
}

interface Cached {
  /** the text the unit was parsed from: a language server's run sees files change */
  readonly text: string;
  readonly unit: NixUnit;
}

/** Parsed imports, per run: the workspace model is built once per run, so it keys the run. */
const runs = new WeakMap<object, Map<string, Cached>>();

/** One `nix` fact per Nix snippet of the file: its dev shells (followed through imports) and Python references. */
export async function provide(input: NixInput): Promise<{ hook: "nix"; fact: NixFacts; snippet: Snippet }[]> {
  if (input.nix.length === 0) return [];
  await loadNixParser();
  let cache = runs.get(input.workspace);
  if (!cache) runs.set(input.workspace, (cache = new Map()));
  const out: { hook: "nix"; fact: NixFacts; snippet: Snippet }[] = [];
  // Read once per file, not per snippet: a document's every Nix block would read it again.
  const pin = pythonVersionFile(input.fileSource);
  const walked = new Map<Node, Walked>();
  for (const { snippet, tree } of input.nix) {
    const fact = factsFor(input, snippet, tree.root, cache, pin, walked);
    out.push({ hook: "nix", fact, snippet });
  }
  return out;
}

/** A tree read once per file: a document repeats one flake fragment in section after section. */
interface Walked {
  readonly current: NixUnit;
  readonly ev: NixpkgsEvaluator;
  readonly load: (abs: string) => NixUnit | undefined;
  readonly own: UnitScan;
}

function factsFor(
  input: NixInput,
  snippet: Snippet,
  root: Node,
  cache: Map<string, Cached>,
  pin: Pick<NixFacts, "pythonVersionFile">,
  walked: Map<Node, Walked>,
): NixFacts {
  const file = input.source.path;
  const selfAbs = path.join(input.rootAbs, file);
  // Docs show a flake as if it lay elsewhere: their relative imports are not followed.
  const isFile = input.kind === "nix";
  // Where a snippet lies is the Locator's business: the walk and the evaluator see only the tree.
  let w = walked.get(root);
  if (!w) {
    const current: NixUnit = { file, dirAbs: isFile ? path.dirname(selfAbs) : null, root };
    const load = (abs: string): NixUnit | undefined => (isFile && abs === selfAbs ? current : loadUnit(abs, input.rootAbs, input.fileSource, cache));
    const ev = nixpkgsEvaluator(load);
    walked.set(root, (w = { current, ev, load, own: scanUnit(ev, current) }));
  }
  const { current, ev, load } = w;
  const loc = new Locator(current, snippet);
  const reader = new DevShellReader(ev, loc);

  const scans: UnitScan[] = [w.own];
  if (isFile) {
    // Shells elsewhere can take packages from this file only when the entry files reach it.
    const units = reachable(ENTRY_FILES.map((f) => path.join(input.rootAbs, f)), load);
    if (units.includes(current)) for (const unit of units) if (unit !== current) scans.push(scanUnit(ev, unit));
  }

  const found = keepBest(scans.flatMap((s) => s.devShells));
  const named = (name: string) => found.find((s) => s.name === name)?.value;
  for (const s of found) reader.noteLists(s.value);
  const devShells: { shell: Omit<DevShell, "insertion">; insertion: () => DevShellInsertion | undefined }[] = [];
  const seen = new Set<string>();
  for (const s of found) {
    const { packages, complete, lists, interpreterInEnv } = reader.packages(s.value, named);
    const at = loc.node(s.value.unit, s.value.head);
    if (!at.here && !packages.some((p) => p.at.here)) continue;
    // One call reached twice with the same elements (shell.nix, and a flake importing it) is one shell.
    const key = [at.file, at.range.start, ...packages.map((p) => `${p.at.file}:${p.at.range.start}`)].join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    devShells.push({ shell: { name: s.name, at, packages, complete, lists, interpreterInEnv }, insertion: () => insertionPoint(ev, loc, s.value) });
  }

  const placeKey = (l: NixLocation) => `${l.file}:${l.range.start}:${l.range.end}`;
  const envElements = new Set(devShells.flatMap(({ shell: s }) => s.packages.filter((p) => p.meaning.kind === "python-env").map((p) => placeKey(p.at))));
  const own = scans[0]!;
  const excluded = snippet.excluded.map((r) => snippet.map.toHostRange(r));
  const live = (l: NixLocation) => !l.here || !excluded.some((r) => r.start <= l.range.start && l.range.end <= r.end);
  const text = (start: number, end: number) => root.text.slice(start, end);
  return {
    file,
    devShells: devShells.filter(({ shell }) => live(shell.at)).map(({ shell, insertion }) => withInsertion({ ...shell, packages: shell.packages.filter((p) => live(p.at)) }, insertion)),
    withPackages: own.envs.map((v) => reader.withPackages(v, (at) => envElements.has(placeKey(at)))).filter((c) => live(c.at)).map((c) => ({ ...c, packages: c.packages.filter((p) => live(p.at)) })),
    pythonBuilds: own.builds.map((b) => ({ name: b.name, at: loc.node(current, b.node) })).filter((b) => live(b.at)),
    interpreters: own.interpreters
      .map((i) => ({ text: text(i.start, i.end), attr: i.attr, version: interpreterVersion(i.attr), at: loc.at(current, i.start, i.end) }))
      .filter((i) => live(i.at)),
    ...pin,
  };
}

/**
 * Where packages would go is worked out when a rule asks (a fix for a shell without uv): most
 * shells, and every shell in a document, never need it.
 */
function withInsertion(shell: Omit<DevShell, "insertion">, insertion: () => DevShellInsertion | undefined): DevShell {
  let at: { value: DevShellInsertion | undefined } | undefined;
  return Object.defineProperty({ ...shell }, "insertion", { enumerable: true, get: () => (at ??= { value: insertion() }).value }) as DevShell;
}

/**
 * One dev shell per call: the same mkShell may be found by the walk (its arguments unknown) and by
 * evaluating a `devShells` binding that calls it (arguments known); the evaluated ones win.
 */
function keepBest(all: readonly FoundDevShell[]): FoundDevShell[] {
  const groups = new Map<string, FoundDevShell[]>();
  for (const s of all) {
    const key = `${s.value.unit.file}:${s.value.call.startIndex}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const kept: FoundDevShell[] = [];
  for (const group of groups.values()) {
    const forced = group.filter((s) => s.forced);
    if (forced.length === 0) kept.push(group[0]!);
    else kept.push(...forced.filter((s, i) => forced.findIndex((f) => f.name === s.name) === i));
  }
  return kept;
}

/** The units reachable from the entry files through static `.nix` path literals. */
function reachable(entries: readonly string[], load: (abs: string) => NixUnit | undefined): NixUnit[] {
  const seen = new Set<string>();
  const units: NixUnit[] = [];
  const queue = [...entries];
  while (queue.length > 0 && units.length < MAX_UNITS) {
    const abs = queue.shift()!;
    if (seen.has(abs)) continue;
    seen.add(abs);
    const unit = load(abs);
    if (!unit || unit.dirAbs === null) continue;
    units.push(unit);
    queue.push(...importsOf(unit, unit.dirAbs));
  }
  return units;
}

/** A unit's static imports, found once per tree: every .nix file of a run walks the same graph. */
const imports = new WeakMap<NixUnit, string[]>();
function importsOf(unit: NixUnit, dirAbs: string): string[] {
  let targets = imports.get(unit);
  if (!targets) {
    targets = [];
    for (const p of unit.root.descendantsOfType("path_expression")) {
      if (!p || !p.namedChildren.every((c) => c?.type === "path_fragment")) continue;
      const target = path.resolve(dirAbs, p.text);
      if (p.text.endsWith(".nix")) targets.push(target);
      else if (!path.extname(p.text)) targets.push(path.join(target, "default.nix"));
    }
    imports.set(unit, targets);
  }
  return targets;
}

function loadUnit(abs: string, rootAbs: string, files: FileSource, cache: Map<string, Cached>): NixUnit | undefined {
  const rel = path.relative(rootAbs, abs).split(path.sep).join("/");
  if (escapesRoot(rel) || !files.isFile(rel)) return undefined; // `import /etc/nixos/x.nix` or a link out: never read
  let text = files.readText(rel);
  if (text === undefined) return undefined;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const hit = cache.get(abs);
  if (hit && hit.text === text) return hit.unit;
  const unit: NixUnit = { file: rel, dirAbs: path.dirname(abs), root: parseNix(text).root };
  cache.set(abs, { text, unit });
  return unit;
}

function pythonVersionFile(files: FileSource): Pick<NixFacts, "pythonVersionFile"> {
  const raw = files.readText(".python-version");
  if (raw === undefined) return {};
  const text = raw.replace(/^\ufeff/, "");
  // The first line that is neither blank nor a comment, as uv reads it.
  const line = /^[ \t]*([^\s#][^\r\n]*?)[ \t]*$/m.exec(text);
  if (!line) return {};
  const start = line.index + line[0].indexOf(line[1]!);
  return { pythonVersionFile: { path: ".python-version", version: line[1]!, text, range: { start, end: start + line[1]!.length } } };
}
