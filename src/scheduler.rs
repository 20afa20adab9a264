//! The kube-scheduler: binds pending pods to nodes whose free resources fit their requests.
