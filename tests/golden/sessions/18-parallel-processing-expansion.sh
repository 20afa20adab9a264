# kubernetes.io "Parallel Processing using Expansions": one Job per item from a template
# expanded with sed (a `$` inside a basic regex is literal), created from a folder
cat > job-tmpl.yaml <<'EOT'
apiVersion: batch/v1
kind: Job
metadata:
  name: process-item-$ITEM
  labels:
    jobgroup: jobexample
spec:
  template:
    metadata:
      name: jobexample
      labels:
        jobgroup: jobexample
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: ["sh", "-c", "echo Processing item $ITEM && sleep 5"]
      restartPolicy: Never
EOT
mkdir ./jobs
for i in apple banana cherry
do
  cat job-tmpl.yaml | sed "s/\$ITEM/$i/" > ./jobs/job-$i.yaml
done
ls jobs/
kubectl create -f ./jobs
kubectl get jobs -l jobgroup=jobexample
sleep 15
kubectl get jobs -l jobgroup=jobexample
kubectl get pods -l jobgroup=jobexample
for p in $( kubectl get pods -l jobgroup=jobexample -o name)
do
  kubectl logs $p
done
kubectl delete -f ./jobs
kubectl delete -f jobs/job-apple.yaml
kubectl delete -f ./jobs job process-item-apple
kubectl get jobs -l jobgroup=jobexample
