import { parseMarkdown, skipContainerPrefix, type MdBlock, type MdCode, type MdHeading, type MdInlineCode, type MdParagraph } from "../../parse/markdown.js";
import { OffsetMapBuilder, type OffsetMap } from "../../text/offset-map.js";
import { range, type Offset, type Range } from "../../text/range.js";
import type { SourceFile } from "../../text/source-file.js";
import { isCatalogueCommand } from "../../facts/shell/command-words.js";
import { makeSnippet, type Origin, type Snippet, type SnippetLanguage } from "../snippet.js";

export interface MarkdownOptions {
  /** marker words/emoji that make a line, list item, paragraph, heading or lead-in a counter-example */
  counterExampleMarkers: readonly string[];
  /** lint inline code spans that look like commands */
  inlineCode: boolean;
}

export { DEFAULT_COUNTER_EXAMPLE_MARKERS } from "./markers.js";

export interface MarkdownEmbeds {
  snippets: Snippet[];
  /** paths the document announces it will create (`Create: path`, `New file: path`, `**File**: path`) */
  announcedPaths: { path: string; range: Range }[];
}

/**
 * Fenced blocks and command-like inline code of a Markdown file, as snippets mapped back to it.
 * Counter-examples (contract.md, "Decisions on hard cases > Docs") are not emitted at all;
 * marked regions inside an emitted block are listed in its `excluded` ranges.
 */
export function markdownSnippets(host: SourceFile, options: MarkdownOptions): MarkdownEmbeds {
  const embedder = new MarkdownEmbedder(host, options);
  embedder.children(parseMarkdown(host.text).children, { counter: false, quoteDepth: 0 });
  return { snippets: embedder.snippets, announcedPaths: embedder.announcedPaths };
}

// ---------------------------------------------------------------------------------------------
// Fence kinds

interface FenceKind {
  readonly language: SnippetLanguage;
  readonly origin: Origin;
  /** `$ ` prompts mark commands; other lines are output */
  readonly console?: boolean;
  /** `<word>` placeholders are made parseable */
  readonly shellLike: boolean;
}

const BASH: FenceKind = { language: "shell", origin: "markdown:bash", shellLike: true };
const CONSOLE: FenceKind = { language: "shell", origin: "markdown:console", console: true, shellLike: true };
const DOCKERFILE: FenceKind = { language: "dockerfile", origin: "markdown:dockerfile", shellLike: true };
const YAML: FenceKind = { language: "yaml", origin: "markdown:yaml", shellLike: false };

/** By the info string's first word, lowercased; any other block is not linted. */
const FENCE_KINDS: ReadonlyMap<string, FenceKind> = new Map([
  ["sh", BASH],
  ["bash", BASH],
  ["shell", BASH],
  ["zsh", BASH],
  ["console", CONSOLE],
  ["shell-session", CONSOLE],
  ["terminal", CONSOLE],
  ["nix", { language: "nix", origin: "markdown:nix", shellLike: false }],
  ["toml", { language: "toml", origin: "markdown:toml", shellLike: false }],
  ["yaml", YAML],
  ["yml", YAML],
  ["dockerfile", DOCKERFILE],
  ["docker", DOCKERFILE],
]);

// ---------------------------------------------------------------------------------------------
// Walking the tree: which prose and which blocks are counter-examples

interface WalkContext {
  /** everything below is a counter-example (a marked heading's section, list item or lead-in) */
  readonly counter: boolean;
  /** how many blockquotes enclose the node (their `>` marks prefix continuation lines) */
  readonly quoteDepth: number;
}

interface BuiltBlock {
  readonly text: string;
  readonly map: OffsetMap;
  readonly placeholders: Range[];
  readonly excluded: Range[];
}

/** One host line of a paragraph or heading, cut to the node's inline content. */
interface ProseLine {
  readonly line: number;
  readonly start: Offset;
  readonly text: string;
  readonly counter: boolean;
}

class MarkdownEmbedder {
  readonly snippets: Snippet[] = [];
  readonly announcedPaths: { path: string; range: Range }[] = [];
  private readonly markers: MarkerMatcher;

  constructor(
    private readonly host: SourceFile,
    private readonly options: MarkdownOptions,
  ) {
    this.markers = cachedMatcher(options.counterExampleMarkers);
  }

