import type { Distribution } from '../model.ts';
import { linesWithOffsets } from '../shared/text.ts';

function unquote(value: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"$|^'([^']*)'$/.exec(value);
  if (match === null) return value;
  return match[2] ?? (match[1] ?? '').replace(/\\(.)/g, '$1');
}

/** `etc/os-release` (or `usr/lib/os-release`): ID, VERSION_ID, VERSION_CODENAME, PRETTY_NAME. Undefined without an ID. */
export function parseOsRelease(text: string): Distribution | undefined {
  const values = new Map<string, string>();
  for (const line of linesWithOffsets(text)) {
    const match = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.text);
    if (match !== null) values.set(match[1] ?? '', unquote((match[2] ?? '').trim()));
  }
  const id = values.get('ID');
  if (id === undefined || id === '') return undefined;
  const codename = values.get('VERSION_CODENAME');
  const prettyName = values.get('PRETTY_NAME');
  return {
    id: id.toLowerCase(),
    versionId: values.get('VERSION_ID') ?? '',
    ...(codename === undefined || codename === '' ? {} : { versionCodename: codename }),
    ...(prettyName === undefined ? {} : { prettyName }),
  };
}

/** The purl `distro` qualifier: `<id>-<version_id>` (e.g. `debian-12`, `alpine-3.20.3`), or the id alone. */
export function distroQualifier(distribution: Distribution): string {
  return distribution.versionId === '' ? distribution.id : `${distribution.id}-${distribution.versionId}`;
}
