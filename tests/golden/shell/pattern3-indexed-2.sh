# image: busybox:1.35
# hostname: indexed-job-2
# env: JOB_COMPLETION_INDEX=2
echo "Processing batch ${JOB_COMPLETION_INDEX}"
# Each pod processes different data based on index
sleep $((5 + JOB_COMPLETION_INDEX * 2))
echo "Batch ${JOB_COMPLETION_INDEX} completed"
