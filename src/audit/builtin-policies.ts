// The built-in audit-log rules: Palisade policies (palisade.dev/v1) on the AuditEvent target, so users
// read, test (`palisade policy test`) and override them like their own. `object` is one audit.k8s.io/v1
// Event. Only requests the API server let through (response code below 400) count.

export const BUILTIN_AUDIT_POLICIES_PATH = 'builtin:audit-policies.yaml';

const OK = "object.?responseStatus.code.orValue(0) < 400";

export const BUILTIN_AUDIT_POLICIES = `apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: audit-exec-into-pod
  annotations:
    palisade.dev/compliance: "nist-800-190:4.3.1,hipaa:164.312(b)"
spec:
  matchConstraints:
    targets: [AuditEvent]
  severity: high
  matchConditions:
    - name: exec-attach-or-port-forward
      expression: "object.?objectRef.resource.orValue('') == 'pods' && object.?objectRef.subresource.orValue('') in ['exec', 'attach', 'portforward'] && ${OK}"
  validations:
    - expression: "false"
      messageExpression: "object.user.username + ' ran ' + object.objectRef.subresource + ' into pod ' + object.?objectRef.namespace.orValue('') + '/' + object.?objectRef.name.orValue('')"
---
apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: audit-secret-read-by-service-account
  annotations:
    palisade.dev/compliance: "cis-k8s-1.9:5.1.2,pci-dss-4.0:7.2.2,hipaa:164.312(a)(1)"
spec:
  matchConstraints:
    targets: [AuditEvent]
  severity: medium
  params:
    # Service accounts of these namespaces read secrets as part of running the cluster.
    allowedNamespaces: [kube-system]
    # Full usernames, e.g. system:serviceaccount:cert-manager:cert-manager.
    allowedServiceAccounts: []
  matchConditions:
    - name: secret-read-by-a-service-account
      expression: "object.?objectRef.resource.orValue('') == 'secrets' && object.verb in ['get', 'list', 'watch'] && object.user.username.startsWith('system:serviceaccount:') && ${OK}"
  validations:
    - expression: "object.user.username.split(':')[2] in params.allowedNamespaces || object.user.username in params.allowedServiceAccounts"
      messageExpression: "'service account ' + object.user.username + ' read secrets' + (has(object.objectRef.name) ? ' ' + object.objectRef.name : '') + ' in namespace ' + object.?objectRef.namespace.orValue('(all)')"
---
apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: audit-privileged-pod-created
  annotations:
    palisade.dev/compliance: "cis-k8s-1.9:5.2.2,cis-k8s-1.9:5.2.12,nist-800-190:4.4.3"
spec:
  matchConstraints:
    targets: [AuditEvent]
  severity: high
  matchConditions:
    - name: pod-created-with-its-body-logged
      expression: "object.verb == 'create' && object.?objectRef.resource.orValue('') == 'pods' && object.?objectRef.subresource.orValue('') == '' && has(object.requestObject) && ${OK}"
  variables:
    - name: spec
      expression: "object.requestObject.?spec.orValue({})"
    - name: containers
      expression: "variables.spec.?containers.orValue([]) + variables.spec.?initContainers.orValue([]) + variables.spec.?ephemeralContainers.orValue([])"
  validations:
    - expression: "!variables.containers.exists(c, c.?securityContext.?privileged.orValue(false))"
      messageExpression: "object.user.username + ' created privileged pod ' + object.?objectRef.namespace.orValue('') + '/' + object.?objectRef.name.orValue(object.requestObject.?metadata.?generateName.orValue(''))"
    - expression: "!variables.spec.?volumes.orValue([]).exists(v, has(v.hostPath))"
      messageExpression: "object.user.username + ' created pod ' + object.?objectRef.namespace.orValue('') + '/' + object.?objectRef.name.orValue(object.requestObject.?metadata.?generateName.orValue('')) + ' with a hostPath volume'"
    - expression: "!(variables.spec.?hostNetwork.orValue(false) || variables.spec.?hostPID.orValue(false) || variables.spec.?hostIPC.orValue(false))"
      messageExpression: "object.user.username + ' created pod ' + object.?objectRef.namespace.orValue('') + '/' + object.?objectRef.name.orValue(object.requestObject.?metadata.?generateName.orValue('')) + ' sharing host namespaces'"
---
apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: audit-cluster-admin-bound
  annotations:
    palisade.dev/compliance: "cis-k8s-1.9:5.1.1,pci-dss-4.0:7.2.2"
spec:
  matchConstraints:
    targets: [AuditEvent]
  severity: critical
  matchConditions:
    - name: binding-written
      expression: "object.verb in ['create', 'update', 'patch'] && object.?objectRef.resource.orValue('') in ['clusterrolebindings', 'rolebindings'] && ${OK}"
  validations:
    - expression: "object.?requestObject.?roleRef.?name.orValue('') != 'cluster-admin'"
      messageExpression: "object.user.username + ' bound cluster-admin in ' + object.objectRef.resource + ' ' + object.?objectRef.name.orValue('')"
---
apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: audit-anonymous-request-allowed
  annotations:
    palisade.dev/compliance: "cis-k8s-1.9:5.1.1,hipaa:164.312(a)(1)"
spec:
  matchConstraints:
    targets: [AuditEvent]
  severity: high
  params:
    # Anonymous access the default system:public-info-viewer role allows.
    publicPaths: [/healthz, /livez, /readyz, /version]
  matchConditions:
    - name: anonymous-and-allowed
      expression: "object.user.username == 'system:anonymous' && ${OK}"
  validations:
    - expression: "object.requestURI.split('?')[0] in params.publicPaths"
      messageExpression: "'anonymous ' + object.verb + ' of ' + object.requestURI + ' was allowed'"
`;
