import type { Platform } from './types.ts';

const ARCHITECTURES: Readonly<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
};

/** The platform images are selected for by default: Linux on the host's CPU, in OCI names. */
export function hostPlatform(arch: string = process.arch): Platform {
  const architecture = ARCHITECTURES[arch] ?? arch;
  return architecture === 'arm' ? { os: 'linux', architecture, variant: 'v7' } : { os: 'linux', architecture };
}

/** `linux/arm64/v8` → Platform; undefined when the text has fewer than two parts. */
export function parsePlatform(text: string): Platform | undefined {
  const [os, architecture, variant, ...rest] = text.split('/');
  if (os === undefined || os === '' || architecture === undefined || architecture === '' || rest.length > 0) return undefined;
  return variant === undefined || variant === '' ? { os, architecture } : { os, architecture, variant };
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== undefined && part !== '').join('/');
}

function normalVariant(platform: Platform): string | undefined {
  if (platform.architecture === 'arm64' && (platform.variant === undefined || platform.variant === 'v8')) return undefined;
  return platform.variant === '' ? undefined : platform.variant;
}

/**
 * Whether an index entry's platform serves the wanted one. A wanted variant must match (arm64 and
 * arm64/v8 are the same); a wanted platform without a variant accepts any variant.
 */
export function platformMatches(wanted: Platform, candidate: Platform): boolean {
  if (wanted.os !== candidate.os || wanted.architecture !== candidate.architecture) return false;
  const wantedVariant = normalVariant(wanted);
  return wantedVariant === undefined || wantedVariant === normalVariant(candidate);
}
