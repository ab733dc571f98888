// One module over 300 lines on purpose: the converter is one class whose methods share the line table
// and the container stack; lines/columns and the node types live in markdown-lines.ts and markdown-nodes.ts.
import type { TreeCursor } from "@lezer/common";
import { parser as lezerParser, type InlineContext, type InlineParser } from "@lezer/markdown";
import type { MarkdownRoot, MdBlock, MdParagraph, MdHeading, MdCode, MdList, MdBlockquote, MdOther, MdInlineCode } from "./markdown-nodes.js";
import { advanceToColumn, consumeSpace, isBlankFrom, isSpaceCode, Lines, restOfLine, skipContainerPrefix, type Container, type Cursor } from "./markdown-lines.js";

/**
 * CommonMark only (no GFM): what decides where fences open and close. @lezer/markdown finds the
 * blocks and code spans (about 9x faster than micromark + mdast on docs, see `npm run bench`);
 * this module turns its tree into the few nodes the embedder reads, and computes code block
 * contents the way CommonMark strips container prefixes and fence indentation (lezer gives only
 * ranges, and cannot say that a tab was half consumed). Never fails; offsets are UTF-16 code
 * units of `text`, so with a SourceFile's BOM-less text they are host offsets.
 * test/conformance/ checks this against the CommonMark spec examples and against micromark.
 */
export type { MarkdownRoot, MdBlock, MdParagraph, MdHeading, MdCode, MdList, MdBlockquote, MdOther, MdInlineCode } from "./markdown-nodes.js";

const BACKTICK = 96;
const BACKSLASH = 92;

/**
 * lezer's code span never opens right after a backtick, even an escaped one: in `` \``x` `` CommonMark
 * (and micromark, commonmark.js) has the code span `x`. This runs before lezer's own and takes
 * only that case, with the same search for the closing run.
 */
/**
 * lezer offers each character to every inline parser in turn; a run that none of them starts at
 * is taken here in one step. It adds no node, so the tree is lezer's own
 * (test/conformance/commonmark.test.ts compares the two on every spec example).
 */
export const PLAIN_TEXT: InlineParser = {
  name: "PlainText",
  before: "Escape",
  parse(cx, _next, start) {
    let pos = start;
    while (pos < cx.end && isPlainText(cx, pos)) pos++;
    return pos > start ? pos : -1;
  },
};

const parser = lezerParser.configure({
  parseInline: [
    PLAIN_TEXT,
    {
      name: "InlineCodeAfterEscapedBacktick",
      before: "InlineCode",
      parse(cx: InlineContext, next: number, start: number): number {
        if (next !== BACKTICK || cx.char(start - 1) !== BACKTICK || !escaped(cx, start - 1)) return -1;
        let pos = start + 1;
        while (pos < cx.end && cx.char(pos) === BACKTICK) pos++;
        const size = pos - start;
        for (let run = 0; pos < cx.end; pos++) {
          if (cx.char(pos) !== BACKTICK) run = 0;
          else if (++run === size && cx.char(pos + 1) !== BACKTICK) {
            return cx.addElement(cx.elt("InlineCode", start, pos + 1, [cx.elt("CodeMark", start, start + size), cx.elt("CodeMark", pos + 1 - size, pos + 1)]));
          }
        }
        return -1;
      },
    },
  ],
});

/**
 * The characters CommonMark's inline parsers of lezer start at: `\\` escapes and hard breaks, `&`
 * entities, `` ` `` code spans, `<` HTML and autolinks, `*` `_` emphasis, `[` `!` `]` links and
 * images. A space starts a hard break when two or more of them end the line.
 */
const INLINE_START = new Uint8Array(128);
for (const ch of "\\&`<*_[!]") INLINE_START[ch.charCodeAt(0)] = 1;
const SPACE = 32;
const NEWLINE = 10;

function isPlainText(cx: InlineContext, pos: number): boolean {
  const ch = cx.char(pos);
  if (ch >= 128) return true;
  if (INLINE_START[ch] === 1) return false;
  if (ch !== SPACE) return true;
  let end = pos + 1;
  while (cx.char(end) === SPACE) end++;
  return !(end >= pos + 2 && cx.char(end) === NEWLINE);
}

/** An odd run of backslashes before `at`. */
function escaped(cx: InlineContext, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= cx.offset && cx.char(at - n - 1) === BACKSLASH) n++;
  return n % 2 === 1;
}

export function parseMarkdown(text: string): MarkdownRoot {
  return new Converter(text).root();
}

// ---------------------------------------------------------------------------------------------
// Lines and columns

/**
 * lezer splits lines on `\n` only: a `\r` before it (or alone) becomes a space or a `\n` of the
 * same length, so offsets stay and CRLF files parse like LF ones. Contents are still cut from
 * the original text.
 */
function forLezer(text: string): string {
  if (!text.includes("\r")) return text;
  return text.replace(/\r\n?/g, (m) => (m.length === 2 ? " \n" : "\n"));
}

// ---------------------------------------------------------------------------------------------
// From lezer's tree to blocks

