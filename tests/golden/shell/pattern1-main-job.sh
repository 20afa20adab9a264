# image: busybox:1.35
# hostname: job-with-init-abcde
echo "Processing prepared data..." && sleep 10
