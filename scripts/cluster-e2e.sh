#!/usr/bin/env bash
# End-to-end check of Palisade's cluster side on a real, throw-away kind cluster (docs/cluster-e2e.md):
# `palisade cluster scan|images|who-can` on live objects, `palisade watch` finding the registry's
# repositories through the catalog API and saying where an affected digest runs, and
# `palisade audit serve` receiving the API server's audit webhook and alerting on `kubectl exec`.
#
# Needs: docker, kind (>= 0.20), kubectl, openssl, curl, and Palisade (this repository with
# `npm ci` run, or PALISADE="palisade" for an installed one). Creates the kind cluster
# $CLUSTER (default palisade-e2e) and a registry container; both are deleted on exit unless KEEP=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER="${CLUSTER:-palisade-e2e}"
REGISTRY_NAME="${CLUSTER}-registry"
REGISTRY_PORT="${REGISTRY_PORT:-5001}"
AUDIT_PORT="${AUDIT_PORT:-8443}"
IMAGE="${IMAGE:-alpine:3.19}"
PALISADE="${PALISADE:-node ${ROOT}/bin/palisade.js}"
export PATH="${ROOT}/node_modules/.bin:${PATH}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/palisade-e2e.XXXXXX")"
AUDIT_PID=""

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
palisade() { ${PALISADE} "$@"; }

cleanup() {
  local code=$?
  [ -n "${AUDIT_PID}" ] && kill "${AUDIT_PID}" 2>/dev/null || true
  if [ "${KEEP:-0}" != 1 ]; then
    kind delete cluster --name "${CLUSTER}" >/dev/null 2>&1 || true
    docker rm -f "${REGISTRY_NAME}" >/dev/null 2>&1 || true
    rm -rf "${WORK}"
  else
    echo "KEEP=1: cluster ${CLUSTER}, registry ${REGISTRY_NAME} and ${WORK} are left in place"
  fi
  [ "${code}" = 0 ] && echo "PASS" || echo "FAILED (exit ${code}); the audit webhook log is in ${WORK}/audit-serve.log when KEEP=1"
}
trap cleanup EXIT

for tool in docker kind kubectl openssl curl; do
  command -v "${tool}" >/dev/null || fail "${tool} is not installed"
done

say "network, registry and a test image"
docker network inspect kind >/dev/null 2>&1 || docker network create kind >/dev/null
GATEWAY="$(docker network inspect kind --format '{{range .IPAM.Config}}{{.Gateway}} {{end}}' | tr ' ' '\n' | grep -E '^[0-9.]+$' | head -n1)"
[ -n "${GATEWAY}" ] || fail "no IPv4 gateway on the docker network kind"
docker run -d --restart=no --name "${REGISTRY_NAME}" --network kind -p "127.0.0.1:${REGISTRY_PORT}:5000" registry:2 >/dev/null
docker pull -q "${IMAGE}" >/dev/null
docker tag "${IMAGE}" "localhost:${REGISTRY_PORT}/e2e/app:1.0"
docker push -q "localhost:${REGISTRY_PORT}/e2e/app:1.0" >/dev/null
DIGEST="$(docker inspect --format '{{index .RepoDigests 0}}' "localhost:${REGISTRY_PORT}/e2e/app:1.0" | sed 's/.*@//')"
echo "pushed localhost:${REGISTRY_PORT}/e2e/app:1.0 (${DIGEST})"

say "audit webhook: certificate, token, policy, webhook kubeconfig"
mkdir -p "${WORK}/audit"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -keyout "${WORK}/audit/tls.key" -out "${WORK}/audit/tls.crt" -subj "/CN=palisade-audit" \
  -addext "subjectAltName=IP:${GATEWAY},IP:127.0.0.1" 2>/dev/null
PALISADE_AUDIT_TOKEN="$(openssl rand -hex 24)"
export PALISADE_AUDIT_TOKEN
cat > "${WORK}/audit/policy.yaml" <<'YAML'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    users: ["system:kube-proxy", "system:kube-scheduler", "system:kube-controller-manager"]
  - level: Request
    resources:
      - group: ""
        resources: ["pods", "pods/exec", "pods/attach", "pods/portforward"]
      - group: rbac.authorization.k8s.io
        resources: ["rolebindings", "clusterrolebindings"]
  - level: Metadata
