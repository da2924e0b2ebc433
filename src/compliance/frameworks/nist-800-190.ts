import { defineFramework } from '../framework.ts';

/** NIST SP 800-190, Application Container Security Guide, section 4 (major risks). */
export const nist800190 = defineFramework({
  id: 'nist-800-190',
  title: 'NIST SP 800-190 Application Container Security Guide',
  url: 'https://csrc.nist.gov/pubs/sp/800/190/final',
  controls: [
    { id: '4.1.1', title: 'Image vulnerabilities', automation: 'partial' },
    { id: '4.1.2', title: 'Image configuration defects', automation: 'partial' },
    { id: '4.1.3', title: 'Embedded malware', automation: 'manual' },
    { id: '4.1.4', title: 'Embedded clear text secrets', automation: 'partial' },
    { id: '4.1.5', title: 'Use of untrusted images', automation: 'partial' },
    { id: '4.2.1', title: 'Insecure connections to registries', automation: 'manual' },
    { id: '4.2.2', title: 'Stale images in registries', automation: 'manual' },
    { id: '4.2.3', title: 'Insufficient authentication and authorization restrictions', automation: 'manual' },
    { id: '4.3.1', title: 'Unbounded administrative access', automation: 'partial' },
    { id: '4.3.2', title: 'Unauthorized access', automation: 'manual' },
    { id: '4.3.3', title: 'Poorly separated inter-container network traffic', automation: 'partial' },
    { id: '4.3.4', title: 'Mixing of workload sensitivity levels', automation: 'manual' },
    { id: '4.3.5', title: 'Orchestrator node trust', automation: 'manual' },
    { id: '4.4.1', title: 'Vulnerabilities within the runtime software', automation: 'manual' },
    { id: '4.4.2', title: 'Unbounded network access from containers', automation: 'partial' },
    { id: '4.4.3', title: 'Insecure container runtime configurations', automation: 'partial' },
    { id: '4.4.4', title: 'App vulnerabilities', automation: 'manual' },
    { id: '4.4.5', title: 'Rogue containers', automation: 'manual' },
  ],
});
