# A Job past its activeDeadlineSeconds: its running pod is deleted; `sh -c sleep` as PID 1
# ignores SIGTERM, so it is killed after the 30 s grace period. The watch's last lines are the
# pod's terminal status (Error, 0/1) and its deletion, as kubectl prints them (no
# `Terminating` once the phase is terminal).
kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: deadline-job
spec:
  activeDeadlineSeconds: 10
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.35
        command: ['sh', '-c', 'echo start; sleep 100']
EOF
kubectl get pods -w
kubectl get jobs
