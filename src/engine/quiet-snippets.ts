import path from "node:path";
import type { ResolvedConfig } from "../config/load.js";
import type { FileKind } from "../discover/kind.js";
import { verbatimEscaper, type Snippet } from "../embed/snippet.js";
import type { Range } from "../text/range.js";

/**
 * Docs repeat their commands section after section and file after file (`uv sync`, `nix develop`
 * in every README): the benchmark's 53 documents hold 2,976 shell snippets of about a hundred
 * texts. A documentation snippet whose command walk and command hooks reported nothing is
 * remembered by everything those read; a later snippet with the same key is skipped, since it
 * would report nothing too. A snippet that reported something is never remembered: each copy is
 * linted and its findings are placed where it is.
 *
 * What the walk and the hooks read, and so what the key holds: the snippet's host text, its own
 * text, kind, ranges and map, and the paths the file announces; the workspace, the file index and
 * the rules' options are the run's and the file's config (the two levels of the memo). Also in
 * the key, though today they change only the wording of a finding (and a finding is never
 * remembered): the file's folder (which member owns it), and the host text just around the
 * snippet (run-from-root looks past a command's end for the end of its script, and before a `cd`
 * for a subshell's parenthesis). test/e2e/quiet-snippets.test.ts compares with every copy linted.
 */

/**
 * The host text around a snippet that a command hook can read: run-from-root's `scopeEnds`
 * looks up to 20 characters back from a `cd` for `(`, and past a command's end over blanks and
 * comments to what closes the script (a quote or backtick, a fence, a Nix `''`).
 */
const BACK = 20;
const MAX_TAIL = 256;
const TAIL = /(?:\s|#[^\n]*)*/y;

export type QuietSnippets = Set<string>;

const memos = new WeakMap<object, WeakMap<ResolvedConfig, QuietSnippets>>();

/** The run's memo for files with this config (`run` is the run's env: one workspace model, one file index). */
export function quietSnippetsOf(run: object, cfg: ResolvedConfig): QuietSnippets {
  let byConfig = memos.get(run);
  if (!byConfig) memos.set(run, (byConfig = new WeakMap()));
  let quiet = byConfig.get(cfg);
  if (!quiet) byConfig.set(cfg, (quiet = new Set()));
  return quiet;
}

/**
 * A language server keeps one run for hours, and each edit of a snippet makes a new key: past
 * this many, the memo starts afresh (a few MB at most; the next copies are linted again).
 */
export const MAX_REMEMBERED = 20_000;

export function rememberQuiet(quiet: QuietSnippets, key: string): void {
  if (quiet.size >= MAX_REMEMBERED) quiet.clear();
  quiet.add(key);
}

/**
 * The key of a documentation snippet; undefined when it is not to be remembered (always linted):
 * outside docs, with an escaper (a Nix string's), or a scan past it that runs too far.
 */
export function quietKey(snippet: Snippet, file: string, kind: FileKind, announced: readonly string[]): string | undefined {
  if (!snippet.inDocs || snippet.escape !== verbatimEscaper) return undefined;
  const segments = snippet.map.segments;
  if (segments.length === 0) return undefined;
  let start = Infinity;
  let end = -Infinity;
  for (const s of segments) {
    start = Math.min(start, s.hostStart);
    end = Math.max(end, s.hostEnd);
  }
  // One verbatim run needs no layout; any other map is the same when its pieces lie alike.
  let layout = "";
  if (segments.length > 1 || segments[0]!.kind !== "verbatim") {
    for (const s of segments) layout += `${s.kind[0]}${s.snippetStart}-${s.snippetEnd}@${s.hostStart - start}-${s.hostEnd - start};`;
  }
  const host = snippet.host.text;
  const slice = host.slice(start, end);
  const tail = tailAfter(host, slice, end);
  if (tail === undefined) return undefined;
  return [
    kind,
    path.posix.dirname(file),
    announced.join("\u0001"),
    snippet.origin,
    snippet.language,
    snippet.cwd ?? "\u0001",
    snippet.alias ?? "\u0001",
    snippet.buildTime ? "b" : "",
    ranges(snippet.placeholders),
    ranges(snippet.excluded),
    ranges(snippet.opaque),
    lead(host, start),
    tail,
    slice,
    snippet.text === slice ? "" : snippet.text,
    layout,
  ].join("\u0000");
}

/** The blanks before the snippet and the one character before them (all of it when blank). */
function lead(host: string, start: number): string {
  let i = start;
  while (i > 0 && start - i < BACK && /\s/.test(host[i - 1]!)) i--;
  return host.slice(Math.max(0, i - 1), start);
}

/**
 * Blanks and comments after the snippet, and what follows them (a closing quote; or three
 * characters: a fence, `''`). A comment on the snippet's last line runs on into the host to the
 * end of that line (inline code: `` `uv sync # then` `` and the rest of the sentence).
 */
function tailAfter(host: string, slice: string, end: number): string | undefined {
  let from = end;
  if (slice.slice(slice.lastIndexOf("\n") + 1).includes("#")) {
    const eol = host.indexOf("\n", end);
    from = eol === -1 ? host.length : eol;
  }
  TAIL.lastIndex = from;
  const stop = from + TAIL.exec(host)![0].length;
  if (stop - end > MAX_TAIL) return undefined;
  return host.slice(end, `)"'\``.includes(host[stop] ?? "") && stop < host.length ? stop + 1 : stop + 3);
}

const ranges = (rs: readonly Range[]): string => rs.map((r) => `${r.start}-${r.end}`).join(",");
