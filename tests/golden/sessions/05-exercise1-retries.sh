# Exercise 1: Failing Job with Retries
kubectl apply -f failing-job-demo.yaml
kubectl get pods --watch -l job-name=failing-job-demo
kubectl describe job failing-job-demo