/**
 * Block quotes and list items nested deeper than this are not read (no doc nests 100 deep; a
 * file of 20,000 `>` would otherwise overflow the stack here and in the embedder's walk).
 */
const MAX_NESTING = 100;

const HEADING_DEPTH: Readonly<Record<string, number>> = {
  ATXHeading1: 1,
  ATXHeading2: 2,
  ATXHeading3: 3,
  ATXHeading4: 4,
  ATXHeading5: 5,
  ATXHeading6: 6,
  SetextHeading1: 1,
  SetextHeading2: 2,
};

class Converter {
  private readonly lines: Lines;

  constructor(private readonly text: string) {
    this.lines = new Lines(text);
  }

  root(): MarkdownRoot {
    const cursor = parser.parse(forLezer(this.text)).cursor();
    return { children: this.blocks(cursor, []) };
  }

  /** The block children of the cursor's node; the cursor is back on that node afterwards. */
  private blocks(cursor: TreeCursor, containers: readonly Container[]): MdBlock[] {
    const out: MdBlock[] = [];
    if (!cursor.firstChild()) return out;
    do {
      const block = this.block(cursor, containers);
      if (block) out.push(block);
    } while (cursor.nextSibling());
    cursor.parent();
    return out;
  }

  private block(cursor: TreeCursor, containers: readonly Container[]): MdBlock | null {
    const name = cursor.name;
    if (containers.length >= MAX_NESTING && (name === "Blockquote" || name === "BulletList" || name === "OrderedList")) {
      return { type: "other", from: cursor.from, to: cursor.to };
    }
    const depth = HEADING_DEPTH[name];
    if (depth !== undefined) return this.heading(cursor, depth, name.startsWith("Setext"), containers);
    switch (name) {
      case "Paragraph": {
        const from = cursor.from;
        return { type: "paragraph", from, to: this.trimEnd(from, cursor.to), codes: this.inlineCodes(cursor, containers) };
      }
      case "FencedCode":
        return this.fencedCode(cursor, containers);
      case "CodeBlock":
        return this.indentedCode(cursor, containers);
      case "Blockquote":
        return { type: "blockquote", children: this.blocks(cursor, [...containers, { kind: "quote" }]) };
      case "BulletList":
      case "OrderedList":
        return this.list(cursor, containers);
      case "QuoteMark":
      case "ListMark":
        return null;
      default:
        return { type: "other", from: cursor.from, to: cursor.to };
    }
  }

  private list(cursor: TreeCursor, containers: readonly Container[]): MdList {
    const items: MdBlock[][] = [];
    if (cursor.firstChild()) {
      do {
        if (cursor.name === "ListItem") items.push(this.listItem(cursor, containers));
      } while (cursor.nextSibling());
      cursor.parent();
    }
    return { type: "list", items };
  }

  private listItem(cursor: TreeCursor, containers: readonly Container[]): MdBlock[] {
    const mark = cursor.node.getChild("ListMark");
    if (!mark) return this.blocks(cursor, containers);
    const text = this.text;
    const line = this.lines.lineOf(mark.from);
    const end = this.lines.end(line);
    const base = this.enter(line, containers);
    // CommonMark: 1-4 columns of space after the marker belong to it; none, or 5 and more (an
    // indented code block), count as one.
    const c: Cursor = { pos: mark.to, col: this.lines.columnOf(mark.to), tabUsed: 0 };
    const markEnd = c.col;
    consumeSpace(text, c, end, 5);
    const spaces = c.col - markEnd;
    const contentColumn = isBlankFrom(text, c.pos, end) || spaces >= 5 ? markEnd + 1 : markEnd + spaces;
    const item: Container = { kind: "item", line, markTo: mark.to, contentColumn, indent: contentColumn - (base?.col ?? 0) };
    return this.blocks(cursor, [...containers, item]);
  }

  private heading(cursor: TreeCursor, depth: number, setext: boolean, containers: readonly Container[]): MdHeading {
    const node = cursor.node;
    const marks = node.getChildren("HeaderMark");
    let from: number;
    let to: number;
    if (setext) {
      from = node.from;
      const underline = marks[marks.length - 1];
      to = underline ? this.lines.end(this.lines.lineOf(underline.from) - 1) : node.to;
    } else {
      const open = marks[0];
      from = open ? open.to : node.from;
      to = marks.length > 1 ? marks[marks.length - 1]!.from : this.lines.end(this.lines.lineOf(node.from));
      while (from < to && isSpaceCode(this.text.charCodeAt(from))) from++;
    }
    to = this.trimEnd(from, to);
    return { type: "heading", depth, from, to, codes: this.inlineCodes(cursor, containers) };
  }

  private trimEnd(from: number, to: number): number {
    let end = Math.min(to, this.text.length);
    while (end > from && isSpaceCode(this.text.charCodeAt(end - 1))) end--;
    return end;
  }

  // -------------------------------------------------------------------------------------------
  // Code blocks