  /** Siblings: a marked heading opens a section, a marked paragraph leads into a block or list. */
  children(nodes: readonly MdBlock[], ctx: WalkContext): void {
    let sectionDepth: number | null = null;
    let leadIn = false;
    for (const node of nodes) {
      if (node.type === "heading") {
        if (sectionDepth !== null && node.depth <= sectionDepth) sectionDepth = null;
        if (sectionDepth === null && this.proseLines(node)[0]?.counter) sectionDepth = node.depth;
      }
      const ledIn = leadIn && (node.type === "code" || node.type === "list");
      leadIn = this.visit(node, { ...ctx, counter: ctx.counter || sectionDepth !== null || ledIn });
    }
  }

  /** True when the node is a paragraph (or heading) whose last line is a counter-example lead-in. */
  private visit(node: MdBlock, ctx: WalkContext): boolean {
    switch (node.type) {
      case "paragraph":
      case "heading":
        return this.prose(node, ctx);
      case "code":
        if (!ctx.counter) this.codeBlock(node);
        return false;
      case "list":
        for (const item of node.items) this.listItem(item, ctx);
        return false;
      case "blockquote":
        this.children(node.children, { ...ctx, quoteDepth: ctx.quoteDepth + 1 });
        return false;
      default:
        return false;
    }
  }

  private listItem(item: readonly MdBlock[], ctx: WalkContext): void {
    const first = item[0];
    const marked = first?.type === "paragraph" && this.proseLines(first)[0]?.counter === true;
    this.children(item, { ...ctx, counter: ctx.counter || marked });
  }

  private prose(node: MdParagraph | MdHeading, ctx: WalkContext): boolean {
    const lines = this.proseLines(node);
    for (const line of lines) this.announcedPath(line);
    if (this.options.inlineCode) {
      for (const code of node.codes) {
        const line = this.host.positionAt(code.from).line;
        const counter = ctx.counter || lines.find((l) => l.line === line)?.counter === true;
        if (!counter) this.inlineCode(code, lines[0]?.start ?? node.from, ctx);
      }
    }
    return lines[lines.length - 1]?.counter ?? false;
  }

  /**
   * A marker that leads a line makes it a counter-example, and the lines after it (a wrapped
   * sentence) until one leads with another marker or a `✅`.
   */
  private proseLines(node: MdParagraph | MdHeading): ProseLine[] {
    const { from, to } = node;
    if (from >= to) return [];
    const host = this.host;
    const lines: ProseLine[] = [];
    let counter = false;
    for (let line = host.positionAt(from).line; line <= host.positionAt(to).line; line++) {
      const start = Math.max(host.lineStart(line), from);
      const text = host.text.slice(start, Math.min(host.lineEnd(line), to));
      const lead = stripLead(text, true);
      if (this.markers.leads(lead)) counter = true;
      else if (POSITIVE_MARKERS.some((m) => lead.startsWith(m))) counter = false;
      lines.push({ line, start, text, counter });
    }
    return lines;
  }

  // -------------------------------------------------------------------------------------------
  // Fenced blocks

  private codeBlock(node: MdCode): void {
    const kind = FENCE_KINDS.get((node.lang ?? "").toLowerCase());
    if (!kind) return;
    let lines = blockLines(this.host, node);
    if (kind.console) lines = consoleCommands(lines);
    const built = this.blockText(lines, kind);
    if (!built) return;
    this.snippets.push(
      makeSnippet({
        host: this.host,
        text: built.text,
        language: kind.language,
        map: built.map,
        origin: kind.origin,
        cwd: ".",
        doc: true,
        placeholders: built.placeholders,
        excluded: built.excluded,
      }),
    );
  }

