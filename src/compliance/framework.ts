/** How far Palisade's rules assess a control: `manual` controls stay in reports as "not assessed". */
export type Automation = 'automated' | 'partial' | 'manual';

export interface Control {
  readonly id: string;
  readonly title: string;
  readonly automation: Automation;
}

export interface Framework {
  /** `<name>-<version>` as used in rule compliance ids (`cis-docker-1.6:4.1`). */
  readonly id: string;
  readonly title: string;
  readonly url: string;
  /** What of the framework the catalogue covers and what it leaves out, for the docs and reports. */
  readonly scope?: string;
  readonly controls: readonly Control[];
}

export function defineFramework(framework: Framework): Framework {
  return Object.freeze({ ...framework, controls: Object.freeze([...framework.controls]) });
}
