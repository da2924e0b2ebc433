// GitLab's SAST report is an output format (`--format gitlab-sast`); re-exported here for API users.
export { GITLAB_SAST_VERSION, gitlabSastReporter } from '../report/index.ts';
