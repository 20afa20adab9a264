# kubectl label / annotate: NotFound per kind, --overwrite, unchanged values
kubectl label job nope tier=batch
kubectl annotate pod nope note=hi
kubectl create job hello --image=busybox:1.35 -- echo hi
kubectl label job hello tier=batch
kubectl label job hello tier=web
kubectl label job hello tier=web --overwrite
kubectl label job hello tier=web --overwrite
kubectl annotate job hello note=hi
kubectl get job hello --show-labels
kubectl label job hello tier-
