// Lines, columns and container prefixes of a Markdown text, as CommonMark counts them (tabs to
// multiples of 4, a tab that a container half consumes): lezer gives only ranges.

/** A container a line must pass through before it reaches a block's content. */
export type Container =
  | { readonly kind: "quote" }
  /**
   * `line`: the item's first line, where its marker ends at `markTo` and its content starts at
   * `contentColumn`; `indent`: the columns its other lines give up
   */
  | { readonly kind: "item"; readonly line: number; readonly markTo: number; readonly contentColumn: number; readonly indent: number };

/** A place in a line: offset, column (tabs to multiples of 4) and the columns of a half-consumed tab left. */
export interface Cursor {
  pos: number;
  col: number;
  /** columns of the tab at `pos` already consumed */
  tabUsed: number;
}

export class Lines {
  /** offset of each line's first character */
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** 0-based line of an offset */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** end of the line's content, before `\n`, `\r\n` or a lone `\r` */
  end(line: number): number {
    const next = this.starts[line + 1];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > this.starts[line]! && this.text.charCodeAt(end - 1) === CR) end--;
    return end;
  }

  columnOf(offset: number): number {
    let col = 0;
    for (let i = this.starts[this.lineOf(offset)]!; i < offset; i++) col = this.text.charCodeAt(i) === TAB ? col + 4 - (col % 4) : col + 1;
    return col;
  }
}

export const TAB = 9;
export const SPACE = 32;
export const CR = 13;

export function isBlankFrom(text: string, at: number, end: number): boolean {
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** Gives up to `columns` columns of spaces and tabs; a tab wider than what is left is half consumed. */
export function consumeSpace(text: string, c: Cursor, end: number, columns: number): void {
  let left = columns;
  while (left > 0 && c.pos < end) {
    const ch = text.charCodeAt(c.pos);
    if (ch === SPACE) {
      c.pos++;
      c.col++;
      left--;
    } else if (ch === TAB) {
      const width = 4 - ((c.col - c.tabUsed) % 4) - c.tabUsed;
      if (width <= left) {
        c.pos++;
        c.col += width;
        c.tabUsed = 0;
        left -= width;
      } else {
        c.col += left;
        c.tabUsed += left;
        left = 0;
      }
    } else return;
  }
}

/** Moves to column `target` through spaces and tabs (never back). */
export function advanceToColumn(text: string, c: Cursor, end: number, target: number): void {
  if (target > c.col) consumeSpace(text, c, end, target - c.col);
}

/** The text from the cursor: a half-consumed tab's remaining columns as spaces, then the host text. */
export function restOfLine(text: string, c: Cursor, end: number): string {
  if (c.tabUsed === 0) return text.slice(c.pos, end);
  const width = 4 - ((c.col - c.tabUsed) % 4);
  return " ".repeat(width - c.tabUsed) + text.slice(c.pos + 1, end);
}

export function isSpaceCode(c: number): boolean {
  return c === SPACE || c === TAB || c === 10 || c === CR;
}

/**
 * On a paragraph's continuation line: the blanks and up to `quoteDepth` `>` marks before its
 * text (a lazy line has none).
 */
export function skipContainerPrefix(text: string, at: number, quoteDepth: number): number {
  let i = at;
  const skipBlanks = (): void => {
    while (text[i] === " " || text[i] === "\t") i++;
  };
  skipBlanks();
  for (let depth = 0; depth < quoteDepth && text[i] === ">"; depth++) {
    i++;
    skipBlanks();
  }
  return i;
}
