# The Eviction API through `kubectl create --raw`, as `kubectl drain` uses it per pod
kubectl create job evict-me --image=busybox:1.35 -- sleep 60
sleep 5
POD=$(kubectl get pods -l job-name=evict-me -o jsonpath='{.items[0].metadata.name}')
echo "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"$POD\"}}" | kubectl create --raw /api/v1/namespaces/default/pods/$POD/eviction -f -
kubectl get pod $POD -o jsonpath='{.status.conditions[?(@.type=="DisruptionTarget")].reason}{"\n"}'
echo '{"metadata":{"name":"other"}}' | kubectl create --raw /api/v1/namespaces/default/pods/$POD/eviction -f -
echo '{"metadata":{"name":"nope"}}' | kubectl create --raw /api/v1/namespaces/default/pods/nope/eviction -f -
kubectl create --raw /apis/batch/v1/namespaces/default/jobs -f -
sleep 40
kubectl get pods -l job-name=evict-me
kubectl get job evict-me
