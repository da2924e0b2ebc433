import { defineFramework } from '../framework.ts';

/** HIPAA Security Rule, technical and administrative safeguards (45 CFR Part 164). */
export const hipaa = defineFramework({
  id: 'hipaa',
  title: 'HIPAA Security Rule (45 CFR 164 Subpart C)',
  url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C',
  controls: [
    { id: '164.308(a)(1)(ii)(A)', title: 'Risk analysis', automation: 'partial' },
    { id: '164.308(a)(1)(ii)(B)', title: 'Risk management', automation: 'partial' },
    { id: '164.308(a)(4)', title: 'Information access management', automation: 'partial' },
    { id: '164.308(a)(5)(ii)(B)', title: 'Protection from malicious software', automation: 'manual' },
    { id: '164.312(a)(1)', title: 'Access control', automation: 'partial' },
    { id: '164.312(b)', title: 'Audit controls', automation: 'manual' },
    { id: '164.312(c)(1)', title: 'Integrity', automation: 'partial' },
    { id: '164.312(d)', title: 'Person or entity authentication', automation: 'manual' },
    { id: '164.312(e)(1)', title: 'Transmission security', automation: 'partial' },
  ],
});