  /**
   * Passes a line through the containers as CommonMark's continuation does. Null when a
   * container does not go on (a quote line without `>`, a line an item does not indent).
   */
  private enter(line: number, containers: readonly Container[]): Cursor | null {
    const text = this.text;
    const end = this.lines.end(line);
    const c: Cursor = { pos: this.lines.starts[line]!, col: 0, tabUsed: 0 };
    for (const container of containers) {
      if (container.kind === "quote") {
        const before = c.col;
        consumeSpace(text, c, end, 3);
        if (c.tabUsed !== 0 || text[c.pos] !== ">" || c.col - before > 3) return null;
        c.pos++;
        c.col++;
        consumeSpace(text, c, end, 1);
      } else if (container.line === line) {
        c.pos = container.markTo;
        c.col = this.lines.columnOf(container.markTo);
        c.tabUsed = 0;
        advanceToColumn(text, c, end, container.contentColumn);
      } else if (isBlankFrom(text, c.pos, end)) {
        c.pos = end;
        c.tabUsed = 0;
      } else {
        const before = c.col;
        consumeSpace(text, c, end, container.indent);
        if (c.col - before < container.indent) return null;
      }
    }
    return c;
  }

  private fencedCode(cursor: TreeCursor, containers: readonly Container[]): MdCode {
    const node = cursor.node;
    const marks = node.getChildren("CodeMark");
    const open = marks[0];
    const from = open?.from ?? node.from;
    const fenceLine = this.lines.lineOf(from);
    const fenceIndent = this.lines.columnOf(from) - (this.enter(fenceLine, containers)?.col ?? 0);
    const info = node.getChild("CodeInfo");
    const lang = info ? decodeInfoWord(this.text.slice(info.from, info.to)) : null;
    const close = marks.length > 1 ? marks[marks.length - 1]! : null;
    const lines: string[] = [];
    const last = close ? this.lines.lineOf(close.from) - 1 : this.lines.starts.length - 1;
    for (let line = fenceLine + 1; line <= last; line++) {
      const c = this.enter(line, containers);
      if (!c) break;
      if (!close && line === this.lines.starts.length - 1 && this.lines.starts[line] === this.text.length) break;
      const end = this.lines.end(line);
      consumeSpace(this.text, c, end, fenceIndent);
      lines.push(restOfLine(this.text, c, end));
    }
    return { type: "code", fenced: true, lang, value: lines.join("\n"), from, to: node.to };
  }

  private indentedCode(cursor: TreeCursor, containers: readonly Container[]): MdCode {
    const from = cursor.from;
    const first = this.lines.lineOf(from);
    const last = this.lines.lineOf(Math.max(from, cursor.to - 1));
    const lines: string[] = [];
    for (let line = first; line <= last; line++) {
      const c = this.enter(line, containers);
      if (!c) break;
      const end = this.lines.end(line);
      consumeSpace(this.text, c, end, 4);
      lines.push(restOfLine(this.text, c, end));
    }
    return { type: "code", fenced: false, lang: null, value: lines.join("\n"), from, to: cursor.to };
  }

  // -------------------------------------------------------------------------------------------
  // Code spans

  /** InlineCode nodes below the cursor's node, except in an image's description (CommonMark keeps only its text). */
  private inlineCodes(cursor: TreeCursor, containers: readonly Container[]): MdInlineCode[] {
    const out: MdInlineCode[] = [];
    const quoteDepth = containers.filter((c) => c.kind === "quote").length;
    const visit = (): void => {
      if (!cursor.firstChild()) return;
      do {
        const name = cursor.name;
        if (name === "InlineCode") out.push(this.inlineCode(cursor.from, cursor.to, quoteDepth));
        else if (name !== "Image") visit();
      } while (cursor.nextSibling());
      cursor.parent();
    };
    visit();
    return out;
  }

  private inlineCode(from: number, to: number, quoteDepth: number): MdInlineCode {
    const text = this.text;
    let ticks = 0;
    while (text[from + ticks] === "`") ticks++;
    let value = "";
    const end = to - ticks;
    for (let at = from + ticks; at < end; ) {
      const newline = text.indexOf("\n", at);
      if (newline === -1 || newline >= end) {
        value += text.slice(at, end);
        break;
      }
      value += text.slice(at, text[newline - 1] === "\r" ? newline - 1 : newline) + " ";
      at = skipContainerPrefix(text, newline + 1, quoteDepth);
    }
    if (value.length >= 2 && value.startsWith(" ") && value.endsWith(" ") && value.trim() !== "") value = value.slice(1, -1);
    return { from, to, value };
  }
}

/** The info string's first word with `\` escapes and numeric character references decoded. */
function decodeInfoWord(info: string): string | null {
  const word = info.trim().split(/[ \t]/)[0] ?? "";
  if (word === "") return null;
  if (!word.includes("\\") && !word.includes("&")) return word;
  return word
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g, (m, hex: string | undefined, dec: string | undefined) => {
      const code = Number.parseInt(hex ?? dec ?? "", hex ? 16 : 10);
      return code > 0x10ffff ? m : String.fromCodePoint(code === 0 ? 0xfffd : code);
    });
}
