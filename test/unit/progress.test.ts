import { describe, expect, it } from "vitest";
import { progressAfterMs, PROGRESS_AFTER_MS, startProgress } from "../../src/cli/progress.js";

// Issue 13 item 4: the progress line's rules, on a clock the test sets (the pseudo-terminal runs
// are in test/e2e/progress.test.ts).
function run(enabled = true, total = 3) {
  let out = "";
  let t = 0;
  const progress = startProgress({ total, write: (s) => void (out += s), enabled, afterMs: 2000, startedAt: 0, now: () => t });
  return { progress, at: (ms: number) => void (t = ms), out: () => out };
}

describe("progress", () => {
  it("shows nothing before the run has lasted 2 s", () => {
    const r = run();
    r.at(1999);
    r.progress.advance();
    r.progress.done();
    expect(r.out()).toBe("");
  });

  it("then counts files in place, at most every 100 ms, the last one always, and wipes the line", () => {
    const r = run();
    r.at(2000);
    r.progress.advance();
    r.at(2050);
    r.progress.advance(); // too soon after the last redraw
    r.at(2060);
    r.progress.advance(); // the last file: always drawn
    r.progress.done();
    r.progress.done();
    const line = "evio-lint: 3/3 files";
    expect(r.out()).toBe(`\revio-lint: 1/3 files\r${line}\r${" ".repeat(line.length)}\r`);
  });

  it("wipes the line before a message, and draws it again on the next file", () => {
    const r = run(true, 20);
    r.at(5000);
    r.progress.advance();
    r.progress.stderr("evio-lint: cannot read x\n");
    r.at(5200);
    r.progress.advance();
    expect(r.out()).toBe("\revio-lint: 1/20 files\r                     \revio-lint: cannot read x\n\revio-lint: 2/20 files");
  });

  it("writes nothing when stderr is no terminal or with --quiet (enabled false), but passes messages on", () => {
    const r = run(false);
    r.at(10_000);
    r.progress.advance(3);
    r.progress.stderr("message\n");
    r.progress.done();
    expect(r.out()).toBe("message\n");
    expect(r.progress.active).toBe(false);
  });

  it("takes its threshold from EVIO_LINT_PROGRESS_AFTER_MS (whole milliseconds), else 2 s", () => {
    expect(progressAfterMs({ EVIO_LINT_PROGRESS_AFTER_MS: "0" })).toBe(0);
    expect(progressAfterMs({ EVIO_LINT_PROGRESS_AFTER_MS: "150" })).toBe(150);
    expect(progressAfterMs({ EVIO_LINT_PROGRESS_AFTER_MS: "soon" })).toBe(PROGRESS_AFTER_MS);
    expect(progressAfterMs({})).toBe(2000);
  });
});
