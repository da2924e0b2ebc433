// The output formats, and each reporter loaded on its own: `palisade scan` renders one format, and
// the configuration schema names them all, so neither loads every reporter (index.ts does).
import type { Reporter } from './reporter.ts';

/** Every output format, in the order `--format` help lists them. */
export const REPORT_FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown', 'gitlab-sast'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

const LOADERS: Readonly<Record<ReportFormat, () => Promise<Reporter>>> = {
  table: async () => (await import('./table.ts')).tableReporter,
  json: async () => (await import('./json.ts')).jsonReporter,
  sarif: async () => (await import('./sarif.ts')).sarifReporter,
  junit: async () => (await import('./junit.ts')).junitReporter,
  markdown: async () => (await import('./markdown.ts')).markdownReporter,
  'gitlab-sast': async () => {
    const { gitlabSastReporter } = await import('./gitlab-sast.ts');
    return (report, options) => gitlabSastReporter(report, options);
  },
};

/** The reporter of one format (the same function as `reporters[format]`), loading only its module. */
export function loadReporter(format: ReportFormat): Promise<Reporter> {
  return LOADERS[format]();
}