  /**
   * Joins the lines that go into the snippet. A comment line that is a marker line (see MarkerMatcher.inComment) begins
   * an excluded region, which a comment line without one ends; a block with no code outside such
   * regions is a counter-example as a whole and gives nothing.
   */
  private blockText(lines: readonly BlockLine[], kind: FenceKind): BuiltBlock | null {
    const builder = new OffsetMapBuilder();
    const placeholders: Range[] | null = kind.shellLike ? [] : null;
    const excluded: Range[] = [];
    let regionStart: Offset | null = null;
    let live = false;
    let previous: BlockLine | null = null;
    const closeRegion = (): void => {
      if (regionStart !== null && builder.snippetLength > regionStart) {
        excluded.push(range(regionStart, builder.snippetLength));
      }
      regionStart = null;
    };
    for (const line of lines) {
      const comment = line.text.trimStart().startsWith("#");
      const marked = comment && this.markers.inComment(line.text);
      if (comment && !marked) closeRegion();
      if (line.inSnippet) {
        if (previous) newline(builder, previous);
        previous = line;
      }
      if (marked && regionStart === null) regionStart = builder.snippetLength;
      if (!line.inSnippet) continue;
      appendLine(builder, line, placeholders);
      if (!comment && line.text.trim() !== "" && regionStart === null) live = true;
    }
    closeRegion();
    if (!live) return null;
    return { ...builder.build(), placeholders: sortRanges(placeholders ?? []), excluded };
  }

  // -------------------------------------------------------------------------------------------
  // Inline code

