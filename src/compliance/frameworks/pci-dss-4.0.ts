import { defineFramework } from '../framework.ts';

/** PCI DSS v4.0 requirements that container build and deployment checks bear on. */
export const pciDss40 = defineFramework({
  id: 'pci-dss-4.0',
  title: 'PCI DSS v4.0',
  url: 'https://www.pcisecuritystandards.org/document_library/',
  controls: [
    { id: '1.3.1', title: 'Inbound traffic to the CDE is restricted to only that which is necessary', automation: 'partial' },
    { id: '2.2.1', title: 'Configuration standards are developed, implemented, and maintained', automation: 'partial' },
    { id: '2.2.5', title: 'Insecure services, protocols, or daemons are justified and secured', automation: 'partial' },
    { id: '2.2.6', title: 'System security parameters are configured to prevent misuse', automation: 'partial' },
    { id: '3.5.1', title: 'PAN is rendered unreadable anywhere it is stored', automation: 'manual' },
    { id: '4.2.1', title: 'Strong cryptography protects PAN during transmission over open, public networks', automation: 'partial' },
    { id: '6.2.4', title: 'Software engineering techniques prevent or mitigate common attacks in bespoke software', automation: 'manual' },
    { id: '6.3.1', title: 'Security vulnerabilities are identified, ranked by risk and managed', automation: 'partial' },
    { id: '6.3.2', title: 'An inventory of bespoke software and third-party components is maintained', automation: 'manual' },
    { id: '6.3.3', title: 'Known vulnerabilities are addressed by installing applicable security patches', automation: 'partial' },
    { id: '6.4.1', title: 'Public-facing web applications are protected against known attacks', automation: 'manual' },
    { id: '7.2.1', title: 'An access control model is defined and includes granting access appropriately', automation: 'partial' },
    { id: '7.2.2', title: 'Access is assigned based on job classification and least privileges', automation: 'partial' },
    { id: '8.6.2', title: 'Passwords for application and system accounts are not hard coded in scripts or configuration files', automation: 'partial' },
    { id: '10.2.1', title: 'Audit logs are enabled and active for all system components', automation: 'manual' },
    { id: '11.3.1', title: 'Internal vulnerability scans are run regularly and findings resolved', automation: 'partial' },
  ],
});
