import type { SourceFile } from "../text/source-file.js";
import type { Range } from "../text/range.js";
import { OffsetMap } from "../text/offset-map.js";

export type SnippetLanguage = "shell" | "nix" | "toml" | "yaml" | "dockerfile";

/** Where a command or declaration was found; the `origin` field of the JSON output. */
export type Origin =
  | "shell"
  | "nix"
  | "nix:shell"
  | "toml"
  | "yaml"
  | "yaml:shell"
  | "markdown:bash"
  | "markdown:console"
  | "markdown:inline"
  | "markdown:nix"
  | "markdown:nix:shell"
  | "markdown:toml"
  | "markdown:yaml"
  | "markdown:yaml:shell"
  | "markdown:dockerfile"
  | "package-json:shell"
  | "makefile:shell"
  | "dockerfile:shell"
  | "json"
  | "markdown"
  | "text";

/**
 * Turns literal replacement text into what must stand in the host at this snippet's place
 * (escaping for a Nix string, a JSON string, a quoted shell word). Null: it cannot be written
 * there faithfully, and a fix that needs it is dropped.
 */
export type Escaper = (text: string) => string | null;

export const verbatimEscaper: Escaper = (text) => text;
/** Text that may not break a line where it goes (a one-line `run:`, a heredoc line, a `RUN` line). */
export const noNewlineEscaper: Escaper = (text) => (/[\r\n]/.test(text) ? null : text);

/**
 * A piece of one language inside a file of another (or a whole file of its own language), with
 * the map that takes its offsets back to the host file. Rules never see the map: the engine
 * converts every range they report.
 */
export interface Snippet {
  readonly host: SourceFile;
  readonly text: string;
  readonly language: SnippetLanguage;
  readonly map: OffsetMap;
  readonly origin: Origin;
  readonly escape: Escaper;
  /**
   * The directory the snippet's commands start in, posix and relative to the lint root ("." is
   * the root); null when it cannot be known.
   */
  readonly cwd: string | null;
  /** From documentation: fragments are expected, so no parse-error, and doc severities apply. */
  readonly inDocs: boolean;
  /** Snippet ranges that are placeholders (`<member>`, `{name}`, `...`, `path/to/x`). */
  readonly placeholders: readonly Range[];
  /** Snippet ranges that are not instructions (counter-examples, console output). */
  readonly excluded: readonly Range[];
  /** Snippet ranges that stand for something opaque (`${...}` interpolations). */
  readonly opaque: readonly Range[];
  /** The alias whose body this is, when it is one. */
  readonly alias?: string;
  /** Set when the snippet is the body of a program that runs at build time (runCommand). */
  readonly buildTime?: boolean;
}

export interface SnippetInit {
  host: SourceFile;
  text: string;
  language: SnippetLanguage;
  map: OffsetMap;
  origin: Origin;
  escape?: Escaper;
  cwd?: string | null;
  inDocs?: boolean;
  placeholders?: readonly Range[];
  excluded?: readonly Range[];
  opaque?: readonly Range[];
  alias?: string;
  buildTime?: boolean;
}

export function makeSnippet(init: SnippetInit): Snippet {
  return {
    host: init.host,
    text: init.text,
    language: init.language,
    map: init.map,
    origin: init.origin,
    escape: init.escape ?? verbatimEscaper,
    cwd: init.cwd === undefined ? "." : init.cwd,
    inDocs: init.inDocs ?? false,
    placeholders: init.placeholders ?? [],
    excluded: init.excluded ?? [],
    opaque: init.opaque ?? [],
    ...(init.alias !== undefined ? { alias: init.alias } : {}),
    ...(init.buildTime ? { buildTime: true } : {}),
  };
}

/** The whole host file as one snippet of its own language. */
export function wholeFileSnippet(
  host: SourceFile,
  language: SnippetLanguage,
  origin: Origin,
  cwd: string | null = ".",
): Snippet {
  return makeSnippet({ host, text: host.text, language, map: OffsetMap.identity(0, host.text.length), origin, cwd });
}

/** `inner`, then `outer`; one of them alone when the other changes nothing (engine/quiet-snippets.ts knows the verbatim one). */
function composeEscapers(inner: Escaper, outer: Escaper): Escaper {
  if (inner === verbatimEscaper) return outer;
  if (outer === verbatimEscaper) return inner;
  return (text) => {
    const once = inner(text);
    return once === null ? null : outer(once);
  };
}

/**
 * A snippet inside a snippet (a `bash -c` string, an alias body): its map composed onto the
 * parent's, its escaper applied before the parent's, its ranges kept in its own coordinates.
 */
export function childSnippet(
  parent: Snippet,
  init: Omit<SnippetInit, "host" | "map"> & { map: OffsetMap },
): Snippet {
  const inner = init.escape ?? verbatimEscaper;
  // What the parent knows about its own text (counter-example regions, placeholders,
  // interpolations) holds for the part of it the child is made of.
  const lifted = (own: readonly Range[] | undefined, theirs: readonly Range[]) => [...(own ?? []), ...liftRanges(theirs, init.map)];
  return makeSnippet({
    ...init,
    excluded: lifted(init.excluded, parent.excluded),
    placeholders: lifted(init.placeholders, parent.placeholders),
    opaque: lifted(init.opaque, parent.opaque),
    host: parent.host,
    map: init.map.compose(parent.map),
    escape: composeEscapers(inner, parent.escape),
    inDocs: init.inDocs ?? parent.inDocs,
  });
}

export function inRanges(ranges: readonly Range[], r: Range): boolean {
  for (const x of ranges) if (x.start <= r.start && r.end <= x.end && r.end > r.start) return true;
  return false;
}

export function touchesRanges(ranges: readonly Range[], r: Range): boolean {
  for (const x of ranges) if (x.start < r.end && r.start < x.end) return true;
  return false;
}

/**
 * Parent ranges (a Markdown block's counter-example regions) in the coordinates of a child
 * whose map leads to the parent. Shared with the other embedders that take a parent snippet.
 */
export function liftRanges(ranges: readonly Range[], map: OffsetMap): Range[] {
  const out: Range[] = [];
  for (const seg of map.segments) {
    for (const r of ranges) {
      let start = seg.snippetStart;
      let end = seg.snippetEnd;
      if (seg.kind === "opaque") {
        if (seg.hostStart < r.start || seg.hostEnd > r.end) continue;
      } else {
        start += Math.max(0, r.start - seg.hostStart);
        end = Math.min(end, seg.snippetStart + r.end - seg.hostStart);
        if (end <= start) continue;
      }
      const prev = out[out.length - 1];
      if (prev && prev.end === start) out[out.length - 1] = { start: prev.start, end };
      else out.push({ start, end });
    }
  }
  return out;
}