YAML
cat > "${WORK}/audit/webhook.yaml" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: palisade
    cluster:
      server: https://${GATEWAY}:${AUDIT_PORT}
      certificate-authority: /etc/kubernetes/palisade/tls.crt
users:
  - name: kube-apiserver
    user: { token: "${PALISADE_AUDIT_TOKEN}" }
contexts:
  - name: default
    context: { cluster: palisade, user: kube-apiserver }
current-context: default
YAML

say "palisade audit serve on ${GATEWAY}:${AUDIT_PORT}"
${PALISADE} audit serve --listen "0.0.0.0:${AUDIT_PORT}" --tls-cert "${WORK}/audit/tls.crt" --tls-key "${WORK}/audit/tls.key" \
  --token-env PALISADE_AUDIT_TOKEN >"${WORK}/audit-alerts.jsonl" 2>"${WORK}/audit-serve.log" &
AUDIT_PID=$!
for _ in $(seq 1 50); do
  curl -fsk "https://127.0.0.1:${AUDIT_PORT}/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsk "https://127.0.0.1:${AUDIT_PORT}/healthz" >/dev/null || fail "palisade audit serve did not start: $(cat "${WORK}/audit-serve.log")"

say "kind cluster ${CLUSTER} with the audit webhook and the local registry"
cat > "${WORK}/kind.yaml" <<YAML
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
containerdConfigPatches:
  - |-
    [plugins."io.containerd.grpc.v1.cri".registry]
      config_path = "/etc/containerd/certs.d"
nodes:
  - role: control-plane
    extraMounts:
      - { hostPath: "${WORK}/audit", containerPath: /etc/kubernetes/palisade, readOnly: true }
    kubeadmConfigPatches:
      - |
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            audit-policy-file: /etc/kubernetes/palisade/policy.yaml
            audit-webhook-config-file: /etc/kubernetes/palisade/webhook.yaml
            audit-webhook-batch-max-wait: 1s
          extraVolumes:
            - name: palisade
              hostPath: /etc/kubernetes/palisade
              mountPath: /etc/kubernetes/palisade
              readOnly: true
              pathType: Directory
YAML
kind create cluster --name "${CLUSTER}" --config "${WORK}/kind.yaml" --kubeconfig "${WORK}/kubeconfig" --wait 120s
export KUBECONFIG="${WORK}/kubeconfig"
for node in $(kind get nodes --name "${CLUSTER}"); do
  docker exec "${node}" mkdir -p "/etc/containerd/certs.d/localhost:${REGISTRY_PORT}"
  printf '[host."http://%s:5000"]\n' "${REGISTRY_NAME}" | docker exec -i "${node}" cp /dev/stdin "/etc/containerd/certs.d/localhost:${REGISTRY_PORT}/hosts.toml"
done

say "workloads"
kubectl create namespace prod
kubectl -n prod create deployment payments --image="localhost:${REGISTRY_PORT}/e2e/app:1.0" -- sleep 86400
kubectl -n prod rollout status deployment/payments --timeout=120s
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata: { name: palisade, namespace: default }
YAML
palisade cluster rbac | kubectl apply -f -
kubectl create clusterrolebinding palisade-reader --clusterrole=palisade-reader --serviceaccount=default:palisade
# Palisade reads with that service account only: the read-only role must be enough.
SERVER="$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
kubectl config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > "${WORK}/cluster-ca.crt"
cat > "${WORK}/reader.kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters: [{ name: kind, cluster: { server: "${SERVER}", certificate-authority: "${WORK}/cluster-ca.crt" } }]
users: [{ name: palisade, user: { token: "$(kubectl create token palisade --duration=1h)" } }]
contexts: [{ name: reader, context: { cluster: kind, user: palisade } }]
current-context: reader
YAML

