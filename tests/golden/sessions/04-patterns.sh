# Advanced Job Patterns: init container, shared volume, Indexed
kubectl apply -f job-with-init.yaml
kubectl apply -f job-with-storage.yaml
kubectl apply -f indexed-job.yaml
kubectl get pods --watch
kubectl get jobs
kubectl logs job/job-with-init -c setup
kubectl logs job/job-with-storage
kubectl logs -l job-name=indexed-job --prefix
kubectl describe job indexed-job
