# image: busybox:1.35
# hostname: long-job-abcde
# termination: 30000 60000
echo "working forever"
while true; do sleep 5; done
