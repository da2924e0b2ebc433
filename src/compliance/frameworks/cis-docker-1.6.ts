import { defineFramework } from '../framework.ts';

/** CIS Docker Benchmark v1.6.0, section 4 (container images and build file). */
export const cisDocker16 = defineFramework({
  id: 'cis-docker-1.6',
  title: 'CIS Docker Benchmark v1.6.0',
  url: 'https://www.cisecurity.org/benchmark/docker',
  controls: [
    { id: '4.1', title: 'The image names a non-root user to run as', automation: 'automated' },
    { id: '4.2', title: 'Base images come only from trusted sources', automation: 'partial' },
    { id: '4.3', title: 'The image holds only the packages it needs', automation: 'manual' },
    { id: '4.4', title: 'Images are scanned and rebuilt when patches appear', automation: 'partial' },
    { id: '4.5', title: 'Image signatures are checked before use (content trust)', automation: 'manual' },
    { id: '4.6', title: 'The image declares a HEALTHCHECK', automation: 'automated' },
    { id: '4.7', title: 'Package index updates run together with the install', automation: 'manual' },
    { id: '4.8', title: 'setuid and setgid bits removed from the image', automation: 'manual' },
    { id: '4.9', title: 'COPY used rather than ADD', automation: 'automated' },
    { id: '4.10', title: 'No secrets in the build file or image layers', automation: 'partial' },
    { id: '4.11', title: 'Packages installed only from verified sources', automation: 'manual' },
    { id: '4.12', title: 'Signed artifacts are verified', automation: 'manual' },
  ],
});
