# Example 1: Basic Job - File Processing
# Create the job
kubectl apply -f data-processing-job.yaml

# Watch job progress
kubectl get jobs --watch

# Check job details
kubectl describe job data-processing-job

# View pod logs
kubectl logs -l job=data-processing

# Check job status
kubectl get job data-processing-job -o yaml | grep -A 10 "status:"
