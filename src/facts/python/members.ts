import { packageWord } from "../../text/quote.js";
import type { Command } from "../shell/command.js";
import type { Member, WorkspaceModel } from "./workspace.js";

export interface OwningMember {
  readonly name: string;
  /** how we know: the command runs in its folder, the file lies in it, or the config names it */
  readonly because: "cwd" | "file" | "config";
}

/**
 * The member a command's dependencies belong to, when that is certain (docs/contract.md: the command's
 * directory or its file lies in member M, or the config names a default member). A root that is
 * itself a project counts only when it is the only member: from the root, "which member" is
 * otherwise the question a person must answer. A member whose name is no valid PEP 508 name is
 * never certain: its name is not written into a fix (`a$(touch /tmp/pwn)`).
 */
export function owningMember(cmd: Command, workspace: WorkspaceModel, defaultMember: string | undefined): OwningMember | undefined {
  const specific = (m: Member | undefined) => (m && (m.dir !== "." || workspace.members.length === 1) ? m : undefined);
  const named = (m: Member, because: "cwd" | "file") => (packageWord(m.name) === null ? undefined : { name: m.name, because });
  if (cmd.cwd.kind === "known") {
    const m = specific(workspace.memberOwning(cmd.cwd.path));
    if (m) return named(m, "cwd");
  }
  const m = specific(workspace.memberOwning(cmd.file));
  if (m) return named(m, "file");
  if (defaultMember !== undefined) {
    const name = workspace.memberByName(defaultMember)?.name ?? defaultMember;
    return packageWord(name) === null ? undefined : { name, because: "config" };
  }
  return undefined;
}
