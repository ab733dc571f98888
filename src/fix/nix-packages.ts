import type { NixpkgsReach, DevShellInsertion, WithPackagesCall } from "../facts/nix/facts.js";
import type { Offset, Range } from "../text/range.js";

/**
 * The text that adds nixpkgs attributes to a dev shell, laid out as the file is: one per line at
 * the elements' indentation in a list whose `]` starts its own line, inline otherwise; a new
 * `packages = [ ... ];` binding before the first one (on its own line when that one is).
 */
export function addPackages(host: string, insertion: DevShellInsertion, attrs: readonly string[]): { at: Offset; text: string; spelled: readonly string[] } | undefined {
  const spelled = spellAttrs(insertion.reach, attrs);
  if (!spelled) return undefined;
  const lineStart = (offset: number) => host.lastIndexOf("\n", offset - 1) + 1;
  if (insertion.kind === "list") {
    const close = insertion.list.end - 1;
    const closeLine = lineStart(close);
    const closeIndent = host.slice(closeLine, close);
    if (/^[ \t]*$/.test(closeIndent)) {
      const last = insertion.elements[insertion.elements.length - 1];
      const lead = last ? host.slice(lineStart(last.start), last.start) : "";
      const indent = last && /^[ \t]*$/.test(lead) ? lead : closeIndent + "  ";
      return { at: closeLine, text: spelled.map((s) => `${indent}${s}\n`).join(""), spelled };
    }
    const blank = /\s/.test(host[close - 1] ?? "");
    return { at: close, text: blank ? `${spelled.join(" ")} ` : ` ${spelled.join(" ")}${insertion.elements.length === 0 ? " " : ""}`, spelled };
  }
  const binding = `packages = [ ${spelled.join(" ")} ];`;
  const first = insertion.firstBinding;
  if (first) {
    const lead = host.slice(lineStart(first.start), first.start);
    return /^[ \t]*$/.test(lead) ? { at: lineStart(first.start), text: `${lead}${binding}\n`, spelled } : { at: first.start, text: `${binding} `, spelled };
  }
  const whole = insertion.attrset;
  const open = whole.start + host.slice(whole.start, whole.end).indexOf("{");
  return { at: open + 1, text: ` ${binding}${/\s/.test(host[open + 1] ?? "") ? "" : " "}`, spelled };
}

/** Attributes as the scope reaches them: `uv` under `with pkgs;`, else `pkgs.uv` through a variable bound to nixpkgs; undefined when neither. */
function spellAttrs(reach: NixpkgsReach, attrs: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const attr of attrs) {
    if (reach.bare(attr)) {
      out.push(attr);
      continue;
    }
    const variable = reach.variable();
    if (variable === undefined) return undefined;
    out.push(`${variable}.${attr}`);
  }
  return out;
}

/** Replaces a withPackages call by its interpreter (`[ (python3.withPackages (...)) ]` becomes `[ python3 ]`); undefined when the call is not the file's own text. */
export function interpreterInstead(call: WithPackagesCall): { range: Range; text: string } | undefined {
  return call.written && { range: call.written, text: call.interpreter.text };
}
