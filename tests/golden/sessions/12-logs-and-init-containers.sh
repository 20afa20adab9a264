# kubectl logs and a pod with an init container: the default container, all containers, a wrong name
kubectl apply -f job-with-init.yaml
sleep 60
kubectl logs job/job-with-init
kubectl logs job/job-with-init --all-containers
kubectl logs job/job-with-init -c nope
