# kubernetes.io "Indexed Job for Parallel Processing with Static Work Assignment": a bash init
# container picks its item from an array by $JOB_COMPLETION_INDEX, the worker reverses it
kubectl apply -f k8s-indexed-job.yaml
sleep 3
kubectl describe jobs/indexed-job
sleep 30
kubectl get pods -l job-name=indexed-job
kubectl logs $(kubectl get pods -l batch.kubernetes.io/job-completion-index=3 -o name) -c worker
for p in $(kubectl get pods -l job-name=indexed-job -o name); do kubectl logs $p -c worker; done
kubectl describe jobs/indexed-job | grep -E "Pods Statuses|Completed Indexes"
