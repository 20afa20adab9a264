# Monitoring and Cleanup, then the guide's Cleanup section
kubectl apply -f data-processing-job.yaml
kubectl apply -f parallel-job.yaml
kubectl apply -f job-with-init.yaml
kubectl apply -f job-with-storage.yaml
kubectl apply -f indexed-job.yaml
kubectl apply -f failing-job-demo.yaml
kubectl wait --for=condition=complete job/data-processing-job --timeout=120s
kubectl delete jobs --field-selector status.successful=1
kubectl get jobs
kubectl delete job data-processing-job
kubectl delete job parallel-processing-job
kubectl delete job job-with-init
kubectl delete job job-with-storage
kubectl delete job indexed-job
kubectl delete job failing-job-demo
kubectl delete job sequential-job
kubectl delete job parallel-job-demo
kubectl delete jobs --all
# Verify cleanup
kubectl get jobs
kubectl get pods
