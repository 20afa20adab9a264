# image: busybox:1.35
# hostname: failing-job-demo-zx8kp
# seed: 3
# Simulate unreliable process (50% failure rate)
if [ $((RANDOM % 2)) -eq 0 ]; then
  echo "Task failed! Exiting with error."
  exit 1
else
  echo "Task completed successfully!"
  exit 0
fi
