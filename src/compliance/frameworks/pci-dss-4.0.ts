import { defineFramework } from '../framework.ts';

/** PCI DSS v4.0 requirements that container build and deployment checks bear on. */
export const pciDss40 = defineFramework({
  id: 'pci-dss-4.0',
  title: 'PCI DSS v4.0',
  url: 'https://www.pcisecuritystandards.org/document_library/',
  controls: [
    { id: '1.3.1', title: 'Only needed inbound traffic reaches cardholder-data systems', automation: 'partial' },
    { id: '2.2.1', title: 'Systems are built to documented hardening standards', automation: 'partial' },
    { id: '2.2.5', title: 'Risky services and protocols are justified and protected', automation: 'partial' },
    { id: '2.2.6', title: 'Security settings are tuned to prevent misuse', automation: 'partial' },
    { id: '3.5.1', title: 'Stored card numbers cannot be read', automation: 'manual' },
    { id: '4.2.1', title: 'Card data crossing public networks is strongly encrypted', automation: 'partial' },
    { id: '6.2.4', title: 'Custom code is written to resist common attacks', automation: 'manual' },
    { id: '6.3.1', title: 'Vulnerabilities are found, rated and tracked', automation: 'partial' },
    { id: '6.3.2', title: 'Custom and third-party software components are inventoried', automation: 'manual' },
    { id: '6.3.3', title: 'Components are patched against known vulnerabilities', automation: 'partial' },
    { id: '6.4.1', title: 'Internet-facing web applications are defended against known attacks', automation: 'manual' },
    { id: '7.2.1', title: 'Access is granted through a defined access-control model', automation: 'partial' },
    { id: '7.2.2', title: 'Each role gets the least access it needs', automation: 'partial' },
    { id: '8.6.2', title: 'No account passwords are hard-coded in scripts or configuration', automation: 'partial' },
    { id: '10.2.1', title: 'Audit logging is on for every system component', automation: 'manual' },
    { id: '11.3.1', title: 'Internal vulnerability scans run regularly and their findings are fixed', automation: 'partial' },
  ],
});
