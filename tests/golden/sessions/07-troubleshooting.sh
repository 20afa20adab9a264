# Troubleshooting Jobs (the guide's <job-name> is failing-job-demo)
kubectl apply -f failing-job-demo.yaml
sleep 60
# Issue 1: Job Stuck in Active State
kubectl get pods -l job-name=failing-job-demo
kubectl describe pods -l job-name=failing-job-demo
kubectl describe nodes
# Issue 2: Pods Keep Restarting
kubectl get job failing-job-demo -o yaml | grep restartPolicy
POD=$(kubectl get pods -l job-name=failing-job-demo -o jsonpath='{.items[0].metadata.name}')
kubectl logs $POD --previous
# Issue 3: Job Never Completes
kubectl describe job failing-job-demo
kubectl logs -l job-name=failing-job-demo
kubectl top pods -l job-name=failing-job-demo
# Debugging Commands
kubectl get events --field-selector involvedObject.name=failing-job-demo
kubectl logs -n kube-system -l component=kube-controller-manager
kubectl delete job failing-job-demo
kubectl apply -f failing-job-demo.yaml
kubectl delete job failing-job-demo --force --grace-period=0
