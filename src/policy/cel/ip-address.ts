/**
 * IP address and prefix parsing with Go `net/netip` semantics (what Kubernetes' CEL IP/CIDR
 * libraries use): strict dotted quads (no leading zeros), RFC 5952 canonical IPv6 text; zones
 * and IPv4-mapped IPv6 addresses are refused, as Kubernetes refuses them.
 */

export class IpAddress {
  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }

  equals(other: unknown): boolean {
    return other instanceof IpAddress && Buffer.from(this.bytes).equals(Buffer.from(other.bytes));
  }

  toString(): string {
    return this.family === 4 ? this.bytes.join('.') : formatIpv6(this.bytes);
  }
}

export class IpPrefix {
  readonly address: IpAddress;
  readonly bits: number;

  constructor(address: IpAddress, bits: number) {
    this.address = address;
    this.bits = bits;
  }

  masked(): IpPrefix {
    const bytes = Uint8Array.from(this.address.bytes);
    for (let i = 0; i < bytes.length; i++) {
      const keep = Math.max(0, Math.min(8, this.bits - i * 8));
      bytes[i] = (bytes[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
    }
    return new IpPrefix(new IpAddress(bytes), this.bits);
  }

  contains(address: IpAddress): boolean {
    if (address.family !== this.address.family) return false;
    return new IpPrefix(address, this.bits).masked().address.equals(this.masked().address);
  }

  containsPrefix(other: IpPrefix): boolean {
    return this.bits <= other.bits && this.contains(other.address);
  }

  equals(other: unknown): boolean {
    return other instanceof IpPrefix && other.bits === this.bits && other.address.equals(this.address);
  }

  toString(): string {
    return `${this.address.toString()}/${this.bits}`;
  }
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): Uint8Array | undefined {
  const match = IPV4.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1).map((part) => (part.length > 1 && part.startsWith('0') ? Number.NaN : Number(part)));
  if (octets.some((n) => !(n >= 0 && n <= 255))) return undefined;
  return Uint8Array.from(octets);
}

function parseIpv6(text: string): Uint8Array | undefined {
  if (text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const words = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

/** The 16-bit groups of one side of `::`; a trailing dotted quad counts as two groups. */
function groups(side: string): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const words: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      continue;
    }
    if (!/^[0-9A-Fa-f]{1,4}$/.test(part)) return undefined;
    words.push(Number.parseInt(part, 16));
  }
  return words;
}

function formatIpv6(bytes: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export type IpParse = { readonly ok: true; readonly address: IpAddress } | { readonly ok: false; readonly reason: string };

export function parseIp(text: string): IpParse {
  if (text.includes('%')) return { ok: false, reason: `IP address with zone value is not allowed: ${text}` };
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { ok: true, address: new IpAddress(v4) };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  if (v6 === undefined) return { ok: false, reason: `IP Address "${text}" parse error during conversion from string` };
  if (isV4Mapped(v6)) return { ok: false, reason: `IPv4-mapped IPv6 address is not allowed: ${text}` };
  return { ok: true, address: new IpAddress(v6) };
}

function isV4Mapped(bytes: Uint8Array): boolean {
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

export type PrefixParse = { readonly ok: true; readonly prefix: IpPrefix } | { readonly ok: false; readonly reason: string };

export function parseCidr(text: string): PrefixParse {
  const slash = text.lastIndexOf('/');
  const bitsText = text.slice(slash + 1);
  if (slash < 0 || !/^(0|[1-9]\d{0,2})$/.test(bitsText)) {
    return { ok: false, reason: `network address parse error during conversion from string: ${text}` };
  }
  const parsed = parseIp(text.slice(0, slash));
  if (!parsed.ok) return parsed;
  const bits = Number(bitsText);
  if (bits > parsed.address.bytes.length * 8) {
    return { ok: false, reason: `network address parse error during conversion from string: ${text}` };
  }
  return { ok: true, prefix: new IpPrefix(parsed.address, bits) };
}

export function isLoopback(a: IpAddress): boolean {
  const b = a.bytes;
  return a.family === 4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
}

export function isUnspecified(a: IpAddress): boolean {
  return a.bytes.every((x) => x === 0);
}

export function isLinkLocalUnicast(a: IpAddress): boolean {
  const b = a.bytes;
  return a.family === 4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80;
}

export function isLinkLocalMulticast(a: IpAddress): boolean {
  const b = a.bytes;
  return a.family === 4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02;
}

function isMulticast(a: IpAddress): boolean {
  const b = a.bytes;
  return a.family === 4 ? ((b[0] ?? 0) & 0xf0) === 0xe0 : b[0] === 0xff;
}

export function isGlobalUnicast(a: IpAddress): boolean {
  if (a.family === 4 && a.bytes.every((x) => x === 0xff)) return false;
  return !isUnspecified(a) && !isLoopback(a) && !isMulticast(a) && !isLinkLocalUnicast(a);
}
