import { appArmorProfileCheck } from '../pod-security/checks/app-armor-profile.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `appArmorProfile` (baseline). */
export const noUnconfinedApparmorProfile = definePodSecurityRule(appArmorProfileCheck, {
  id: 'K8S-0103',
  slug: 'no-unconfined-apparmor-profile',
  title: 'Pod or container overrides the default AppArmor profile',
  severity: 'medium',
  description:
    'On nodes with AppArmor, containers run under the runtime\'s default profile. Setting the profile to `Unconfined` (or the deprecated annotation to `unconfined`) removes that confinement.',
  remediation: 'Set `securityContext.appArmorProfile.type` to `RuntimeDefault` or `Localhost` (or remove it), and drop `container.apparmor.security.beta.kubernetes.io/*` annotations that are not `runtime/default` or `localhost/*`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tutorials/security/apparmor/'],
  aliases: [{ tool: 'trivy', id: 'KSV002', relation: 'similar' }],
  compliance: ['cis-docker-1.6:5.2', 'cis-k8s-1.9:5.7.3', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/hardening-container-environments', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      '(variables.podSpec.?securityContext.?appArmorProfile.orValue(null) == null || variables.podSpec.?securityContext.?appArmorProfile.?type.orValue("") in ["RuntimeDefault", "Localhost"]) && variables.containers.all(c, (c.?securityContext.?appArmorProfile.orValue(null) == null || c.?securityContext.?appArmorProfile.?type.orValue("") in ["RuntimeDefault", "Localhost"])) && variables.podMetadata.?annotations.orValue({}).all(k, !k.startsWith("container.apparmor.security.beta.kubernetes.io/") || variables.podMetadata.?annotations.orValue({})[k] in ["", "runtime/default"] || variables.podMetadata.?annotations.orValue({})[k].startsWith("localhost/"))',
    message:
      '"AppArmor profiles (fields and container.apparmor.security.beta.kubernetes.io annotations) must be RuntimeDefault or Localhost."',
  },
  messages: {
    podProfile: 'The pod must not set securityContext.appArmorProfile.type to "{type}"; use RuntimeDefault or Localhost (PodSecurity "{policy}").',
    containerProfile: 'Container "{container}" must not set securityContext.appArmorProfile.type to "{type}"; use RuntimeDefault or Localhost (PodSecurity "{policy}").',
    annotation: 'Annotation {key}="{value}" is forbidden; use runtime/default or localhost/<profile> (PodSecurity "{policy}").',
  },
});
