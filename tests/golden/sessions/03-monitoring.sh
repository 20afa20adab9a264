# Job Status and Monitoring (the guide's <job-name> is data-processing-job)
kubectl apply -f data-processing-job.yaml
sleep 10
kubectl get jobs
kubectl get jobs -o wide
kubectl get pods -l job-name=data-processing-job
kubectl logs job/data-processing-job
kubectl get jobs --watch
kubectl describe job data-processing-job
kubectl get job data-processing-job -o yaml
