import { spawnSync } from "node:child_process";

/** nix-instantiate's verdict on a text and, on failure, the position it names (`at «string»:L:C`). */
export function nixParse(text: string): { ok: boolean; stderr: string; line?: number; column?: number } {
  const run = spawnSync("nix-instantiate", ["--parse", "-E", text], { encoding: "utf8" });
  if (run.error) throw run.error;
  const at = /at «string»:(\d+):(\d+)/.exec(run.stderr);
  return { ok: run.status === 0, stderr: run.stderr, ...(at ? { line: Number(at[1]), column: Number(at[2]) } : {}) };
}
