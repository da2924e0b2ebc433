import { defineFramework } from '../framework.ts';

/** CIS Docker Benchmark v1.6.0, section 4 (container images and build file). */
export const cisDocker16 = defineFramework({
  id: 'cis-docker-1.6',
  title: 'CIS Docker Benchmark v1.6.0',
  url: 'https://www.cisecurity.org/benchmark/docker',
  controls: [
    { id: '4.1', title: 'Ensure that a user for the container has been created', automation: 'automated' },
    { id: '4.2', title: 'Ensure that containers use only trusted base images', automation: 'partial' },
    { id: '4.3', title: 'Ensure that unnecessary packages are not installed in the container', automation: 'manual' },
    { id: '4.4', title: 'Ensure images are scanned and rebuilt to include security patches', automation: 'partial' },
    { id: '4.5', title: 'Ensure Content trust for Docker is Enabled', automation: 'manual' },
    { id: '4.6', title: 'Ensure that HEALTHCHECK instructions have been added to container images', automation: 'automated' },
    { id: '4.7', title: 'Ensure update instructions are not used alone in Dockerfiles', automation: 'manual' },
    { id: '4.8', title: 'Ensure setuid and setgid permissions are removed', automation: 'manual' },
    { id: '4.9', title: 'Ensure that COPY is used instead of ADD in Dockerfiles', automation: 'automated' },
    { id: '4.10', title: 'Ensure secrets are not stored in Dockerfiles', automation: 'partial' },
    { id: '4.11', title: 'Ensure only verified packages are installed', automation: 'manual' },
    { id: '4.12', title: 'Ensure all signed artifacts are validated', automation: 'manual' },
  ],
});
