import type { Report } from '../core/index.ts';

/** How a reporter renders; more options may come, so this stays an interface. */
export interface ReporterOptions {
  /** Use ANSI colours (only the terminal table uses them). */
  readonly color: boolean;
}

/** A reporter is a pure function from the report to the text of one output format. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
