import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (works from src/ and dist/). */
export const TOOL_VERSION: string = readVersion();

function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  throw new Error('package.json has no version');
}
