import type { Offset, Range } from "./range.js";

/**
 * How a run of snippet text relates to the host file:
 * - verbatim: same length, same characters (offsets map one to one);
 * - substituted: same length, other characters (a placeholder made parseable), still one to one;
 * - opaque: any lengths; the whole snippet run stands for the whole host run (an interpolation,
 *   an escape sequence). Anything inside it maps to its edges.
 */
export type SegmentKind = "verbatim" | "substituted" | "opaque";

export interface Segment {
  readonly kind: SegmentKind;
  readonly snippetStart: Offset;
  readonly snippetEnd: Offset;
  readonly hostStart: Offset;
  readonly hostEnd: Offset;
}

/**
 * Piecewise map from a snippet's offsets to its host file's offsets. Segments are sorted and
 * contiguous in the snippet; the host may jump between them (stripped indentation, fences).
 */
export class OffsetMap {
  readonly segments: readonly Segment[];

  constructor(segments: readonly Segment[]) {
    this.segments = segments;
    for (let i = 1; i < segments.length; i++) {
      if (segments[i]!.snippetStart !== segments[i - 1]!.snippetEnd) {
        throw new Error(`OffsetMap segments must be contiguous (segment ${i})`);
      }
    }
  }

  static identity(hostStart: Offset, length: number): OffsetMap {
    return new OffsetMap([
      { kind: "verbatim", snippetStart: 0, snippetEnd: length, hostStart, hostEnd: hostStart + length },
    ]);
  }

  get snippetLength(): number {
    const last = this.segments[this.segments.length - 1];
    return last ? last.snippetEnd : 0;
  }

  /**
   * Host offset of a snippet offset. At a boundary between two segments, bias "start" picks the
   * segment that begins there (a range start), "end" the one that ends there (a range end).
   */
  toHost(offset: Offset, bias: "start" | "end" = "start"): Offset {
    const segs = this.segments;
    if (segs.length === 0) return 0;
    const seg = segs[this.find(offset, bias)]!;
    if (seg.kind === "opaque") {
      if (offset <= seg.snippetStart) return seg.hostStart;
      if (offset >= seg.snippetEnd) return seg.hostEnd;
      return bias === "start" ? seg.hostStart : seg.hostEnd;
    }
    const clamped = Math.max(seg.snippetStart, Math.min(offset, seg.snippetEnd));
    return seg.hostStart + (clamped - seg.snippetStart);
  }

  toHostRange(r: Range): Range {
    if (r.start === r.end) {
      const at = this.toHost(r.start, "start");
      return { start: at, end: at };
    }
    return { start: this.toHost(r.start, "start"), end: this.toHost(r.end, "end") };
  }

  /**
   * True when the snippet range is one contiguous verbatim run of the host, so replacing the host
   * range has exactly the effect of replacing the snippet range.
   */
  isVerbatim(r: Range): boolean {
    if (this.segments.length === 0) return false;
    let i = this.find(r.start, "start");
    let hostCursor: number | undefined;
    for (; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      if (seg.snippetStart >= r.end && !(r.start === r.end && seg.snippetStart === r.start)) break;
      if (seg.kind !== "verbatim") return false;
      const from = seg.hostStart + (Math.max(r.start, seg.snippetStart) - seg.snippetStart);
      if (hostCursor !== undefined && from !== hostCursor) return false;
      hostCursor = seg.hostStart + (Math.min(r.end, seg.snippetEnd) - seg.snippetStart);
      if (seg.snippetEnd >= r.end) break;
    }
    return true;
  }

  /** True when some part of the snippet range is opaque (an interpolation, an escape). */
  touchesOpaque(r: Range): boolean {
    for (const seg of this.segments) {
      if (seg.snippetEnd <= r.start) continue;
      if (seg.snippetStart >= r.end) break;
      if (seg.kind === "opaque") return true;
    }
    return false;
  }

