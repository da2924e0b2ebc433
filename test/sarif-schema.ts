// Validation against the official OASIS SARIF 2.1.0 schema (draft-04), read from ../shared because
// its licence keeps it out of the repository. Tests that use it skip where it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';

export const OFFICIAL_SARIF_SCHEMA = new URL('../../shared/corpora/schemas/sarif/sarif-schema-2.1.0.json', import.meta.url);

/** `false` when the schema is there, else the reason to skip (for `it(…, { skip })`). */
export const sarifSchemaMissing: false | string = existsSync(OFFICIAL_SARIF_SCHEMA) ? false : `the official SARIF schema is not at ${fileURLToPath(OFFICIAL_SARIF_SCHEMA)}`;

/** RFC 3986 URI-reference characters only (no raw spaces or non-ASCII), percent signs followed by two hex digits. */
export const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

// ajv-draft-04 is CommonJS: the default import is `module.exports`, whose `default` is the Ajv class.
const AjvDraft04 = ajvDraft04.default;

/** A validator that returns one line per schema violation (empty when valid). */
export function officialSarifValidator(): (value: unknown) => string[] {
  const ajv = new AjvDraft04({
    allErrors: true,
    strict: false,
    formats: {
      uri: (value: string) => URI_REFERENCE.test(value) && URL.canParse(value),
      'uri-reference': (value: string) => URI_REFERENCE.test(value),
      'date-time': (value: string) => !Number.isNaN(Date.parse(value)),
    },
  });
  const validate = ajv.compile(JSON.parse(readFileSync(OFFICIAL_SARIF_SCHEMA, 'utf8')));
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`));
}
