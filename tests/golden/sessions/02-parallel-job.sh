# Example 2: Parallel Job - Batch Processing
kubectl apply -f parallel-job.yaml

# Watch pods being created and completed
kubectl get pods --watch -l app=parallel-processor

# Monitor job progress
kubectl get job parallel-processing-job --watch

# View logs from all workers
kubectl logs -l app=parallel-processor --prefix=true
