# kubernetes.io "Handling Pod and container failures": FailJob on a ConfigIssue pod condition
# a client sets with `kubectl patch --subresource=status`, then deleting the pod
kubectl create -f k8s-pod-failure-policy-config-issue.yaml
sleep 20
kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].status.containerStatuses[0].state}'
echo
POD=$(kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].metadata.name}')
cat <<EOF > patch.yaml
status:
  conditions:
  - type: ConfigIssue
    status: "True"
    reason: "NonExistingImage"
    lastTransitionTime: "$(date -u +"%Y-%m-%dT%H:%M:%SZ")"
EOF
kubectl patch pod $POD --subresource=status --patch-file=patch.yaml
kubectl get pod $POD -o jsonpath='{.status.conditions[?(@.type=="ConfigIssue")]}'
echo
kubectl delete pods/$POD
sleep 5
kubectl get jobs -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].status}' | tr ',' '\n'
echo
kubectl patch pod nope --subresource=status -p '{"status":{"conditions":[{"type":"X","status":"True"}]}}'
kubectl patch pod $POD --subresource=bogus -p '{}'
kubectl patch job job-pod-failure-policy-config-issue -p 'metadata: {labels: {team: a}}'
kubectl patch job job-pod-failure-policy-config-issue -p '{"x": 1}' --patch-file=patch.yaml
