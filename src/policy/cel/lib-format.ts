/**
 * Kubernetes format library: `format.<name>()` and `format.named(name)` return a format whose
 * `validate(string)` gives `optional.none()` when valid and `optional.of([errors])` otherwise.
 * The checks and messages follow k8s.io/apimachinery/pkg/util/validation.
 */
import { Optional } from '@marcbachmann/cel-js';
import type { Environment } from '@marcbachmann/cel-js';
import { chargeSize } from './cost.ts';

type Validator = (value: string) => string[];

export class NamedFormat {
  readonly name: string;
  readonly check: Validator;

  constructor(name: string, check: Validator) {
    this.name = name;
    this.check = check;
  }

  toString(): string {
    return this.name;
  }
}

class FormatNamespace {}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';

function regexError(message: string, format: string, examples: readonly string[]): string {
  const shown = examples.map((e) => `'${e}'`).join(', or ');
  return `${message} (e.g. ${shown}, regex used for validation is '${format}')`;
}

function pattern(format: string, maxLength: number, message: string, examples: readonly string[]): Validator {
  const re = new RegExp(`^${format}$`);
  return (value) => {
    const errors: string[] = [];
    if (value.length > maxLength) errors.push(`must be no more than ${maxLength} characters`);
    if (!re.test(value)) errors.push(regexError(message, format, examples));
    return errors;
  };
}

const dns1123Label = pattern(DNS1123_LABEL, 63, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", ['my-name', '123-abc']);
const dns1123Subdomain = pattern(DNS1123_SUBDOMAIN, 253, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", ['example.com']);
const dns1035Label = pattern(DNS1035_LABEL, 63, "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", ['my-name', 'abc-123']);
const labelValue = pattern(LABEL_VALUE, 63, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", ['MyValue', 'my_value', '12345']);

/** A prefix of a generated name: may end with '-' (the generator appends a suffix). */
function prefixed(check: Validator): Validator {
  return (value) => check(value.endsWith('-') ? `${value.slice(0, -1)}a` : value);
}

function qualifiedName(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyName', 'my.name', '123-abc'])];
  }
  const name = parts.at(-1) ?? '';
  const errors: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') errors.push('prefix part must be non-empty');
    else errors.push(...dns1123Subdomain(prefix).map((e) => `prefix part ${e}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push('name part must be no more than 63 characters');
  if (name !== '' && !new RegExp(`^${QUALIFIED_NAME}$`).test(name)) {
    errors.push(`name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyName', 'my.name', '123-abc'])}`);
  }
  return errors;
}

function uri(value: string): string[] {
  return URL.canParse(value) ? [] : ['invalid URI'];
}

function uuid(value: string): string[] {
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value) ? [] : ['does not match the UUID format'];
}

function byteFormat(value: string): string[] {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value) ? [] : ['invalid base64'];
}

function date(value: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return ['invalid date'];
  const parsed = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value ? ['invalid date'] : [];
}

function datetime(value: string): string[] {
  const ok = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')));
  return ok ? [] : ['invalid datetime'];
}

const FORMATS: ReadonlyMap<string, Validator> = new Map<string, Validator>([
  ['dns1123Label', dns1123Label],
  ['dns1123Subdomain', dns1123Subdomain],
  ['dns1035Label', dns1035Label],
  ['qualifiedName', qualifiedName],
  ['dns1123LabelPrefix', prefixed(dns1123Label)],
  ['dns1123SubdomainPrefix', prefixed(dns1123Subdomain)],
  ['dns1035LabelPrefix', prefixed(dns1035Label)],
  ['labelValue', labelValue],
  ['uri', uri],
  ['uuid', uuid],
  ['byte', byteFormat],
  ['date', date],
  ['datetime', datetime],
]);

export function registerFormat(env: Environment): void {
  env.registerType('FormatNamespace', FormatNamespace);
  env.registerType('net.NamedFormat', NamedFormat);
  env.registerConstant('format', 'FormatNamespace', new FormatNamespace());
  for (const [name, check] of FORMATS) {
    const instance = new NamedFormat(name, check);
    env.registerFunction(`FormatNamespace.${name}(): net.NamedFormat`, () => instance);
  }
  env.registerFunction('FormatNamespace.named(string): optional<net.NamedFormat>', (_ns: unknown, name: string) => {
    const check = FORMATS.get(name);
    return check === undefined ? Optional.none() : Optional.of(new NamedFormat(name, check));
  });
  env.registerFunction('net.NamedFormat.validate(string): optional<list<string>>', (f: NamedFormat, value: string) => {
    chargeSize(value.length);
    const errors = f.check(value);
    return errors.length === 0 ? Optional.none() : Optional.of(errors);
  });
}
