# The namespaces every cluster starts with: get, -o yaml, describe, selectors, NotFound
kubectl get ns
kubectl get namespaces default -o yaml
kubectl describe ns kube-system
kubectl get ns --field-selector status.phase=Active -o name
kubectl get ns -l kubernetes.io/metadata.name=kube-public
kubectl get ns nope
