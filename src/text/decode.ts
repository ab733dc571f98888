/**
 * Decode bytes as strict UTF-8. The BOM is not part of the text (offsets never count it); `bom`
 * says to write it back.
 */
export function decode(bytes: Uint8Array): { text: string; bom: boolean } | { problem: "binary" | "encoding" } {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { problem: "binary" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    const bom = text.charCodeAt(0) === 0xfeff;
    return { text: bom ? text.slice(1) : text, bom };
  } catch {
    return { problem: "encoding" };
  }
}
