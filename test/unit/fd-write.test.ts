import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { fdWriter } from "../../src/cli/fd-write.js";

// The CLI writes its report with write(2) on fd 1 and 2 (src/cli/fd-write.ts), and hands over
// to Node's stream when a descriptor refuses.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-fd-write-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stream that keeps what it is given, in order. */
function keeper(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

describe("fdWriter", () => {
  it("writes every byte to the descriptor, in order, multibyte text and a large report too", () => {
    const file = path.join(dir, "out.txt");
    const fd = fs.openSync(file, "w");
    const { stream, text } = keeper();
    const write = fdWriter(fd, () => stream);
    const big = `${"é→✅ ".repeat(200_000)}\n`;
    write("first\n");
    write(big);
    write("last\n");
    fs.closeSync(fd);
    expect(fs.readFileSync(file, "utf8")).toBe(`first\n${big}last\n`);
    expect(text()).toBe("");
  });

  it("a descriptor that refuses hands that write and every later one to the stream", () => {
    const file = path.join(dir, "read-only.txt");
    fs.writeFileSync(file, "");
    // opened for reading: write(2) fails with EBADF
    const fd = fs.openSync(file, "r");
    const { stream, text } = keeper();
    let asked = 0;
    const write = fdWriter(fd, () => (asked++, stream));
    write("one ");
    write("two ");
    write("three");
    fs.closeSync(fd);
    expect(text()).toBe("one two three");
    expect(asked).toBe(3);
    expect(fs.readFileSync(file, "utf8")).toBe("");
  });
});
