# kubernetes.io "Sidecar containers": a logshipper init container with restartPolicy Always
kubectl apply -f k8s-job-sidecar.yaml
sleep 1.5
kubectl get pods -l job-name=myjob
sleep 1.5
kubectl get pods -l job-name=myjob
kubectl describe pod -l job-name=myjob | grep -A3 "^Conditions"
kubectl get jobs
kubectl wait --for=condition=complete job/myjob --timeout=2m
kubectl get pods -l job-name=myjob
kubectl get events --field-selector involvedObject.kind=Pod -o custom-columns=REASON:.reason,MESSAGE:.message
