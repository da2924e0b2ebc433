import type { ParsedArgs } from './args.ts';
import { listOption, oneOf, stringOption } from './args.ts';
import { PalisadeError } from '../core/errors.ts';
import { THRESHOLDS } from '../config/schema.ts';
import type { ImageOptions, ScanOptions } from '../scan/run-scan.ts';
import { SCANNERS } from '../scan/scanners.ts';

/** Options shared by `scan` and `baseline`. */
export const COMMON_SCAN_OPTIONS = {
  scanners: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  exceptions: { type: 'string' },
  rules: { type: 'string', multiple: true },
  'skip-rules': { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  output: { type: 'string', short: 'o' },
  'pss-level': { type: 'string' },
  'pss-version': { type: 'string' },
  db: { type: 'string' },
  'db-max-age': { type: 'string' },
  vex: { type: 'string', multiple: true },
  policy: { type: 'string', multiple: true },
  platform: { type: 'string' },
  'ca-file': { type: 'string' },
  'insecure-registry': { type: 'string', multiple: true },
  'no-cache': { type: 'boolean' },
  'helm-values': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const PSS_LEVELS = ['baseline', 'restricted'] as const;
const PSS_VERSION = /^(latest|v1\.\d{1,2})$/;

/** `--pss-level` / `--pss-version`: shorthand for `ruleOptions: { pod-security: { level, version } }`. */
function podSecurityOptions(parsed: ParsedArgs): Record<string, unknown> | undefined {
  const level = stringOption(parsed, 'pss-level');
  const version = stringOption(parsed, 'pss-version');
  if (version !== undefined && !PSS_VERSION.test(version)) throw new PalisadeError('USAGE', `--pss-version must be "latest" or "v1.N" (got "${version}")`);
  if (level === undefined && version === undefined) return undefined;
  return { ...(level === undefined ? {} : { level: oneOf('pss-level', level, PSS_LEVELS) }), ...(version === undefined ? {} : { version }) };
}

/** `--platform`, `--ca-file`, `--insecure-registry`, `--no-cache`: how an image target is fetched. */
function imageOptions(parsed: ParsedArgs): ImageOptions | undefined {
  const platform = stringOption(parsed, 'platform');
  const caFile = stringOption(parsed, 'ca-file');
  const insecureRegistries = listOption(parsed, 'insecure-registry');
  const noCache = parsed.values['no-cache'] === true;
  if (platform === undefined && caFile === undefined && insecureRegistries === undefined && !noCache) return undefined;
  return {
    ...(platform === undefined ? {} : { platform }),
    ...(caFile === undefined ? {} : { caFile }),
    ...(insecureRegistries === undefined ? {} : { insecureRegistries }),
    ...(noCache ? { noCache } : {}),
  };
}

/** Turns parsed flags into scan options (no defaults here: the scan merges flags over the config file). */
export function toScanOptions(parsed: ParsedArgs): ScanOptions {
  if (parsed.positionals.length !== 1) throw new PalisadeError('USAGE', `Expected exactly one target, got ${parsed.positionals.length === 0 ? 'none' : parsed.positionals.join(' ')}`);
  const scanners = listOption(parsed, 'scanners')?.map((scanner) => oneOf('scanners', scanner, SCANNERS));
  const failOn = stringOption(parsed, 'fail-on');
  const config = stringOption(parsed, 'config');
  const exceptions = stringOption(parsed, 'exceptions');
  const baseline = stringOption(parsed, 'baseline');
  const rules = listOption(parsed, 'rules');
  const skipRules = listOption(parsed, 'skip-rules');
  const podSecurity = podSecurityOptions(parsed);
  const databasePath = stringOption(parsed, 'db');
  const databaseMaxAge = stringOption(parsed, 'db-max-age');
  const vex = listOption(parsed, 'vex');
  const policies = listOption(parsed, 'policy');
  const image = imageOptions(parsed);
  return {
    ...(image === undefined ? {} : { image }),
    ...(databasePath === undefined ? {} : { databasePath }),
    ...(databaseMaxAge === undefined ? {} : { databaseMaxAge }),
    ...(vex === undefined ? {} : { vex }),
    ...(policies === undefined ? {} : { policies }),
    ...(podSecurity === undefined ? {} : { ruleOptions: { 'pod-security': podSecurity } }),
    target: parsed.positionals[0] ?? '',
    ...(scanners === undefined ? {} : { scanners }),
    ...(failOn === undefined ? {} : { failOn: oneOf('fail-on', failOn, THRESHOLDS) }),
    ...(config === undefined ? {} : { configPath: config }),
    ...(exceptions === undefined ? {} : { exceptionsPath: exceptions }),
    ...(baseline === undefined ? {} : { baselinePath: baseline }),
    ...(rules === undefined ? {} : { rules }),
    ...(skipRules === undefined ? {} : { skipRules }),
  };
}
