import { gitlabSastReporter } from './gitlab-sast.ts';
import { jsonReporter } from './json.ts';
import { junitReporter } from './junit.ts';
import { markdownReporter } from './markdown.ts';
import type { ReportFormat } from './formats.ts';
import type { Reporter } from './reporter.ts';
import { sarifReporter } from './sarif.ts';
import { tableReporter } from './table.ts';

export type { Reporter, ReporterOptions } from './reporter.ts';
export { GITLAB_SAST_VERSION, gitlabSastReporter } from './gitlab-sast.ts';
export { jsonReporter } from './json.ts';
export { REPORT_SCHEMA_ID, validateReport } from './json-schema.ts';
export { junitReporter } from './junit.ts';
export { markdownReporter } from './markdown.ts';
export { sarifReporter } from './sarif.ts';
export { tableReporter } from './table.ts';

export type { ReportFormat } from './formats.ts';
export { REPORT_FORMATS, loadReporter } from './formats.ts';

/** The reporters by format name (STYLE 3.10): pure `(report, options) => string` functions. */
export const reporters: Readonly<Record<ReportFormat, Reporter>> = Object.freeze({
  table: tableReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  'gitlab-sast': (report, options) => gitlabSastReporter(report, options),
});
