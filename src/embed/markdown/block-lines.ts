import type { MdCode } from "../../parse/markdown.js";
import type { OffsetMapBuilder } from "../../text/offset-map.js";
import type { Offset, Range } from "../../text/range.js";
import type { SourceFile } from "../../text/source-file.js";
import { appendText } from "./placeholders.js";

// Block lines: CommonMark's own stripping of container prefixes and fence indentation

export interface BlockLine {
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
export function blockLines(host: SourceFile, node: MdCode): BlockLine[] {
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
export function consoleCommands(lines: readonly BlockLine[]): BlockLine[] {
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

export function newline(builder: OffsetMapBuilder, previous: BlockLine): void {
  if (previous.newline !== null) builder.verbatim("\n", previous.newline);
  else builder.opaque("\n", previous.hostEnd, previous.hostEnd);
}

export function appendLine(builder: OffsetMapBuilder, line: BlockLine, placeholders: Range[] | null): void {
  if (line.head > 0) builder.opaque(line.text.slice(0, line.head), line.hostStart, line.hostStart);
  appendText(builder, line.text.slice(line.head), line.hostStart, placeholders);
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
