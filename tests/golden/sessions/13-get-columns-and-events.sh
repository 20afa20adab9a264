# kubectl get beyond the guide: repeated -L columns, and events as the API server serves them
# (the scheduler's events.k8s.io/v1 Scheduled event, the job controller's empty reportingInstance)
kubectl apply -f k8s-pi.yaml
sleep 30
kubectl get pods -L job-name -L batch.kubernetes.io/controller-uid,app
kubectl get events -o wide
kubectl get events --field-selector involvedObject.kind=Job -o yaml
kubectl get events --field-selector reason=Scheduled -o json
