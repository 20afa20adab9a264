# image: busybox:1.35
# hostname: graceful-job-abcde
# termination: 12000 42000
trap 'echo "caught SIGTERM, cleaning up"; exit 0' TERM
i=0
while true; do
  i=$((i + 1))
  echo "tick $i"
  sleep 5
done