  /** This map takes an inner snippet to an outer one; the result takes it straight to the host. */
  compose(outer: OffsetMap): OffsetMap {
    const out: Segment[] = [];
    for (const seg of this.segments) {
      if (seg.kind === "opaque" || seg.snippetStart === seg.snippetEnd) {
        out.push({
          kind: "opaque",
          snippetStart: seg.snippetStart,
          snippetEnd: seg.snippetEnd,
          hostStart: outer.toHost(seg.hostStart, "start"),
          hostEnd: outer.toHost(seg.hostEnd, "end"),
        });
        continue;
      }
      // A one-to-one run may cross several outer segments: split it at their edges.
      let cursor = seg.hostStart;
      while (cursor < seg.hostEnd) {
        const o = outer.segments[outer.find(cursor, "start")]!;
        const pieceEnd = Math.min(seg.hostEnd, Math.max(o.snippetEnd, cursor + 1));
        const snippetStart = seg.snippetStart + (cursor - seg.hostStart);
        const snippetEnd = seg.snippetStart + (pieceEnd - seg.hostStart);
        if (o.kind === "opaque") {
          out.push({ kind: "opaque", snippetStart, snippetEnd, hostStart: o.hostStart, hostEnd: o.hostEnd });
        } else {
          out.push({
            kind: seg.kind === "substituted" || o.kind === "substituted" ? "substituted" : "verbatim",
            snippetStart,
            snippetEnd,
            hostStart: outer.toHost(cursor, "start"),
            hostEnd: outer.toHost(pieceEnd, "end"),
          });
        }
        cursor = pieceEnd;
      }
    }
    return new OffsetMap(mergeOpaqueRuns(out));
  }

  private find(offset: Offset, bias: "start" | "end"): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const seg = segs[mid]!;
      const past = bias === "start" ? seg.snippetEnd <= offset : seg.snippetEnd < offset;
      if (past) lo = mid + 1;
      else hi = mid;
    }
    // Skip empty segments so a range start lands on real text.
    while (bias === "start" && lo < segs.length - 1 && segs[lo]!.snippetEnd <= offset) lo++;
    return lo;
  }
}

/** Consecutive opaque pieces of one outer opaque segment are one piece. */
function mergeOpaqueRuns(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.kind === "opaque" &&
      seg.kind === "opaque" &&
      prev.hostStart === seg.hostStart &&
      prev.hostEnd === seg.hostEnd
    ) {
      out[out.length - 1] = { ...prev, snippetEnd: seg.snippetEnd };
    } else {
      out.push(seg);
    }
  }
  return out;
}

/** Builds a map while an embedder copies host text into a snippet piece by piece. */
export class OffsetMapBuilder {
  private readonly segments: Segment[] = [];
  private readonly parts: string[] = [];
  private length = 0;

  /** Copy host[hostStart, hostStart + text.length) unchanged. */
  verbatim(text: string, hostStart: Offset): this {
    return this.push("verbatim", text, hostStart, hostStart + text.length);
  }

  /** Put `text` in the snippet for host[hostStart, hostEnd), same length, other characters. */
  substituted(text: string, hostStart: Offset): this {
    return this.push("substituted", text, hostStart, hostStart + text.length);
  }

  /** Put `text` in the snippet standing for the whole of host[hostStart, hostEnd). */
  opaque(text: string, hostStart: Offset, hostEnd: Offset): this {
    return this.push("opaque", text, hostStart, hostEnd);
  }

  get snippetLength(): number {
    return this.length;
  }

  build(): { text: string; map: OffsetMap } {
    return { text: this.parts.join(""), map: new OffsetMap(this.segments) };
  }

  private push(kind: SegmentKind, text: string, hostStart: Offset, hostEnd: Offset): this {
    if (text.length === 0 && kind !== "opaque") return this;
    const prev = this.segments[this.segments.length - 1];
    if (prev && prev.kind === kind && kind !== "opaque" && prev.hostEnd === hostStart) {
      this.segments[this.segments.length - 1] = {
        ...prev,
        snippetEnd: prev.snippetEnd + text.length,
        hostEnd,
      };
    } else {
      this.segments.push({
        kind,
        snippetStart: this.length,
        snippetEnd: this.length + text.length,
        hostStart,
        hostEnd,
      });
    }
    this.parts.push(text);
    this.length += text.length;
    return this;
  }
}
