/** Kubernetes IP and CIDR libraries (`ip()`, `isIP()`, `ip.isCanonical()`, `cidr()`, `isCIDR()` …). */
import type { Environment } from '@marcbachmann/cel-js';
import {
  IpAddress,
  IpPrefix,
  isGlobalUnicast,
  isLinkLocalMulticast,
  isLinkLocalUnicast,
  isLoopback,
  isUnspecified,
  parseCidr,
  parseIp,
} from './ip-address.ts';
import { fail } from './support.ts';

function ip(text: string): IpAddress {
  const parsed = parseIp(text);
  return parsed.ok ? parsed.address : fail(parsed.reason);
}

function cidr(text: string): IpPrefix {
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.prefix : fail(parsed.reason);
}

class IpNamespace {}

export function registerIp(env: Environment): void {
  env.registerType('IpNamespace', IpNamespace);
  env.registerConstant('ip', 'IpNamespace', new IpNamespace());
  env.registerType('net.IP', IpAddress);
  env.registerType('net.CIDR', IpPrefix);
  env.registerFunction('ip(string): net.IP', ip);
  env.registerFunction('isIP(string): bool', (s: string) => parseIp(s).ok);
  env.registerFunction('IpNamespace.isCanonical(string): bool', (_ns: unknown, s: string) => ip(s).toString() === s);
  env.registerFunction('string(net.IP): string', (a: IpAddress) => a.toString());
  env.registerFunction('net.IP.family(): int', (a: IpAddress) => BigInt(a.family));
  env.registerFunction('net.IP.isUnspecified(): bool', isUnspecified);
  env.registerFunction('net.IP.isLoopback(): bool', isLoopback);
  env.registerFunction('net.IP.isLinkLocalMulticast(): bool', isLinkLocalMulticast);
  env.registerFunction('net.IP.isLinkLocalUnicast(): bool', isLinkLocalUnicast);
  env.registerFunction('net.IP.isGlobalUnicast(): bool', isGlobalUnicast);
  env.registerOperator('net.IP == net.IP', (a: IpAddress, b: IpAddress) => a.equals(b));
  env.registerFunction('cidr(string): net.CIDR', cidr);
  env.registerFunction('isCIDR(string): bool', (s: string) => parseCidr(s).ok);
  env.registerFunction('string(net.CIDR): string', (c: IpPrefix) => c.toString());
  env.registerFunction('net.CIDR.containsIP(net.IP): bool', (c: IpPrefix, a: IpAddress) => c.contains(a));
  env.registerFunction('net.CIDR.containsIP(string): bool', (c: IpPrefix, s: string) => c.contains(ip(s)));
  env.registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', (c: IpPrefix, o: IpPrefix) => c.containsPrefix(o));
  env.registerFunction('net.CIDR.containsCIDR(string): bool', (c: IpPrefix, s: string) => c.containsPrefix(cidr(s)));
  env.registerFunction('net.CIDR.ip(): net.IP', (c: IpPrefix) => c.address);
  env.registerFunction('net.CIDR.masked(): net.CIDR', (c: IpPrefix) => c.masked());
  env.registerFunction('net.CIDR.prefixLength(): int', (c: IpPrefix) => BigInt(c.bits));
  env.registerOperator('net.CIDR == net.CIDR', (a: IpPrefix, b: IpPrefix) => a.equals(b));
}
