/**
 * A minimal POSIX ustar writer: regular files and directories only, with fixed owner, mode and
 * mtime so the same directory always gives the same bytes. Enough for a Terraform configuration
 * upload; anything it cannot represent (a path too long for ustar, a file over 8 GiB) throws.
 */

/** One archive member. Directory paths may end with `/`. */
export interface TarEntry {
  readonly path: string;
  readonly type: "file" | "directory";
  /** File contents. */
  readonly data?: Buffer;
  /** Permission bits. @default 0o644 for files, 0o755 for directories */
  readonly mode?: number;
}

const BLOCK = 512;
const MAX_SIZE = 0o77777777777; // 11 octal digits

/** The tar archive (uncompressed) of `entries`, in the order given. */
export function ustar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.type === "file" ? (entry.data ?? Buffer.alloc(0)) : Buffer.alloc(0);
    const name = entry.type === "directory" && !entry.path.endsWith("/") ? `${entry.path}/` : entry.path;
    parts.push(header(name, entry.type, entry.mode ?? (entry.type === "file" ? 0o644 : 0o755), data.length));
    if (data.length > 0) {
      parts.push(data);
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (pad > 0) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // end-of-archive marker
  return Buffer.concat(parts);
}

function header(path: string, type: TarEntry["type"], mode: number, size: number): Buffer {
  if (path.startsWith("/") || path.split("/").includes("..")) {
    throw new Error(`tar member ${JSON.stringify(path)} must be a relative path inside the archive`);
  }
  if (size > MAX_SIZE) throw new Error(`tar member ${path} is larger than ustar allows (8 GiB)`);
  const { name, prefix } = splitPath(path);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, "utf8");
  octal(h, 100, 8, mode & 0o7777);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0); // mtime: fixed, so archives are reproducible
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  h.write(type === "file" ? "0" : "5", 156, 1, "ascii");
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return h;
}

/** Writes `value` as zero-padded octal digits followed by NUL into a field of `width` bytes. */
function octal(h: Buffer, offset: number, width: number, value: number): void {
  h.write(`${value.toString(8).padStart(width - 1, "0")}\0`, offset, width, "ascii");
}

/** Splits a path into ustar's name (100 bytes) and prefix (155 bytes) fields, at a slash. */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: "" };
  // The prefix may not end with the slash it was split at; search right to left for a split
  // that keeps both parts within their fields.
  for (let i = path.length - 1; i > 0; i--) {
    if (path[i] !== "/") continue;
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name.length > 0) return { name, prefix };
  }
  throw new Error(`tar member path is too long for ustar (${Buffer.byteLength(path)} bytes): ${path}`);
}
