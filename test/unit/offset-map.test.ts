import { describe, expect, it } from "vitest";
import { OffsetMap, OffsetMapBuilder } from "../../src/text/offset-map.js";
import { SourceFile } from "../../src/text/source-file.js";

/** host "  ab\n  ${x}cd\n" indented by two, read as a snippet "ab\n_X_cd\n" with ${x} opaque */
function indented() {
  const host = "  ab\n  ${x}cd\n";
  const b = new OffsetMapBuilder();
  b.verbatim("ab\n", 2);
  b.opaque("_X_", 7, 11);
  b.verbatim("cd\n", 11);
  return { host, ...b.build() };
}

describe("OffsetMap", () => {
  it("maps verbatim runs one to one across skipped indentation", () => {
    const { host, text, map } = indented();
    expect(text).toBe("ab\n_X_cd\n");
    for (const i of [0, 1, 2, 6, 7, 8]) expect(host[map.toHost(i)]).toBe(text[i]);
  });

  it("maps anything inside an opaque run to its edges, by bias", () => {
    const { map } = indented();
    expect(map.toHostRange({ start: 3, end: 6 })).toEqual({ start: 7, end: 11 });
    expect(map.toHostRange({ start: 4, end: 5 })).toEqual({ start: 7, end: 11 });
    expect(map.toHostRange({ start: 3, end: 8 })).toEqual({ start: 7, end: 13 });
  });

  it("at a boundary, a range start takes the next segment and a range end the previous one", () => {
    const { map } = indented();
    // offset 3 ends "ab\n" and starts the interpolation
    expect(map.toHost(3, "start")).toBe(7);
    expect(map.toHost(3, "end")).toBe(5);
  });

  it.each([
    [{ start: 0, end: 2 }, true],
    [{ start: 0, end: 5 }, false], // crosses the skipped indentation
    [{ start: 3, end: 6 }, false], // opaque
    [{ start: 6, end: 8 }, true],
  ])("isVerbatim(%j) = %s", (r, expected) => {
    expect(indented().map.isVerbatim(r)).toBe(expected);
  });

  it("composes an inner snippet onto its parent's map", () => {
    // parent: a fence indented by 3 in a host; child: the body of a quoted string in the parent
    const host = "x\n   bash -c 'pip install y'\n";
    const parent = new OffsetMapBuilder().verbatim("bash -c 'pip install y'\n", 5).build();
    const inner = new OffsetMapBuilder().verbatim("pip install y", 9).build();
    const composed = inner.map.compose(parent.map);
    const r = composed.toHostRange({ start: 0, end: 3 });
    expect(host.slice(r.start, r.end)).toBe("pip");
    expect(new SourceFile("h", host).positionAt(r.start)).toEqual({ line: 2, column: 13, offset: 14 });
  });

  it("composition keeps opaque parents opaque", () => {
    const { map: parent } = indented();
    const child = new OffsetMap([{ kind: "verbatim", snippetStart: 0, snippetEnd: 5, hostStart: 3, hostEnd: 8 }]);
    const composed = child.compose(parent);
    expect(composed.toHostRange({ start: 0, end: 3 })).toEqual({ start: 7, end: 11 });
    expect(composed.toHostRange({ start: 3, end: 5 })).toEqual({ start: 11, end: 13 });
    expect(composed.touchesOpaque({ start: 0, end: 1 })).toBe(true);
  });

  it("rejects segments that are not contiguous in the snippet", () => {
    expect(() => new OffsetMap([
      { kind: "verbatim", snippetStart: 0, snippetEnd: 2, hostStart: 0, hostEnd: 2 },
      { kind: "verbatim", snippetStart: 3, snippetEnd: 4, hostStart: 5, hostEnd: 6 },
    ])).toThrow(/contiguous/);
  });
});

describe("SourceFile", () => {
  it.each([
    ["LF", "a\nbc\n", 3, { line: 2, column: 2, offset: 3 }],
    ["CRLF", "a\r\nbc\r\n", 4, { line: 2, column: 2, offset: 4 }],
    ["astral", "😀x\ny", 2, { line: 1, column: 3, offset: 2 }],
    ["end", "a\n", 2, { line: 2, column: 1, offset: 2 }],
  ])("%s positions are 1-based UTF-16", (_n, text, offset, expected) => {
    expect(new SourceFile("f", text).positionAt(offset)).toEqual(expected);
  });

  it("strips and restores a BOM; knows the line ending", () => {
    const f = new SourceFile("f", "\ufeffa\r\nb\r\n");
    expect(f.bom).toBe(true);
    expect(f.text).toBe("a\r\nb\r\n");
    expect(f.eol).toBe("\r\n");
    expect(f.lineText(2)).toBe("b");
    expect(f.serialize("x")).toBe("\ufeffx");
  });
});
