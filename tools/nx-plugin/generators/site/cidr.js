// @ts-check
/** IPv4 blocks as [first, last] address numbers, for finding a free block in an address plan. */

/** @param {string} cidr @returns {[number, number]} */
function range(cidr) {
  const [ip, len] = cidr.split("/");
  const n = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(len));
  const first = n - (n % size);
  return [first, first + size - 1];
}

/** @param {number} n */
function toIp(n) {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** @param {[number, number]} a @param {[number, number]} b */
const overlaps = (a, b) => a[0] <= b[1] && b[0] <= a[1];

/**
 * The first /`prefix` block from `from` up to `to` (inclusive ranges) that overlaps none of `used`.
 * @param {[number, number]} within @param {number} prefix @param {[number, number][]} used
 */
function firstFree(within, prefix, used) {
  const size = 2 ** (32 - prefix);
  const start = Math.ceil(within[0] / size) * size;
  for (let first = start; first + size - 1 <= within[1]; first += size) {
    const candidate = /** @type {[number, number]} */ ([first, first + size - 1]);
    if (!used.some((u) => overlaps(u, candidate))) return `${toIp(first)}/${prefix}`;
  }
  return undefined;
}

module.exports = { range, firstFree, overlaps, toIp };