  private inlineCode(code: MdInlineCode, paragraphStart: Offset, ctx: WalkContext): void {
    if (!looksLikeCommand(code.value) || mentioned(this.host.text, paragraphStart, code.from, code.to)) return;
    const text = this.host.text;
    let start = code.from;
    let end = code.to;
    let ticks = 0;
    while (text[start + ticks] === "`") ticks++;
    start += ticks;
    end -= ticks;
    while (start < end && isSpace(text[start]!)) start++;
    while (end > start && isSpace(text[end - 1]!)) end--;

    const builder = new OffsetMapBuilder();
    const placeholders: Range[] = [];
    // A span may wrap onto the next line: its line break and container prefix read as one space.
    for (let cursor = start; cursor < end; ) {
      const newlineAt = text.indexOf("\n", cursor);
      if (newlineAt === -1 || newlineAt >= end) {
        appendText(builder, text.slice(cursor, end), cursor, placeholders);
        break;
      }
      const lineEnd = text[newlineAt - 1] === "\r" ? newlineAt - 1 : newlineAt;
      appendText(builder, text.slice(cursor, lineEnd), cursor, placeholders);
      const next = skipContainerPrefix(text, newlineAt + 1, ctx.quoteDepth);
      builder.opaque(" ", lineEnd, next);
      cursor = next;
    }
    const { text: snippetText, map } = builder.build();
    for (const m of snippetText.matchAll(METAVARIABLE)) placeholders.push(range(m.index, m.index + m[0].length));
    this.snippets.push(
      makeSnippet({
        host: this.host,
        text: snippetText,
        language: "shell",
        map,
        origin: "markdown:inline",
        cwd: ".",
        doc: true,
        placeholders: sortRanges(placeholders),
      }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Announced paths

  private announcedPath(line: ProseLine): void {
    const lead = stripLead(line.text, false);
    const match = ANNOUNCEMENT.exec(lead);
    if (!match?.indices) return;
    const offset = line.start + (line.text.length - lead.length);
    const quoted = match.indices[1];
    if (quoted) {
      this.announcedPaths.push({ path: match[1]!, range: range(offset + quoted[0], offset + quoted[1]) });
      return;
    }
    const bare = match.indices[2];
    const path = match[2]?.replace(TRAILING_PUNCTUATION, "") ?? "";
    if (!bare || !/[./]/.test(path)) return;
    this.announcedPaths.push({ path, range: range(offset + bare[0], offset + bare[0] + path.length) });
  }
}

// ---------------------------------------------------------------------------------------------
// Counter-example markers

const POSITIVE_MARKERS = ["✅", "✔", "✓", "☑"];

interface MarkerMatcher {
  /** the text (already stripped of bullets, quote marks and emphasis) begins with a marker */
  leads(text: string): boolean;
  /**
   * a comment line inside a block is a marker line: the marker leads the comment, or stands out
   * in it (`# Current (WRONG)`, `# NEVER do this`, an emoji); a plain word in a sentence does not
   * (`# Run this before committing`)
   */
  inComment(text: string): boolean;
}

const matchers = new Map<string, MarkerMatcher>();

/** One set of compiled marker patterns per marker list, not one per file. */
function cachedMatcher(markers: readonly string[]): MarkerMatcher {
  const key = markers.join("\u0000");
  let m = matchers.get(key);
  if (!m) matchers.set(key, (m = markerMatcher(markers)));
  return m;
}

function markerMatcher(markers: readonly string[]): MarkerMatcher {
  const patterns = markers.filter((m) => m.trim() !== "").map(markerPattern);
  if (patterns.length === 0) return { leads: () => false, inComment: () => false };
  const any = patterns.join("|");
  const leading = new RegExp(`^(?:${any})`, "iu");
  const bracketed = new RegExp(`[([]\\s*(?:${any})\\s*[)\\]]`, "iu");
  const words = markers.filter((m) => WORD_CHAR.test(m.trim()[0] ?? ""));
  const emoji = markers.filter((m) => m.trim() !== "" && !WORD_CHAR.test(m.trim()[0]!));
  const shouted = words.length > 0 ? new RegExp(`(?:${words.map((m) => markerPattern(m.toUpperCase())).join("|")})`, "u") : null;
  const emojiAnywhere = emoji.length > 0 ? new RegExp(`(?:${emoji.map(markerPattern).join("|")})`, "u") : null;
  return {
    leads: (text) => leading.test(text),
    inComment: (text) => {
      const body = text.trimStart().replace(/^#+\s*/, "");
      return leading.test(body) || bracketed.test(body) || (shouted?.test(body) ?? false) || (emojiAnywhere?.test(body) ?? false);
    },
  };
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Case-insensitive, on word boundaries (`Bad` is not `Badge`), any apostrophe, any spacing. */
function markerPattern(marker: string): string {
  const trimmed = marker.trim();
  let pattern = "";
  for (const ch of trimmed) {
    if (ch === "'" || ch === "’" || ch === "ʼ") pattern += "['’ʼ]";
    else if (/\s/.test(ch)) pattern += pattern.endsWith("\\s+") ? "" : "\\s+";
    else pattern += /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
  }
  if (WORD_CHAR.test(trimmed[0]!)) pattern = `(?<![\\p{L}\\p{N}_])${pattern}`;
  if (WORD_CHAR.test(trimmed[trimmed.length - 1]!)) pattern += "(?![\\p{L}\\p{N}_])";
  return pattern;
}

/** Blockquote marks, list bullets and task boxes; with `emphasis`, also `*`/`_` wrappers. */
const CONTAINER_LEAD = /^(?:\s+|>|[-*+](?=\s)|\d{1,9}[.)](?=\s)|\[[ xX]\](?=\s))/;
const EMPHASIS_LEAD = /^[*_]+/;

function stripLead(text: string, emphasis: boolean): string {
  let rest = text;
  for (;;) {
    const match = CONTAINER_LEAD.exec(rest) ?? (emphasis ? EMPHASIS_LEAD.exec(rest) : null);
    if (!match) return rest;
    rest = rest.slice(match[0].length);
  }
}

// ---------------------------------------------------------------------------------------------
// Block lines: CommonMark's own stripping of container prefixes and fence indentation

interface BlockLine {
  /** the line as CommonMark gives it (node.value), or the command after a `$ ` prompt */
  readonly text: string;
  /** leading characters of `text` that are not in the host (a tab split into spaces) */
  readonly head: number;
  /** host offset of text[head] */
  readonly hostStart: Offset;
  /** host offset of the end of the line, before its line break */
  readonly hostEnd: Offset;
  /** host offset of the line's `\n`, if any */
  readonly newline: Offset | null;
  readonly inSnippet: boolean;
}

/**
 * The block's content lines, each mapped to its host line. `node.value` already has the
 * container prefix and fence indentation removed, so each value line is the tail of its host
 * line; only a tab that CommonMark split into spaces leaves a head that is not in the host.
 */
function blockLines(host: SourceFile, node: MdCode): BlockLine[] {
  if (node.value === "") return [];
  const firstLine = host.positionAt(node.from).line + 1;
  const lines: BlockLine[] = [];
  node.value.split(/\r?\n/).forEach((text, i) => {
    const line = firstLine + i;
    if (line > host.lineCount) return;
    const hostEnd = host.lineEnd(line);
    const hostText = host.text.slice(host.lineStart(line), hostEnd);
    const tail = commonSuffixLength(text, hostText);
    lines.push({
      text,
      head: text.length - tail,
      hostStart: hostEnd - tail,
      hostEnd,
      newline: line < host.lineCount ? host.lineStart(line + 1) - 1 : null,
      inSnippet: true,
    });
  });
  return lines;
}

/** `$ ` starts a command (prompt dropped); a trailing `\` continues it; the rest is output. */
function consoleCommands(lines: readonly BlockLine[]): BlockLine[] {
  let continued = false;
  return lines.map((line) => {
    if (continued) {
      continued = line.text.endsWith("\\");
      return line;
    }
    if (line.head === 0 && line.text.startsWith("$ ")) {
      const command = { ...line, text: line.text.slice(2), hostStart: line.hostStart + 2 };
      continued = command.text.endsWith("\\");
      return command;
    }
    return { ...line, inSnippet: false };
  });
}

function newline(builder: OffsetMapBuilder, previous: BlockLine): void {
  if (previous.newline !== null) builder.verbatim("\n", previous.newline);
  else builder.opaque("\n", previous.hostEnd, previous.hostEnd);
}

function appendLine(builder: OffsetMapBuilder, line: BlockLine, placeholders: Range[] | null): void {
  if (line.head > 0) builder.opaque(line.text.slice(0, line.head), line.hostStart, line.hostStart);
  appendText(builder, line.text.slice(line.head), line.hostStart, placeholders);
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/** `<member>`, `<file>.dat`: never a redirection. */
const ANGLE_PLACEHOLDER = /<[A-Za-z][A-Za-z0-9_.-]*>/g;
/** `{name}`, but not `${name}` and not a brace range `{a..z}` */
const BRACE_PLACEHOLDER = /(?<!\$)\{[A-Za-z_][A-Za-z0-9_.-]*\}/g;
const ELLIPSIS = /\.{3,}|…/g;
/** In prose, `uv run X.py`, `pip install NAME`, `-r FILE`: an all-caps word is a metavariable. */
const METAVARIABLE = /(?<![^\s"'=])[A-Z][A-Z0-9_]*(?:\.[a-z0-9]+)?(?=$|[\s"';|&)])/g;
const EXAMPLE_PATH = /(?<![^\s"'=(])path\/to\/[^\s"';|&()<>]*/g;

/**
 * Copies host text into the snippet. With `placeholders` (shell-like snippets), `<word>` becomes
 * `_word_` (same length) so it parses as a word, and every placeholder's range is recorded.
 */
function appendText(builder: OffsetMapBuilder, text: string, hostStart: Offset, placeholders: Range[] | null): void {
  if (!placeholders) {
    builder.verbatim(text, hostStart);
    return;
  }
  const base = builder.snippetLength;
  let copied = 0;
  for (const match of text.matchAll(ANGLE_PLACEHOLDER)) {
    const at = match.index;
    if (text[at - 1] === "<") continue; // `<<EOF>file` is a heredoc
    builder.verbatim(text.slice(copied, at), hostStart + copied);
    builder.substituted(`_${match[0].slice(1, -1)}_`, hostStart + at);
    placeholders.push(range(base + at, base + at + match[0].length));
    copied = at + match[0].length;
  }
  builder.verbatim(text.slice(copied), hostStart + copied);
  for (const pattern of [BRACE_PLACEHOLDER, ELLIPSIS, EXAMPLE_PATH]) {
    for (const match of text.matchAll(pattern)) {
      if (pattern === BRACE_PLACEHOLDER && match[0].includes("..")) continue;
      placeholders.push(range(base + match.index, base + match.index + match[0].length));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** `PIP_USER=1 pip install x`: assignments before the command word. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * A command line: two or more words, the command word (after `VAR=value` assignments; the last
 * segment of a `.venv/bin/python`) one of the catalogue's. A lone `pip` or `uv` names a tool.
 */
function looksLikeCommand(value: string): boolean {
  const words = value.trim().split(/\s+/);
  if (words.length < 2) return false;
  let first = words.find((w) => !ASSIGNMENT.test(w));
  if (first === undefined) return false;
  if (first.includes("/bin/")) first = first.slice(first.lastIndexOf("/") + 1);
  return isCatalogueCommand(first);
}

/** Where a clause of prose ends: a sentence's end, a semicolon, a table cell's edge. */
const CLAUSE_END = /(?:[.!?;](?=\s)|\|)/g;
/** Words that, in the span's clause before it, say it is what not to do ("never run `x`", "instead of `x`"). */
const NEGATED_BEFORE = /(?<![\p{L}\p{N}_])(?:not|never|don['’]t|doesn['’]t|avoid|avoiding|instead\s+of|rather\s+than|disallows?|forbids?|forbidden|bans?|banned|without|replaces?|replacing|unlike|vs\.?|versus|deprecated|no\s+more|no\s+longer)(?![\p{L}\p{N}_])/iu;
/** Right before the span, a word that makes it a thing talked about ("seen as `x`", "the output of `x`"). */
const NAMED_BEFORE = /(?<![\p{L}\p{N}_])(?:as|like|of)\s*$/iu;
/** What may follow a span that names the wrong way: an arrow to the right one, or a verdict on it. */
const NEGATED_AFTER = /^\s*(?:->|→|=>|⟶|(?:is|are|was|were|becomes?|bypasses|breaks|won['’]t|doesn['’]t|does\s+not|can['’]t|cannot|never)(?![\p{L}\p{N}_]))/iu;
/** Words after a span that go on with the instruction ("`uv sync` first", "`x` from this directory"). */
const CONNECTIVE = /^(?:to|then|first|once|again|now|in|from|on|inside|before|after|whenever|and|or|with|at|for|if|when|instead|here|there|only|too|also|yourself|manually)$/i;
/** What may lead a clause before its first span: bullets, task boxes, emphasis, ✅, list separators. */
const CLAUSE_LEAD = /^(?:\s|§|,|\/|>|[-*+](?=\s)|\d{1,9}[.)](?=\s)|\[[ xX]\]|[*_]+|✅|✔|✓|☑|(?:and|or)(?![\p{L}\p{N}_]))+/iu;

/**
 * An inline command line is an instruction unless its clause says it is talked about, not
 * given to run (the clause runs from the last sentence end, or table cell edge, before the span
 * within its paragraph):
 * - a negation before it ("Never run `pip install x`", "instead of `pip install x`");
 * - `as`/`like`/`of` right before it ("is seen as `x`", "a suggestion of `python -m`");
 * - an arrow or a verdict after it ("`poetry install` -> `uv sync`", "`x` bypasses uv.lock");
 * - it is the subject: it (or a list of spans) opens the clause and a verb follows
 *   ("`pip install -e .`, `--upgrade pip` and friends get a suggestion"), where an instruction
 *   is followed by nothing, punctuation or a connective ("`uv sync` first").
 */
function mentioned(text: string, paragraphStart: Offset, start: Offset, end: Offset): boolean {
  const before = text.slice(paragraphStart, start).replace(/`[^`]*`/g, "§");
  let clauseStart = 0;
  for (const m of before.matchAll(CLAUSE_END)) clauseStart = m.index + m[0].length;
  const clause = before.slice(clauseStart);
  if (NEGATED_BEFORE.test(clause) || NAMED_BEFORE.test(clause)) return true;
  let lineEnd = text.indexOf("\n", end);
  if (lineEnd === -1) lineEnd = text.length;
  const after = text.slice(end, lineEnd).replace(/`[^`]*`/g, "§").replace(/^[*_]+/, "");
  if (NEGATED_AFTER.test(after)) return true;
  if (clause.replace(CLAUSE_LEAD, "") !== "") return false;
  let rest = after;
  for (let m; (m = /^\s*(?:(?:,|\/|and|or)\s*)?§|^\s*\([^()]*\)/.exec(rest)); ) rest = rest.slice(m[0].length);
  const word = /^\s*,?\s*([\p{L}][\p{L}'’-]*)/u.exec(rest)?.[1];
  return word !== undefined && !CONNECTIVE.test(word);
}

/** `Create: path`, `New file: path`, `**File**: path`, `**File:** path`; the path quoted or bare. */
const STRONG = String.raw`(?:\*\*|__)?`;
const ANNOUNCEMENT = new RegExp(
  String.raw`^${STRONG}(?:create|new file|file)${STRONG}\s*:${STRONG}[ \t]*` + "(?:`([^`\\s]+)`|([^\\s`*]+))",
  "di",
);
const TRAILING_PUNCTUATION = /[.,;:!?)]+$/;



function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

function sortRanges(ranges: Range[]): Range[] {
  return ranges.sort((a, b) => a.start - b.start || a.end - b.end);
}


