export { GITLAB_SAST_VERSION, gitlabSastReporter } from './gitlab-sast.ts';
