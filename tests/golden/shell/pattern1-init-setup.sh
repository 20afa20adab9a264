# image: busybox:1.35
# hostname: job-with-init-abcde
echo "Preparing data..." && sleep 5