say "palisade cluster scan / images / who-can"
set +e
palisade cluster scan --kubeconfig "${WORK}/reader.kubeconfig" -f json -o "${WORK}/cluster-scan.json"
scan_code=$?
set -e
[ "${scan_code}" -le 1 ] || fail "cluster scan exited ${scan_code}"
grep -q '"ruleId"' "${WORK}/cluster-scan.json" || fail "cluster scan reported no findings (the default kind objects have some)"
palisade cluster images --kubeconfig "${WORK}/reader.kubeconfig" -f json > "${WORK}/images.json"
grep -q "${DIGEST}" "${WORK}/images.json" || fail "cluster images does not list ${DIGEST}"
set +e
palisade cluster who-can --kubeconfig "${WORK}/reader.kubeconfig" -f json > "${WORK}/who-can.json"
who_code=$?
set -e
[ "${who_code}" -le 1 ] || fail "who-can exited ${who_code}"
grep -q 'cluster-admin' "${WORK}/who-can.json" || fail "who-can does not show the cluster-admin subjects"

say "palisade watch: catalog, SBOM once, advisory import, alert with where it runs"
PACKAGE="$(docker run --rm "${IMAGE}" sh -c 'apk info -v 2>/dev/null | grep "^busybox-[0-9]" | head -n1')"
VERSION="${PACKAGE#busybox-}"
FIXED="${VERSION%-r*}-r999"
ALPINE="$(docker run --rm "${IMAGE}" sh -c '. /etc/os-release; echo "v${VERSION_ID%.*}"')"
mkdir -p "${WORK}/advisories"
cat > "${WORK}/advisories/PALISADE-E2E-0001.json" <<JSON
{"schema_version": "1.6.0", "id": "PALISADE-E2E-0001", "modified": "2026-11-27T00:00:00Z",
 "summary": "busybox test advisory (e2e)",
 "affected": [{"package": {"ecosystem": "Alpine:${ALPINE}", "name": "busybox"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "${FIXED}"}]}]}]}
JSON
cat > "${WORK}/watch.yaml" <<YAML
store: watch.db
database: advisories.db
repositories: ["localhost:${REGISTRY_PORT}/*"]
insecureRegistries: ["localhost:${REGISTRY_PORT}"]
sinks: [stdout]
cluster: { kubeconfig: ${WORK}/reader.kubeconfig }
YAML
mkdir -p "${WORK}/unrelated"
cat > "${WORK}/unrelated/PALISADE-E2E-0000.json" <<'JSON'
{"schema_version": "1.6.0", "id": "PALISADE-E2E-0000", "modified": "2026-11-27T00:00:00Z", "summary": "nothing in the image",
 "affected": [{"package": {"ecosystem": "npm", "name": "palisade-e2e-unrelated"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
JSON
palisade db import "${WORK}/unrelated" --db "${WORK}/advisories.db" >/dev/null
set +e
palisade watch --config "${WORK}/watch.yaml" --once > "${WORK}/watch-1.jsonl"
set -e
palisade db import "${WORK}/advisories" --db "${WORK}/advisories.db" >/dev/null
set +e
palisade watch --config "${WORK}/watch.yaml" --once > "${WORK}/watch-2.jsonl"
second=$?
palisade watch --config "${WORK}/watch.yaml" --once > "${WORK}/watch-3.jsonl"
third=$?
set -e
[ "${second}" = 1 ] || fail "the pass after the import should raise alerts (exit ${second})"
grep -q '"vulnerability":"PALISADE-E2E-0001"' "${WORK}/watch-2.jsonl" || fail "no alert for PALISADE-E2E-0001"
grep -q '"runningIn":\["prod/payments' "${WORK}/watch-2.jsonl" || fail "the alert does not say it runs in prod/payments"
[ "${third}" = 0 ] && [ ! -s "${WORK}/watch-3.jsonl" ] || fail "a third pass raised alerts again"

say "audit: kubectl exec raises audit-exec-into-pod"
kubectl -n prod exec deploy/payments -- true
for _ in $(seq 1 30); do
  grep -q '"vulnerability":"audit-exec-into-pod"' "${WORK}/audit-alerts.jsonl" && break
  sleep 1
done
grep -q '"vulnerability":"audit-exec-into-pod"' "${WORK}/audit-alerts.jsonl" || fail "no audit-exec-into-pod alert (see ${WORK}/audit-serve.log)"
echo "audit alerts: $(wc -l < "${WORK}/audit-alerts.jsonl")"
