import type { Offset, Position, Range } from "./range.js";

export type Eol = "\n" | "\r\n";

/**
 * A file's text plus the line index that turns offsets into line/column. The only place that
 * computes line and column; everything else speaks in offsets.
 */
export class SourceFile {
  /** posix path relative to the lint root */
  readonly path: string;
  /** text without a leading BOM */
  readonly text: string;
  readonly bom: boolean;
  /** the file's dominant line ending; inserted newlines are converted to it */
  readonly eol: Eol;
  private lineStarts: number[] | undefined;

  constructor(path: string, rawText: string) {
    this.path = path;
    this.bom = rawText.charCodeAt(0) === 0xfeff;
    this.text = this.bom ? rawText.slice(1) : rawText;
    this.eol = dominantEol(this.text);
  }

  get lineCount(): number {
    return this.starts().length;
  }

  positionAt(offset: Offset): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - starts[lo]! + 1, offset: clamped };
  }

  /** Offset of a 1-based line and column; clamps to the line's end. */
  offsetAt(line: number, column: number): Offset {
    const starts = this.starts();
    const index = Math.max(0, Math.min(line - 1, starts.length - 1));
    const start = starts[index]!;
    const end = this.lineEnd(index + 1);
    return Math.min(start + Math.max(0, column - 1), end);
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): Offset {
    const starts = this.starts();
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))]!;
  }

  /** Offset of the end of a 1-based line, before its line break. */
  lineEnd(line: number): Offset {
    const starts = this.starts();
    const index = Math.max(0, Math.min(line - 1, starts.length - 1));
    if (index === starts.length - 1) return this.text.length;
    let end = starts[index + 1]! - 1;
    if (end > starts[index]! && this.text.charCodeAt(end - 1) === 13) end -= 1;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  slice(r: Range): string {
    return this.text.slice(r.start, r.end);
  }

  /** The text as it would be written back: BOM restored. */
  serialize(text: string = this.text): string {
    return this.bom ? "\ufeff" + text : text;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) === 10) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

function dominantEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? "\r\n" : "\n";
}
