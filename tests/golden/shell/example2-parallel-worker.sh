# image: busybox:1.35
# hostname: parallel-processing-job-b9q4z
# Get a unique ID for this pod
POD_ID=$(hostname | cut -d'-' -f4-)
echo "Worker $POD_ID starting at $(date)"

# Simulate different processing times
WORK_TIME=$((5 + RANDOM % 10))
echo "Worker $POD_ID will work for $WORK_TIME seconds"

# Do the work
sleep $WORK_TIME

echo "Worker $POD_ID completed successfully at $(date)"
exit 0
