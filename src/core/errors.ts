/**
 * Every coded error Palisade raises. Codes are documented in docs/errors.md (a test keeps the two
 * in step), are never reused, and callers branch on `code`, never on the message.
 */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'CONFIG_UNREADABLE',
  'EXCEPTIONS_INVALID',
  'BASELINE_INVALID',
  'FILE_UNREADABLE',
  'FILE_TOO_LARGE',
  'LIMIT_EXCEEDED',
  'PARSE_FAILED',
  'TARGET_NOT_FOUND',
  'TARGET_UNSUPPORTED',
  'USAGE',
  'RULE_UNKNOWN',
  'OUTPUT_FAILED',
  'RULE_FAILED',
  'DB_INVALID',
  'DB_UNAVAILABLE',
  'ADVISORY_INVALID',
  'NETWORK_FAILED',
  'IMAGE_INVALID',
  'IMAGE_NOT_FOUND',
  'REGISTRY_AUTH_FAILED',
  'SBOM_INVALID',
  'POLICY_INVALID',
  'KEY_INVALID',
  'SIGNATURE_INVALID',
  'CLUSTER_REQUEST_FAILED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPosition {
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
}

export class PalisadeError extends Error {
  readonly code: ErrorCode;
  readonly position: ErrorPosition | undefined;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions & { position?: ErrorPosition }) {
    super(message, options);
    this.name = 'PalisadeError';
    this.code = code;
    this.position = options?.position;
  }
}

export function isPalisadeError(value: unknown): value is PalisadeError {
  return value instanceof PalisadeError;
}

/** For exhaustive switches: reaching it is a bug. */
export function assertNever(value: never, what: string): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

/** Use instead of the non-null `!`: states why the value must exist. */
export function nullThrows<T>(value: T | null | undefined, reason: string): T {
  if (value === null || value === undefined) throw new Error(`Invariant failed: ${reason}`);
  return value;
}
