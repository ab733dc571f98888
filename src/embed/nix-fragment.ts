import type { Node } from "web-tree-sitter";
import type { NixTree } from "../parse/nix.js";
import { OffsetMapBuilder, type OffsetMap } from "../text/offset-map.js";
import { childSnippet, type Snippet } from "./snippet.js";

/**
 * What a Nix fragment in documentation takes for granted: nixpkgs as `pkgs`, and its attributes
 * in scope (`python3Packages.torch` in a doc means nixpkgs' one, as under `with pkgs;`).
 */
const SCOPE = "{ pkgs, ... }: with pkgs; ";

/** Text put around the block; it stands for no host text (opaque, zero-width at the block's edges). */
interface Wrapping {
  readonly prefix: string;
  readonly suffix: string;
}

/** A whole file (a function), once its counter-examples or `...` are blanked. */
const NONE: Wrapping = { prefix: "", suffix: "" };
/** An expression: the block as it is, in the docs' scope. */
const EXPRESSION: Wrapping = { prefix: SCOPE, suffix: "\n" };
/** `[ pkgs.uv python3Packages.torch ]`: a list shown on its own is a dev shell's package list. */
const LIST: Wrapping = { prefix: `${SCOPE}mkShell { packages = `, suffix: "\n; }" };
/** `hackathon = pkgs.mkShell { ... };`, `shellHook = '' ... '';`: bindings of an attribute set. */
const BINDINGS: Wrapping = { prefix: `${SCOPE}{\n`, suffix: "\n}" };
/** `packages = [ ... ]; shellHook = ...;`: the body of a dev shell. */
const SHELL_BODY: Wrapping = { prefix: `${SCOPE}mkShell {\n`, suffix: "\n}" };
/** `pkgs.uv python3Packages.torch`: the elements of a package list. */
const ELEMENTS: Wrapping = { prefix: `${SCOPE}mkShell { packages = [\n`, suffix: "\n]; }" };

/** Bindings that make a bare attribute set body a dev shell's ... */
const SHELL_ATTRIBUTES = new Set(["packages", "buildInputs", "nativeBuildInputs", "shellHook", "inputsFrom"]);
/** ... unless one of these says it is a package build's (their lists are not a shell's). */
const BUILD_ATTRIBUTES = new Set(["pname", "version", "src", "format", "pyproject", "build-system", "dependencies", "propagatedBuildInputs", "buildPhase", "installPhase", "meta"]);

export interface NixFragment {
  readonly snippet: Snippet;
  readonly tree: NixTree;
  /** the block parses, as it is or wrapped; a fragment that does not is no parse-error */
  readonly parses: boolean;
}

/**
 * A ```nix block of documentation as the Nix it stands for (docs/contract.md, "How the hard cases are decided > Documentation"): a
 * whole file stays as it is; an expression gets the docs' scope; a binding list, a shell body, a
 * bare list or list elements are parsed as if wrapped in `{ }` / `mkShell { }` / `[ ]`. `...`
 * placeholders outside strings are read as blanks when the block does not parse with them. The
 * wrapper text is opaque and zero-width in the block's map, so every position still lands on the
 * block's own line and column in the `.md` file.
 */
export function nixFragment(block: Snippet, parse: (text: string) => NixTree): NixFragment {
  const plain = parse(block.text);
  // Trees are kept per text and never changed: a document that repeats a fragment section after
  // section reads it once; only its place (the child snippet's map) is per block.
  const shared = block.excluded.length === 0;
  let reading = shared ? READINGS.get(plain) : undefined;
  if (!reading) {
    reading = read(block.text, block.excluded, plain, parse);
    if (shared) READINGS.set(plain, reading);
  }
  if (!reading.wrapped) return { snippet: block, tree: reading.tree, parses: reading.parses };
  const { text, map } = reading.wrapped;
  const snippet = childSnippet(block, { text, language: "nix", origin: block.origin, map });
  return { snippet: { ...snippet, excluded: [] }, tree: reading.tree, parses: true };
}

/** How a block's text reads as Nix: as it is, or wrapped (the text and its map onto the block). */
type Reading = { readonly wrapped: null; readonly tree: NixTree; readonly parses: boolean } | { readonly wrapped: { readonly text: string; readonly map: OffsetMap }; readonly tree: NixTree };

const READINGS = new WeakMap<NixTree, Reading>();

