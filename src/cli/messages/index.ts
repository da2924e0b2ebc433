import type { ErrorCode } from '../../core/index.ts';

/**
 * What the user reads for each error code: what happened ({message}), and what to do next.
 * Kept apart from the code that raises errors (ESLint's messages/ idea).
 */
export const ERROR_MESSAGES = {
  CONFIG_INVALID: 'Invalid configuration:\n{message}\nFix the file; see docs/configuration.md for every key.',
  CONFIG_UNREADABLE: '{message}. Check the path given to --config.',
  EXCEPTIONS_INVALID: 'Invalid exceptions file:\n{message}\nSee docs/exceptions.md for the format.',
  BASELINE_INVALID: 'Invalid baseline:\n{message}\nCreate one with `palisade baseline <target> -o <file>`.',
  FILE_UNREADABLE: '{message}',
  FILE_TOO_LARGE: '{message}',
  LIMIT_EXCEEDED: '{message}',
  PARSE_FAILED: '{message}',
  TARGET_NOT_FOUND: '{message}. Give a directory or a file to scan.',
  TARGET_UNSUPPORTED: '{message}',
  USAGE: '{message}\nRun `palisade --help` for usage.',
  RULE_UNKNOWN: '{message}',
  OUTPUT_FAILED: 'Could not write the report: {message}',
  RULE_FAILED: '{message}',
  DB_INVALID: 'Advisory database problem: {message}',
  DB_UNAVAILABLE: '{message}\nImport advisories with `palisade db import <dir|zip>` or fetch them with `palisade db update`.',
  ADVISORY_INVALID: '{message}',
  NETWORK_FAILED: '{message}',
  IMAGE_INVALID: '{message}',
  IMAGE_NOT_FOUND: '{message}',
  REGISTRY_AUTH_FAILED: '{message}\nCheck the credentials in your Docker config (`auths` or a credential helper).',
  SBOM_INVALID: '{message}',
  POLICY_INVALID: '{message}',
  KEY_INVALID: '{message}\nSee docs/signing.md for the key formats Palisade reads.',
  SIGNATURE_INVALID: '{message}',
  CLUSTER_REQUEST_FAILED: '{message}',
} as const satisfies Record<ErrorCode, string>;

/** Exit code 2 (usage or configuration) for these; anything else unexpected is 3. */
export const USAGE_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'CONFIG_INVALID',
  'CONFIG_UNREADABLE',
  'EXCEPTIONS_INVALID',
  'BASELINE_INVALID',
  'TARGET_NOT_FOUND',
  'TARGET_UNSUPPORTED',
  'USAGE',
  'RULE_UNKNOWN',
  'OUTPUT_FAILED',
  'DB_UNAVAILABLE',
  'DB_INVALID',
  'ADVISORY_INVALID',
  'NETWORK_FAILED',
  'IMAGE_INVALID',
  'IMAGE_NOT_FOUND',
  'REGISTRY_AUTH_FAILED',
  'SBOM_INVALID',
  'POLICY_INVALID',
  'KEY_INVALID',
  'SIGNATURE_INVALID',
]);

export function renderError(code: ErrorCode, message: string): string {
  return ERROR_MESSAGES[code].replace('{message}', message);
}
