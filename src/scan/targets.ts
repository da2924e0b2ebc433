import { resolve } from 'node:path';
import { PalisadeError } from '../core/index.ts';
import { resolveTarget } from '../core/walk.ts';

/**
 * What a scan reads: a directory or file; an image (`oci:`, `docker-archive:`, `docker://`, as
 * skopeo writes them); an SBOM (`sbom:<file>`); or a Kubernetes audit log (`audit:<file>`, JSON lines).
 * For images, SBOMs and audit logs the configuration, the
 * exceptions and the baseline are looked up in the working directory.
 */
export type ScanTarget =
  | { readonly kind: 'path'; readonly root: string }
  | { readonly kind: 'image'; readonly reference: string; readonly root: string }
  | { readonly kind: 'sbom'; readonly file: string; readonly root: string }
  | { readonly kind: 'audit'; readonly file: string; readonly root: string };

const IMAGE_PREFIX = /^(?:oci|docker-archive):|^docker:\/\//;

export function resolveScanTarget(target: string, cwd: string = process.cwd()): ScanTarget {
  if (IMAGE_PREFIX.test(target)) return { kind: 'image', reference: target, root: resolve(cwd) };
  if (target.startsWith('sbom:')) {
    const file = target.slice('sbom:'.length);
    if (file === '') throw new PalisadeError('USAGE', 'sbom: needs a file, as in sbom:bom.cdx.json');
    return { kind: 'sbom', file: resolve(cwd, file), root: resolve(cwd) };
  }
  if (target.startsWith('audit:')) {
    const file = target.slice('audit:'.length);
    if (file === '') throw new PalisadeError('USAGE', 'audit: needs a file, as in audit:/var/log/kubernetes/audit.log');
    return { kind: 'audit', file: resolve(cwd, file), root: resolve(cwd) };
  }
  try {
    return { kind: 'path', ...resolveTarget(target) };
  } catch (error) {
    throw new PalisadeError('TARGET_NOT_FOUND', `Target "${target}" does not exist or cannot be read`, { cause: error });
  }
}