function read(source: string, excluded: Snippet["excluded"], plain: NixTree, parse: (text: string) => NixTree): Reading {
  const clean = plain.problems.length === 0;
  if (clean && topExpression(plain.root)?.type === "function_expression") return { wrapped: null, tree: plain, parses: true };
  // Counter-example regions are blanked rather than carried: a wrapper's own nodes sit at the
  // block's first line, which such a region may cover.
  const live = blankRanges(source, excluded);
  const blanked = blankEllipses(live);
  for (const text of blanked === live ? [live] : [live, blanked]) {
    // Nothing blanked: the block as it is, parsed above.
    const whole = text === source ? plain : parse(text);
    if (whole.problems.length === 0) {
      const expr = topExpression(whole.root);
      const wrapping = !expr || expr.type === "function_expression" ? NONE : expr.type === "list_expression" ? LIST : isElementLines(expr) ? ELEMENTS : EXPRESSION;
      const found = wrap(source, text, wrapping, parse);
      if (found) return found;
      continue;
    }
    const bindings = wrap(source, text, BINDINGS, parse);
    if (bindings) return isShellBody(bindings.tree.root) ? (wrap(source, text, SHELL_BODY, parse) ?? bindings) : bindings;
    const elements = wrap(source, text, ELEMENTS, parse);
    if (elements) return elements;
  }
  return { wrapped: null, tree: plain, parses: clean };
}

/** The block's text (or a copy with blanks, same length) inside `wrapping`, if that parses. */
function wrap(source: string, text: string, wrapping: Wrapping, parse: (text: string) => NixTree): Reading | null {
  const builder = new OffsetMapBuilder();
  if (wrapping.prefix) builder.opaque(wrapping.prefix, 0, 0);
  let run = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] === source[i]) continue;
    builder.verbatim(text.slice(run, i), run);
    if (i < text.length) builder.substituted(text[i]!, i);
    run = i + 1;
  }
  if (wrapping.suffix) builder.opaque(wrapping.suffix, text.length, text.length);
  const built = builder.build();
  const tree = parse(built.text);
  if (tree.problems.length > 0) return null;
  return { wrapped: { text: built.text, map: built.map }, tree };
}

function topExpression(root: Node): Node | undefined {
  return root.namedChildren.find((c): c is Node => c !== null && c.type !== "comment");
}

/**
 * `pkgs.uv` and `python3Packages.torch` on lines of their own parse as one application
 * (`pkgs.uv python3Packages.torch`); names one per line are a list's elements, not a call.
 */
function isElementLines(expr: Node): boolean {
  const parts: Node[] = [];
  let node: Node | null = expr;
  while (node?.type === "apply_expression") {
    const arg = node.childForFieldName("argument");
    if (!arg) return false;
    parts.unshift(arg);
    node = node.childForFieldName("function");
  }
  if (!node || parts.length === 0) return false;
  parts.unshift(node);
  const named = parts.every((p) => p.type === "variable_expression" || p.type === "select_expression");
  return named && parts.every((p, i) => i === 0 || p.startPosition.row > parts[i - 1]!.endPosition.row);
}

/** The top-level binding names of a BINDINGS-wrapped block make it a dev shell's body. */
function isShellBody(root: Node): boolean {
  const names = new Set<string>();
  for (const binding of root.descendantsOfType("binding")) {
    // Top level: the binding's set is the wrapper's (`{ pkgs, ... }: with pkgs; { HERE }`).
    if (binding.parent?.parent?.parent?.type !== "with_expression") continue;
    const first = binding.childForFieldName("attrpath")?.childForFieldName("attr")?.text;
    if (first) names.add(first);
  }
  const has = (set: ReadonlySet<string>) => [...names].some((n) => set.has(n));
  return has(SHELL_ATTRIBUTES) && !has(BUILD_ATTRIBUTES);
}

/** Blanks over the ranges (line breaks kept, so lines stay lines). */
function blankRanges(text: string, ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 0) return text;
  const out = text.split("");
  for (const r of ranges) for (let i = r.start; i < r.end; i++) if (out[i] !== "\n" && out[i] !== "\r") out[i] = " ";
  return out.join("");
}

/**
 * `...` and `…` outside strings and comments, and not the `...` of a function's formals
 * (`{ pkgs, ... }:`), replaced by blanks of the same length: docs write them for "the rest".
 */
function blankEllipses(text: string): string {
  const out = text.split("");
  let i = 0;
  const skipIndented = (): void => {
    for (i += 2; i < text.length; i++) {
      if (text.startsWith("''", i)) {
        if (text[i + 2] === "'" || text[i + 2] === "$" || text[i + 2] === "\\") i += 2;
        else return void (i += 2);
      }
    }
  };
  const skipQuoted = (): void => {
    for (i += 1; i < text.length; i++) {
      if (text[i] === "\\") i++;
      else if (text[i] === '"') return void (i += 1);
    }
  };
  while (i < text.length) {
    if (text.startsWith("''", i)) skipIndented();
    else if (text[i] === '"') skipQuoted();
    else if (text[i] === "#") {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl;
    } else if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? text.length : close + 2;
    } else if (text.startsWith("...", i)) {
      if (!/^\.{3}\s*\}\s*(?::|@)/.test(text.slice(i, i + 80))) out.fill(" ", i, i + 3);
      i += 3;
    } else {
      if (text[i] === "…") out[i] = " ";
      i++;
    }
  }
  return out.join("");
}
