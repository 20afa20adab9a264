# kubectl's own words for mistakes
kubectl gett pods
kubectl get jbos
kubectl get job nope
kubectl get pods --nope
kubectl describe job nope
kubectl logs nope
kubectl delete job nope
kubectl get pods -l 'app in (a'
kubectl get jobs --field-selector status.nope=1
kubectl version
kubectl api-resources
kubectl create job Bad_Name --image=busybox:1.36
kubectl create job twice --image=busybox:1.36
kubectl create job twice --image=busybox:1.36
kubectl create job noimage
kubectl create job both --image=busybox:1.36 --from=cronjob/nightly
kubectl create job aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa --image=busybox:1.36
