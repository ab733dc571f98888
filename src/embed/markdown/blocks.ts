import { skipContainerPrefix } from "../../parse/markdown-lines.js";
import { parseMarkdown, type MdBlock, type MdCode, type MdHeading, type MdInlineCode, type MdParagraph } from "../../parse/markdown.js";
import { OffsetMapBuilder, type OffsetMap } from "../../text/offset-map.js";
import { range, type Offset, type Range } from "../../text/range.js";
import type { SourceFile } from "../../text/source-file.js";
import { makeSnippet, type Snippet } from "../snippet.js";
import { appendLine, blockLines, consoleCommands, newline, type BlockLine } from "./block-lines.js";
import { cachedMatcher, POSITIVE_MARKERS, stripLead, type MarkerMatcher } from "./counter-examples.js";
import { FENCE_KINDS, type FenceKind } from "./fence-kinds.js";
import { looksLikeCommand, mentioned } from "./inline-commands.js";
import { appendText, METAVARIABLE, recordMatches } from "./placeholders.js";

export interface MarkdownOptions {
  /** marker words/emoji that make a line, list item, paragraph, heading or lead-in a counter-example */
  counterExampleMarkers: readonly string[];
  /** lint inline code spans that look like commands */
  inlineCode: boolean;
  /** the command words an inline span must start with to be a command (the facts' catalogue: embed sits below facts) */
  isCommandName: (name: string) => boolean;
}

export { DEFAULT_COUNTER_EXAMPLE_MARKERS } from "./markers.js";

export interface MarkdownEmbeds {
  snippets: Snippet[];
  /** paths the document announces it will create (`Create: path`, `New file: path`, `**File**: path`) */
  announcedPaths: { path: string; range: Range }[];
}

/**
 * Fenced blocks and command-like inline code of a Markdown file, as snippets mapped back to it.
 * Counter-examples (docs/contract.md, "How the hard cases are decided > Documentation") are not emitted at all;
 * marked regions inside an emitted block are listed in its `excluded` ranges.
 */
export function markdownSnippets(host: SourceFile, options: MarkdownOptions): MarkdownEmbeds {
  const embedder = new MarkdownEmbedder(host, options);
  embedder.children(parseMarkdown(host.text).children, { counter: false, quoteDepth: 0 });
  return { snippets: embedder.snippets, announcedPaths: embedder.announcedPaths };
}

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
    const last = host.positionAt(to).line;
    for (let line = host.positionAt(from).line; line <= last; line++) {
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
        inDocs: true,
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
    if (!looksLikeCommand(code.value, this.options.isCommandName) || mentioned(this.host.text, paragraphStart, code.from, code.to)) return;
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
    recordMatches(METAVARIABLE, snippetText, 0, placeholders);
    this.snippets.push(
      makeSnippet({
        host: this.host,
        text: snippetText,
        language: "shell",
        map,
        origin: "markdown:inline",
        cwd: ".",
        inDocs: true,
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
// Small helpers

/** `Create: path`, `New file: path`, `**File**: path`, `**File:** path`; the path quoted or bare. */
const STRONG = String.raw`(?:\*\*|__)?`;
const ANNOUNCEMENT = new RegExp(
  String.raw`^${STRONG}(?:create|new file|file)${STRONG}\s*:${STRONG}[ \t]*` + "(?:`([^`\\s]+)`|([^\\s`*]+))",
  "di",
);
const TRAILING_PUNCTUATION = /[.,;:!?)]+$/;

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

function sortRanges(ranges: Range[]): Range[] {
  return ranges.sort((a, b) => a.start - b.start || a.end - b.end);
}
