# kubectl wait as wait.go words it: a missing --for, Go durations, --timeout=0 checks once,
# --for=create/delete print "condition met", timeouts, objects visited in order, NotFound last
kubectl apply -f k8s-pi.yaml
kubectl wait job/pi
kubectl wait --for=condition=complete job/pi --timeout=30
kubectl wait --for=condition=complete job/pi --timeout=0
kubectl wait --for=create job/pi --timeout=0
kubectl wait --for=condition=complete job/pi --timeout=2s
kubectl wait --for=condition=complete job/nope job/pi --timeout=2m
kubectl wait --for=delete job/nope --timeout=5s
kubectl delete job pi --wait=false
kubectl wait --for=delete job/pi --timeout=60s
kubectl apply -f k8s-pi.yaml
kubectl delete job pi --wait=false
kubectl wait --for=condition=complete job/pi --timeout=60s
kubectl create job sleeper --image=busybox:1.35 -- sleep 600
sleep 2
kubectl wait --for=condition=Ready pods -l job-name=sleeper --timeout=60s
kubectl delete pods -l job-name=sleeper --wait=false
kubectl wait --for=delete pods -l job-name=sleeper --timeout=60s
